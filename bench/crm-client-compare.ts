/**
 * Which HTTP client should carry the bridge's CRM calls? The hand-written node:http client
 * (src/crm-http/crm-fetch.ts) against undici (pinned in devDependencies), both asking the same
 * Twenty GraphQL page (the connector's own query document) of the fake Twenty CRM, which runs in
 * its own process on loopback (bench/fake-crm-child.ts). Self-contained: `npx tsx
 * bench/crm-client-compare.ts` on the Node to measure (npm scripts use the project's Node 24).
 *
 * Clients, each with keep-alive connections and the bridge's concurrency:
 *   node:http     createCrmFetch(): what the bridge uses today.
 *   undici Pool   Pool.request(): undici's fastest API, one origin.
 *   undici Agent  Agent.request(): what the bridge would need (many CRM origins, one dispatcher).
 *   undici fetch  undici.fetch() with its Agent: a WHATWG fetch, as graphql-request would call it.
 * Each round runs every client for BENCH_SECONDS with BENCH_CONNECTIONS calls in flight, in an
 * order rotated per round; the figures are medians over BENCH_ROUNDS rounds, and each client's
 * throughput is also given as a ratio to node:http's in the same run.
 *
 *   BENCH_PAGE (200)  BENCH_CONNECTIONS (32)  BENCH_SECONDS (4)  BENCH_ROUNDS (5)
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { print } from 'graphql';
import { Agent, Pool, fetch as undiciFetch } from 'undici';
import { createCrmFetch } from '../src/crm-http/crm-fetch.js';
import { TwentyPeoplePageDocument } from '../src/generated/twenty/graphql.js';
import { projectRoot } from '../src/project-root.js';

const num = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const PAGE = num('BENCH_PAGE', 200);
const CONNECTIONS = num('BENCH_CONNECTIONS', 32);
const SECONDS = num('BENCH_SECONDS', 4);
const ROUNDS = num('BENCH_ROUNDS', 5);
const API_KEY = 'bench-api-key'; // bench/fake-crm-child.ts accepts this one

const body = JSON.stringify({
  query: print(TwentyPeoplePageDocument),
  variables: { first: PAGE, orderBy: [{ updatedAt: 'AscNullsFirst' }, { id: 'AscNullsFirst' }], withLatest: false },
});
const headers = { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${API_KEY}` };

type Call = () => Promise<string>;

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  /** This process's CPU per call (µs): the client's own cost plus the loop's. */
  cpuUs: number;
}

async function measure(call: Call): Promise<Figures> {
  // Warm-up: connections open, code optimized.
  await Promise.all(Array.from({ length: CONNECTIONS }, () => call()));
  const latencies: number[] = [];
  const until = performance.now() + SECONDS * 1000;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (performance.now() < until) {
      const t = performance.now();
      const text = await call();
      if (text.length < 100) throw new Error(`unexpected answer: ${text}`);
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, () => worker()));
  const elapsed = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  const at = (q: number): number => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { rps: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), cpuUs: (used.user + used.system) / latencies.length };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const child = fork(`${projectRoot}/bench/fake-crm-child.ts`, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_PEOPLE: String(Math.max(PAGE, 5000)), BENCH_FAKE_MAX_PAGE: String(Math.max(PAGE, 2000)) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [ready] = (await once(child, 'message')) as [{ url: string }];
  const url = `${ready.url}/graphql`;
  const origin = new URL(ready.url).origin;
  const path = new URL(url).pathname;

  const crmFetch = createCrmFetch({ allowPrivateHosts: false, allowedHosts: [new URL(ready.url).host], timeoutMs: 30_000 });
  const pool = new Pool(origin, { connections: CONNECTIONS });
  const agent = new Agent({ connections: CONNECTIONS });
  const clients: Array<[string, Call]> = [
    ['node:http', async () => (await crmFetch(url, { method: 'POST', headers, body })).text()],
    ['undici Pool', async () => (await pool.request({ path, method: 'POST', headers, body })).body.text()],
    ['undici Agent', async () => (await agent.request({ origin, path, method: 'POST', headers, body })).body.text()],
    ['undici fetch', async () => (await undiciFetch(url, { method: 'POST', headers, body, dispatcher: agent })).text()],
  ];

  // The answers must be the same page, byte for byte, or the comparison means nothing.
  const answers = await Promise.all(clients.map(([, call]) => call()));
  if (new Set(answers).size !== 1) throw new Error('the clients did not get the same answer');
  console.log(
    `node ${process.version}, undici ${(await import('undici/package.json', { with: { type: 'json' } })).default.version}; ` +
      `page of ${PAGE} people (${answers[0]!.length} bytes), ${CONNECTIONS} in flight, ${ROUNDS} rounds of ${SECONDS} s`,
  );

  const results = new Map<string, Figures[]>(clients.map(([name]) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = clients.map((_, i) => clients[(i + round) % clients.length]!);
    for (const [name, call] of order) results.get(name)!.push(await measure(call));
  }

  const base = median(results.get('node:http')!.map((f) => f.rps));
  console.log('client          calls/s   vs node:http   p50 ms   p99 ms   CPU µs/call');
  for (const [name, figures] of results) {
    const rps = median(figures.map((f) => f.rps));
    console.log(
      `${name.padEnd(14)} ${rps.toFixed(0).padStart(8)}   ${(rps / base).toFixed(2).padStart(12)}` +
        `   ${median(figures.map((f) => f.p50))
          .toFixed(2)
          .padStart(6)}   ${median(figures.map((f) => f.p99))
          .toFixed(2)
          .padStart(6)}` +
        `   ${median(figures.map((f) => f.cpuUs))
          .toFixed(0)
          .padStart(11)}`,
    );
  }
  await Promise.all([pool.close(), agent.close()]);
  child.send({ id: 0, type: 'exit' });
  await once(child, 'exit');
}

await main();
