/**
 * Bounded load-and-soak run (npm run soak; not part of the test suite).
 *
 * The bridge runs as a child process (the real src/server.ts, production-like: JSON logs to
 * /dev/null, validation on), the fake Twenty CRM runs here on loopback with 3,000 people, and
 * autocannon drives a mix of Talkdesk requests (first pages, later pages, incremental syncs, bad
 * bodies) for SOAK_SECONDS while faults are injected into the CRM: 5xx, resets, hangs, throttling,
 * junk answers. It prints requests served, answers by status, and the bridge's memory at the start
 * and the end (RSS from /proc, heap from its own /metrics), so growth beyond noise shows.
 *
 *   SOAK_SECONDS=180 (default)  SOAK_CONNECTIONS=16  SOAK_FAULT_EVERY_MS=50
 * All traffic stays on 127.0.0.1; the run stops by itself.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { seedPeople, startFakeTwenty, type FaultKind } from '../fake-crms/twenty/index.js';

const SECONDS = Number(process.env['SOAK_SECONDS'] ?? 180);
const CONNECTIONS = Number(process.env['SOAK_CONNECTIONS'] ?? 16);
const FAULT_EVERY_MS = Number(process.env['SOAK_FAULT_EVERY_MS'] ?? 50);
const PORT = 3000 + Math.floor(Math.random() * 2000) + 30000;

const fake = await startFakeTwenty({ apiKeys: ['soak-key'], maxPageSize: 200, realClock: true, maxLoggedRequests: 100 });
seedPeople(fake.store, { count: 3000, seed: 99 });
const auth = { api_key: 'soak-key', base_url: fake.url };

const bridge = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
  env: {
    PATH: process.env['PATH'] ?? '',
    NODE_ENV: 'production',
    // Production refuses to start without BRIDGE_TOKEN; the soak run calls without one.
    BRIDGE_AUTH_EXTERNAL: 'true',
    HOST: '127.0.0.1',
    PORT: String(PORT),
    PAGE_SIZE: '100',
    CRM_TIMEOUT_MS: '1000',
    REQUEST_DEADLINE_MS: '3000',
    CRM_ALLOWED_HOSTS: new URL(fake.url).host,
    LOG_FORMAT: 'json',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const base = `http://127.0.0.1:${PORT}`;
for (let i = 0; ; i++) {
  if (i > 200) throw new Error('bridge did not start');
  try {
    if ((await fetch(`${base}/health`)).ok) break;
  } catch {
    /* not up yet */
  }
  await sleep(100);
}

async function post(body: unknown): Promise<any> {
  const res = await fetch(`${base}/twenty/contacts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return res.json();
}

// A realistic mix: the first page, later pages of a run, an incremental sync, and bad requests.
const first = await post({ auth, meta: {} });
const offsets: string[] = [];
let page = first;
while (page.next_offset && offsets.length < 10) {
  offsets.push(page.next_offset);
  page = await post({ auth, meta: { offset: page.next_offset } });
}
const bodies = [
  { auth, meta: {} },
  ...offsets.map((offset) => ({ auth, meta: { offset } })),
  { auth, meta: { synchronization_checkpoint: first.synchronization_checkpoint } },
  { auth, meta: { offset: 'garbage' } },
  { auth: { api_key: 'wrong', base_url: fake.url } },
];

async function memory(): Promise<{ rssMb: number; heapMb: number }> {
  const status = readFileSync(`/proc/${bridge.pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  const metrics = await (await fetch(`${base}/metrics`)).text();
  const heap = Number(/^nodejs_heap_size_used_bytes (\S+)/m.exec(metrics)?.[1] ?? 0);
  return { rssMb: Math.round(rssKb / 102.4) / 10, heapMb: Math.round(heap / 104857.6) / 10 };
}

const faults: FaultKind[] = ['http500', 'http503', 'reset', 'hang', 'throttle', 'not-json', 'bad-shape', 'graphql-internal'];
let injected = 0;
const injector = setInterval(() => {
  fake.injectFaults([faults[injected++ % faults.length] as FaultKind]);
}, FAULT_EVERY_MS);

const requests = bodies.map((b) => ({
  method: 'POST' as const,
  path: '/twenty/contacts',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(b),
}));

// Warm up, then measure memory over the soak.
await autocannon({
  url: base,
  connections: CONNECTIONS,
  duration: 5,
  requests,
});
const before = await memory();
const statuses = new Map<number, number>();
const result = await autocannon({
  url: base,
  connections: CONNECTIONS,
  duration: SECONDS,
  timeout: 10,
  requests,
  setupClient(client) {
    client.on('response', (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1));
  },
});
clearInterval(injector);
await sleep(1000);
const after = await memory();
const health = await fetch(`${base}/health`);

console.log(`\nSoak: ${SECONDS} s, ${CONNECTIONS} connections, a CRM fault every ${FAULT_EVERY_MS} ms (${injected} injected)`);
console.log(
  `requests served   ${result.requests.total} (${Math.round(result.requests.average)}/s), client errors/timeouts ${result.errors}/${result.timeouts}`,
);
console.log(`latency           p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
console.log(
  'answers by status ' +
    [...statuses.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([s, n]) => `${s}: ${n}`)
      .join(', '),
);
console.log(`bridge memory     RSS ${before.rssMb} MB -> ${after.rssMb} MB, heap used ${before.heapMb} MB -> ${after.heapMb} MB`);
console.log(`still healthy     ${health.status === 200 ? 'yes' : 'NO'}`);

bridge.kill('SIGTERM');
await new Promise((resolve) => bridge.once('exit', resolve));
await fake.close();
const unexpected = [...statuses.keys()].filter((s) => s >= 500 && s !== 502 && s !== 504);
process.exit(health.status === 200 && unexpected.length === 0 ? 0 : 1);
