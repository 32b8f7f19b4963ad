/**
 * npm run bench — the bridge measured side by side with two hand-written proxies under the same
 * load on this machine: one doing the same unavoidable work with the bridge's own mapper
 * (bench/baseline-proxy.ts), one with a trivial mapping (bench/trivial-proxy.ts).
 *
 * Processes (each its own event loop; this one is only the load generator and the report):
 * - the fake Twenty CRM (bench/fake-crm-child.ts), 5,000 seeded people, maxPageSize 2000; every
 *   request asks for the same first page and the fake's response cache answers it from the text it
 *   serialized the first time, so the upstream's cost is small and constant for both targets;
 * - the bridge (bench/bridge-child.ts): the real createApp(), real connectors, CRM fetch, metrics
 *   and logger, NODE_ENV=production, LOG_LEVEL=info (JSON access log written to stdout = /dev/null),
 *   validation on, PAGE_SIZE=200, CRM_ALLOWED_HOSTS naming the fake;
 * - the baseline (bench/baseline-proxy.ts): node:http, one keep-alive upstream POST, the bridge's
 *   own mapper and token encoders, no framework, validation or logging;
 * - the trivial proxy (bench/trivial-proxy.ts): node:http, one keep-alive upstream POST of a
 *   minimal selection, a trivial mapping (calling code + digits) and JSON.stringify, sharing no
 *   code with the bridge: the floor of what any proxy costs (issue 17, "the cost of a contact");
 * - the same trivial proxy asking for the bridge's own selection (`trivial-full`): the same CRM
 *   answer as the bridge, with a trivial mapping, so the bridge's cost per contact is seen apart
 *   from the cost of reading a larger selection.
 * The bridge's and the baseline's answers are checked to be byte-identical before anything is
 * measured; the trivial proxy's (a different, smaller answer) to hold as many contacts.
 *
 * Sections: load (autocannon, programmatic, bridge/baseline/trivial in turns, 1/8/32 connections,
 * identical bodies, several rounds; medians and the bridge's paired ratios against each), CPU per request, memory before and
 * after, the mapper's in-process throughput, an in-process cost breakdown of one page, one large page
 * (PAGE_SIZE=2000) of Twenty against the baseline, one 2,000-contact Salesforce page (the largest page
 * any supported CRM answers; the bridge alone: latency, CPU, memory), and a CPU profile of each target under 32 connections (BENCH_PROFILE_CONNECTIONS; node --cpu-prof),
 * summarised by bench/summarize-profile.ts. Profiles go to bench/profiles/ (*.cpuprofile is
 * git-ignored).
 *
 * Environment (defaults give about 8 minutes):
 *   BENCH_SECONDS=10          length of each measured load run, per target, per round
 *   BENCH_ROUNDS=3            rounds per concurrency (the order rotates every round)
 *   BENCH_WARMUP_SECONDS=2    start of every load run left out of its figures (connections opening)
 *   BENCH_JIT_WARMUP_SECONDS=10  unmeasured load on every fresh target process before its first run
 *   BENCH_CONNECTIONS=1,8,32  concurrency levels
 *   BENCH_SECTIONS=load,mapper,large,profile   which sections to run (e.g. BENCH_SECTIONS=load for a quick A/B)
 *   BENCH_PROFILE=1           0 skips the profiles; BENCH_PROFILE_SECONDS (min(10, BENCH_SECONDS)),
 *                             BENCH_PROFILE_INTERVAL_US=2000 (sampling interval; finer costs more),
 *                             BENCH_PROFILE_CONNECTIONS=32
 *   BENCH_PEOPLE=5000         people seeded in the fake CRM
 *   BENCH_SF_CONTACTS=5000    contacts seeded in the fake Salesforce (large section)
 *   BENCH_PIN=1               pin the target alone on the last core (taskset), the rest on the others
 *   BENCH_TSX=0               1 runs the targets under tsx instead of compiled by tsc (tsconfig.bench.json, into dist/)
 *   BENCH_BRIDGE_NODE_FLAGS, BENCH_BASELINE_NODE_FLAGS, BENCH_TRIVIAL_NODE_FLAGS   node flags for one side; default: the
 *                             flags of `npm start` (production) for both, e.g. BENCH_BRIDGE_NODE_FLAGS=""
 *                             runs the bridge with Node's defaults
 * e.g. a quick smoke run: BENCH_SECONDS=2 BENCH_ROUNDS=1 BENCH_WARMUP_SECONDS=1 npm run bench
 *
 * Each round also reports the CPU used by other processes on the machine ("other procs", % of
 * one core, from /proc/stat): on a shared machine a round with a high figure is suspect.
 * Latency percentiles are computed here from every response's exact duration (autocannon's own
 * histogram has 1 ms resolution, too coarse at one connection).
 *
 * The sections live in bench/lib/, one file per concern; this file reads as the run's plan.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { OTHER_CORES, PIN, TARGET_CORE, compileTargets, pin, startChild, stopAllChildren, stopChild } from './lib/children.js';
import { largePageSection } from './lib/large-page.js';
import { loadSection } from './lib/load-comparison.js';
import { mapperSection } from './lib/page-breakdown.js';
import { profileSection } from './lib/profiles.js';
import { f, line, mb } from './lib/report.js';
import {
  API_KEY,
  BASELINE_FLAGS,
  BRIDGE_FLAGS,
  CONNECTIONS,
  LARGE_PAGE_SIZE,
  PAGE_SIZE,
  PEOPLE,
  PROFILE_SECONDS,
  ROOT,
  ROUNDS,
  SECONDS,
  SECTIONS,
  TRIVIAL_FLAGS,
  WARMUP,
} from './lib/settings.js';
import { comparableAnswer } from './lib/comparable-answer.js';
import { bridgeEnv as bridgeEnvFor, postContacts } from './lib/targets.js';

async function main(): Promise<void> {
  const started = performance.now();
  const cpus = os.cpus();
  const autocannonVersion = (
    JSON.parse(readFileSync(join(ROOT, 'node_modules', 'autocannon', 'package.json'), 'utf8')) as { version: string }
  ).version;
  line('Bridge vs. minimal proxy benchmark');
  line(
    `machine   ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} logical cores (availableParallelism ${os.availableParallelism()}), ${mb(os.totalmem())} RAM, ${os.platform()} ${os.release()}`,
  );
  line(
    `runtime   Node ${process.version}, autocannon ${autocannonVersion}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  line(
    `plan      ${ROUNDS} round(s) × ${SECONDS} s per target per concurrency (${CONNECTIONS.join(', ')} connections), warm-up ${WARMUP} s, page ${PAGE_SIZE} of ${PEOPLE} people`,
  );
  compileTargets();
  line(
    `targets   compiled by tsc into dist/ (tsconfig.bench.json), as production runs them${process.env['BENCH_TSX'] === '1' ? '; BENCH_TSX=1: under tsx instead' : ''}`,
  );
  pin(process.pid, OTHER_CORES);
  if (PIN) {
    line(
      `pinning   target (bridge, baseline or a trivial proxy) alone on core ${TARGET_CORE}; load generator and fake CRMs on core(s) ${OTHER_CORES}`,
    );
  } else if (cpus.length < 4) {
    line(`note      only ${cpus.length} cores for 3 busy processes (load generator, fake CRM, target): absolute numbers are contended;`);
    line('          the paired ratios and CPU µs per request are the comparable figures.');
  }

  const fake = await startChild('fake CRM', 'bench/fake-crm-child.ts', {
    BENCH_PEOPLE: String(PEOPLE),
    BENCH_FAKE_MAX_PAGE: String(LARGE_PAGE_SIZE),
  });
  const fakeHost = new URL(fake.url).host;
  const bridgeEnv = (pageSize: number): Record<string, string> => bridgeEnvFor(fakeHost, pageSize);
  const bridge = await startChild('bridge', 'bench/bridge-child.ts', bridgeEnv(PAGE_SIZE), BRIDGE_FLAGS);
  const baseline = await startChild('baseline', 'bench/baseline-proxy.ts', { PAGE_SIZE: String(PAGE_SIZE) }, BASELINE_FLAGS);
  const trivialEnv = { PAGE_SIZE: String(PAGE_SIZE) };
  const trivialFullEnv = { ...trivialEnv, TRIVIAL_SELECTION: 'bridge' };
  const trivial = await startChild('trivial', 'bench/trivial-proxy.ts', trivialEnv, TRIVIAL_FLAGS);
  const trivialFull = await startChild('trivial-full', 'bench/trivial-proxy.ts', trivialFullEnv, TRIVIAL_FLAGS);
  if (BRIDGE_FLAGS.length + BASELINE_FLAGS.length + TRIVIAL_FLAGS.length > 0) {
    line(
      `flags     bridge: ${BRIDGE_FLAGS.join(' ') || '(none)'}; baseline: ${BASELINE_FLAGS.join(' ') || '(none)'}; trivial: ${TRIVIAL_FLAGS.join(' ') || '(none)'}`,
    );
  }
  line(`bridge    ${JSON.stringify(bridge.info)}`);
  line(`upstream  fake Twenty CRM at ${fake.url}, ${JSON.stringify(fake.info)}, response cache on (repeated identical queries are`);
  line('          answered from the text serialized the first time: cheap, and the same cost for both targets)');

  const body = JSON.stringify({ auth: { api_key: API_KEY, base_url: fake.url }, meta: {} });
  const post = (url: string): Promise<{ status: number; text: string }> => postContacts(url, body);
  const fromBridge = await post(bridge.url);
  const fromBaseline = await post(baseline.url);
  const bridgeText = comparableAnswer(fromBridge.text);
  if (fromBridge.status !== 200 || bridgeText !== fromBaseline.text) {
    let at = 0;
    while (at < bridgeText.length && bridgeText[at] === fromBaseline.text[at]) at++;
    throw new Error(
      `the targets do not give the same answer (bridge ${fromBridge.status}, first difference at character ${at}):\n` +
        `bridge:   ${bridgeText.slice(Math.max(0, at - 80), at + 80)}\nbaseline: ${fromBaseline.text.slice(Math.max(0, at - 80), at + 80)}`,
    );
  }
  const page = JSON.parse(fromBridge.text) as { contacts: unknown[] };
  line(
    `answers   identical but for the bridge's pacing state in next_offset: ${page.contacts.length} contacts, ${fromBridge.text.length} bytes per response`,
  );
  for (const [name, child, what] of [
    ['trivial', trivial, 'selecting only what it maps'],
    ['trivial-full', trivialFull, "reading the bridge's own CRM answer"],
  ] as const) {
    const answer = await post(child.url);
    const count = answer.status === 200 ? (JSON.parse(answer.text) as { contacts: unknown[] }).contacts.length : -1;
    if (count !== page.contacts.length) {
      throw new Error(`the ${name} proxy answered ${answer.status} with ${count} contacts: ${answer.text.slice(0, 300)}`);
    }
    line(`          ${name} proxy (${what}): ${count} contacts, ${answer.text.length} bytes per response (trivial mapping, fewer fields)`);
  }

  if (SECTIONS.has('load')) {
    const targets = [
      { name: 'bridge', child: bridge },
      { name: 'baseline', child: baseline },
      { name: 'trivial', child: trivial },
      { name: 'trivial-full', child: trivialFull },
    ];
    await loadSection(targets, fake, body);
  }
  if (SECTIONS.has('mapper')) await mapperSection(fake.url, body);
  if (SECTIONS.has('large')) await largePageSection(fake, body, bridgeEnv, post);
  if (SECTIONS.has('profile') && PROFILE_SECONDS > 0) {
    await stopChild(bridge);
    await stopChild(baseline);
    await stopChild(trivial);
    await stopChild(trivialFull);
    await profileSection(fake, body, [
      ['bridge', 'bench/bridge-child.ts', bridgeEnv(PAGE_SIZE), BRIDGE_FLAGS],
      ['baseline', 'bench/baseline-proxy.ts', { PAGE_SIZE: String(PAGE_SIZE) }, BASELINE_FLAGS],
      ['trivial', 'bench/trivial-proxy.ts', trivialEnv, TRIVIAL_FLAGS],
      ['trivial-full', 'bench/trivial-proxy.ts', trivialFullEnv, TRIVIAL_FLAGS],
    ]);
  }

  line();
  line(`total time ${f((performance.now() - started) / 1000, 0)} s`);
}

try {
  await main();
} finally {
  await stopAllChildren();
}
