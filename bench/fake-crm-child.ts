/**
 * The benchmark's upstream: the fake Twenty CRM in its own process (started by bench/run.ts), so
 * that its work never shares an event loop with the bridge, the baseline or the load generator.
 *
 * Every benchmark request asks for the same first page, and the fake's response cache (on by
 * default, set explicitly here) answers a repeated identical query with the serialized text it
 * produced the first time while the store is unchanged. The upstream's cost is therefore small and
 * the same for the bridge and the baseline: a body read, a JSON.parse, a map lookup and a write.
 *
 *   BENCH_PEOPLE (5000)  BENCH_FAKE_MAX_PAGE (2000)
 */
import { seedPeople, startFakeTwenty } from '../fake-crms/twenty/index.js';
import { announce, serveProbe } from './child-probe.js';

export const BENCH_API_KEY = 'bench-api-key';

const people = Number(process.env['BENCH_PEOPLE'] ?? 5000);
const maxPageSize = Number(process.env['BENCH_FAKE_MAX_PAGE'] ?? 2000);

const fake = await startFakeTwenty({
  apiKeys: [BENCH_API_KEY],
  // ≥ every page size the benchmark asks for (200 under load, 2000 for the large page).
  maxPageSize,
  responseCache: true,
  // The fake logs every request for the tests' assertions; a short log keeps its cost flat.
  maxLoggedRequests: 16,
});
// A fixed seed and the store's deterministic clock: the same people, timestamps and cursors on every
// run, so the bridge's and the baseline's answers can be compared byte for byte.
seedPeople(fake.store, { count: people, seed: 20240501 });

serveProbe(() => {
  void fake.close().finally(() => process.exit(0));
});
announce({ type: 'ready', url: fake.url, info: { people, maxPageSize } });
