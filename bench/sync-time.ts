/**
 * Sync-time benchmark (`npm run bench:sync`): a full sync of a large account per connector, the
 * way Talkdesk runs it (one request at a time, following next_offset, honouring Retry-After),
 * against each fake CRM enforcing that CRM's documented limits, on a clock scaled so that a run
 * takes a minute or less. Reported: wall time against the floor the limits allow, and every
 * non-200 answer Talkdesk saw. Target: at most 1.15 × the floor, no 429.
 *
 * Settings (environment): BENCH_SYNC_CONTACTS (default 20000); BENCH_SYNC_TWENTY_SCALE (default 4)
 * and BENCH_SYNC_SHOPIFY_SCALE (default 20): how many times faster than real the CRM's limit
 * windows run; BENCH_SYNC_TWENTY_ACCOUNT (default 100000): the Twenty account the run stands for,
 * whose buckets shrink by BENCH_SYNC_CONTACTS ÷ it; BENCH_SYNC_ONLY=twenty|shopify|salesforce to
 * run one. Every paced run must deliver every live contact, or the bench fails.
 *
 * Floors. Twenty: the page query takes one token of the workspace's long bucket per root field
 * (100 per 60 s by default, fake-crms/twenty/rate-limit.ts); Shopify: each page's actual cost
 * leaves the app's bucket, which restores 100 points/s on the Standard plan. The floor is
 * work ÷ rate (tokens or points used ÷ tokens or points restored per second). Both buckets start
 * full, so a run may beat it by one bucketful: the "strict" floor subtracts that. Salesforce has
 * no rate limit, only a daily allowance: its floor is the same run with the allowance off.
 * Every connector's run is also timed without limits (the fakes and the bridge on this machine):
 * no run can beat that either, so the headline ratio is against the larger of the strict floor
 * and that time.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createConnectors } from '../src/connectors/registry.js';
import { createCrmDeps } from '../src/crm-http/crm-deps.js';
import { createLogger } from '../src/logger.js';
import { createMetrics } from '../src/metrics.js';
import { startFakeTwenty, seedPeople, rootFieldCount, scaleRateLimits, TWENTY_DEFAULT_RATE_LIMITS } from '../fake-crms/twenty/index.js';
import { startFakeShopify, seedCustomers } from '../fake-crms/shopify/index.js';
import { startFakeSalesforce, seedContacts } from '../fake-crms/salesforce/index.js';

const CONTACTS = Number(process.env['BENCH_SYNC_CONTACTS'] ?? 20_000);
const TWENTY_SCALE = Number(process.env['BENCH_SYNC_TWENTY_SCALE'] ?? 4);
/**
 * The Twenty account the run stands for (the example, a 100,000-person first sync). At the
 * connector's 200-person pages, 20,000 people take 100 calls: exactly one full bucket of Twenty's
 * 100 tokens, which would measure nothing. So the buckets shrink with the account (20,000 of
 * 100,000: 20 tokens per window), and the run needs as many bucketfuls as the whole account would.
 */
const TWENTY_ACCOUNT = Number(process.env['BENCH_SYNC_TWENTY_ACCOUNT'] ?? 100_000);
const SHOPIFY_SCALE = Number(process.env['BENCH_SYNC_SHOPIFY_SCALE'] ?? 20);
const ONLY = process.env['BENCH_SYNC_ONLY'];
/** Talkdesk's behaviour after a 429 is undocumented; the bench waits the Retry-After, up to this. */
const MAX_RETRY_WAIT_S = 60;

interface Bridge {
  url: string;
  close(): Promise<void>;
}

async function startBridge(env: Record<string, string>, allowedHost: string): Promise<Bridge> {
  // Production settings; the bench calls without a token, as if behind an authenticating proxy.
  const config = loadConfig({ DEMO_CRM: 'off', LOG_LEVEL: 'warn', NODE_ENV: 'production', BRIDGE_AUTH_EXTERNAL: 'true', ...env });
  const quiet = new Writable({ write: (_c, _e, cb) => cb() });
  const metrics = createMetrics({ defaultMetrics: false });
  const app = createApp({
    config,
    logger: createLogger(config.logLevel, quiet),
    connectors: createConnectors(createCrmDeps(config, [allowedHost], metrics)),
    lifecycle: { accepting: true },
    metrics,
  });
  const server = http.createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface RunResult {
  wallMs: number;
  contacts: number;
  pages: number;
  /** Talkdesk-visible statuses other than 200, by status. */
  non200: Map<number, number>;
}

/** A full sync as Talkdesk runs it: one page at a time, next_offset followed, Retry-After honoured. */
async function talkdeskRun(url: string, auth: unknown): Promise<RunResult> {
  const non200 = new Map<number, number>();
  const ids = new Set<string>();
  let offset: string | null = null;
  let pages = 0;
  const started = performance.now();
  for (;;) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ auth, meta: { offset } }),
    });
    const body = (await res.json()) as { contacts?: { id: string }[]; next_offset?: string };
    if (res.status !== 200) {
      non200.set(res.status, (non200.get(res.status) ?? 0) + 1);
      const retryAfter = Number(res.headers.get('retry-after') ?? NaN);
      if (res.status !== 429 || !(retryAfter <= MAX_RETRY_WAIT_S) || (non200.get(429) ?? 0) > 100) {
        throw new Error(`the run stopped: HTTP ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      }
      await sleep(retryAfter * 1000);
      continue;
    }
    pages++;
    for (const c of body.contacts ?? []) ids.add(c.id);
    offset = body.next_offset ?? null;
    if (offset === null) break;
  }
  return { wallMs: performance.now() - started, contacts: ids.size, pages, non200 };
}

/** A paced run that drops a contact is no result at all: the fake's live records (or the unlimited run's) must all arrive. */
function mustDeliverAll(connector: string, run: RunResult, expected: number): void {
  if (run.contacts !== expected)
    throw new Error(`${connector}: the paced run delivered ${run.contacts} distinct contacts, expected ${expected}`);
}

interface Row {
  connector: string;
  setup: string;
  run: RunResult;
  unlimitedMs: number;
  floorMs: number;
  strictFloorMs: number | null;
  crmRefusals: number;
  work: string;
}

/** What no run can beat: the limits (a full bucket to start with) or the unlimited run's own time. */
const bound = (r: Row): number => Math.max(r.strictFloorMs ?? r.floorMs, r.unlimitedMs);
const fmtS = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const statuses = (m: Map<number, number>): string => (m.size === 0 ? 'none' : [...m].map(([s, n]) => `${n}×${s}`).join(', '));

async function twenty(): Promise<Row> {
  const KEY = 'bench-sync-twenty-key';
  const share = Math.min(1, CONTACTS / TWENTY_ACCOUNT);
  const shrink = (limit: { maxTokens: number; windowMs: number }) => ({
    ...limit,
    maxTokens: Math.max(1, Math.round(limit.maxTokens * share)),
  });
  const limits = scaleRateLimits(
    { short: shrink(TWENTY_DEFAULT_RATE_LIMITS.short), long: shrink(TWENTY_DEFAULT_RATE_LIMITS.long) },
    TWENTY_SCALE,
  );
  const fake = await startFakeTwenty({ apiKeys: [KEY], tokenBuckets: null, responseCache: false });
  seedPeople(fake.store, { count: CONTACTS, seed: 17 });
  const host = new URL(fake.url).host;
  // The bridge is told the same scaled limits (TWENTY_RATE_LIMITS), as an operator would for a server configured so.
  const env = { TWENTY_RATE_LIMITS: `${limits.short.maxTokens}/${limits.short.windowMs},${limits.long.maxTokens}/${limits.long.windowMs}` };
  const auth = { api_key: KEY, base_url: fake.url };
  // Without limits means without the bridge's pacing too: a bridge told of limits no run reaches.
  const unpaced = await startBridge({ TWENTY_RATE_LIMITS: '999999999/1000' }, host);
  let unlimited: RunResult;
  try {
    unlimited = await talkdeskRun(`${unpaced.url}/twenty/contacts`, auth);
  } finally {
    await unpaced.close();
  }
  const bridge = await startBridge(env, host);
  try {
    fake.resetRequests();
    fake.setOptions({ tokenBuckets: limits });
    const run = await talkdeskRun(`${bridge.url}/twenty/contacts`, auth);
    mustDeliverAll('twenty', run, fake.store.all().length);
    let tokens = 0;
    for (const r of fake.requests)
      if (r.status === 200 && r.query !== null) tokens += rootFieldCount(r.query, r.variables, r.operationName);
    const msPerToken = limits.long.windowMs / limits.long.maxTokens;
    return {
      connector: 'twenty',
      setup: `${CONTACTS} people, page ${Math.round(CONTACTS / run.pages)}, long bucket ${limits.long.maxTokens}/${limits.long.windowMs} ms (a ${TWENTY_ACCOUNT}-person account's, ×${TWENTY_SCALE})`,
      run,
      unlimitedMs: unlimited.wallMs,
      floorMs: tokens * msPerToken,
      strictFloorMs: Math.max(0, tokens - limits.long.maxTokens) * msPerToken,
      crmRefusals: fake.requests.filter((r) => r.status !== 200).length,
      work: `${tokens} tokens`,
    };
  } finally {
    await bridge.close();
    await fake.close();
  }
}

async function shopify(): Promise<Row> {
  const TOKEN = 'shpat_bench0123456789abcdef0123456';
  const bucket = { maximumAvailable: 2000, restoreRate: 100 * SHOPIFY_SCALE };
  const fake = await startFakeShopify({ accessTokens: [TOKEN], bucket: null });
  seedCustomers(fake.store, { count: CONTACTS, seed: 17 });
  const bridge = await startBridge({}, new URL(fake.url).host);
  const auth = { shop: 'bench-store', access_token: TOKEN, base_url: fake.url };
  try {
    const unlimited = await talkdeskRun(`${bridge.url}/shopify/contacts`, auth);
    fake.resetRequests();
    fake.setOptions({ bucket });
    const run = await talkdeskRun(`${bridge.url}/shopify/contacts`, auth);
    mustDeliverAll('shopify', run, unlimited.contacts);
    let points = 0;
    for (const r of fake.requests) points += r.actualCost ?? 0;
    const msPerPoint = 1000 / bucket.restoreRate;
    return {
      connector: 'shopify',
      setup: `${CONTACTS} customers, page ${Math.round(CONTACTS / run.pages)}, bucket ${bucket.maximumAvailable} restoring ${bucket.restoreRate}/s (×${SHOPIFY_SCALE})`,
      run,
      unlimitedMs: unlimited.wallMs,
      floorMs: points * msPerPoint,
      strictFloorMs: Math.max(0, points - bucket.maximumAvailable) * msPerPoint,
      crmRefusals: fake.requests.filter((r) => r.errorCodes.includes('THROTTLED')).length,
      work: `${points} points`,
    };
  } finally {
    await bridge.close();
    await fake.close();
  }
}

async function salesforce(): Promise<Row> {
  const TOKEN = '00Dbench!salesforce-access-token';
  const fake = await startFakeSalesforce({ accessTokens: [TOKEN] });
  seedContacts(fake.store, { count: CONTACTS, seed: 17 });
  const bridge = await startBridge({}, new URL(fake.url).host);
  const auth = { instance_url: fake.url, access_token: TOKEN };
  try {
    const unlimited = await talkdeskRun(`${bridge.url}/salesforce/contacts`, auth);
    fake.resetRequests();
    // An Enterprise org's allowance: 100,000 requests a day plus 1,000 per licence (limits cheat sheet).
    fake.setOptions({ requestLimit: 100_000 });
    const run = await talkdeskRun(`${bridge.url}/salesforce/contacts`, auth);
    mustDeliverAll('salesforce', run, unlimited.contacts);
    const usage = fake.apiUsage();
    return {
      connector: 'salesforce',
      setup: `${CONTACTS} contacts, page ${Math.round(CONTACTS / run.pages)}, daily allowance 100000 requests`,
      run,
      unlimitedMs: unlimited.wallMs,
      floorMs: unlimited.wallMs,
      strictFloorMs: null,
      crmRefusals: fake.requests.filter((r) => r.status !== 200).length,
      work: `${usage?.used ?? 0} requests of the allowance`,
    };
  } finally {
    await bridge.close();
    await fake.close();
  }
}

async function main(): Promise<void> {
  const scenarios: Array<[string, () => Promise<Row>]> = [
    ['twenty', twenty],
    ['shopify', shopify],
    ['salesforce', salesforce],
  ];
  const rows: Row[] = [];
  for (const [name, scenario] of scenarios) {
    if (ONLY !== undefined && ONLY !== name) continue;
    process.stdout.write(`running ${name}…\n`);
    const row = await scenario();
    rows.push(row);
    const r = row.run;
    process.stdout.write(
      [
        `${row.connector}: ${row.setup}`,
        `  ${r.contacts} contacts in ${r.pages} pages; CRM work ${row.work}; CRM refusals ${row.crmRefusals}`,
        `  wall ${fmtS(r.wallMs)}; floor ${fmtS(row.floorMs)} → ratio ${(r.wallMs / row.floorMs).toFixed(3)}` +
          (row.strictFloorMs !== null
            ? `; strict floor (bucket starts full) ${fmtS(row.strictFloorMs)} → ${(r.wallMs / row.strictFloorMs).toFixed(3)}`
            : ''),
        `  same sync without limits ${fmtS(row.unlimitedMs)}; ratio to the larger of that and the strict floor ${(r.wallMs / bound(row)).toFixed(3)}`,
        `  non-200 answers to Talkdesk: ${statuses(r.non200)}`,
        '',
      ].join('\n'),
    );
  }
  const worst = Math.max(...rows.map((r) => r.run.wallMs / bound(r)));
  const refused = rows.reduce((n, r) => n + (r.run.non200.get(429) ?? 0), 0);
  process.stdout.write(`target ≤ 1.15 × floor and no 429: worst ratio ${worst.toFixed(3)}, 429s to Talkdesk ${refused}\n`);
}

await main();
