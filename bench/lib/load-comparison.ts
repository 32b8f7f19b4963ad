/**
 * The load section: the bridge and its references (the baseline proxy, which shares the bridge's
 * mapper and tokens, and the trivial-mapping proxy, which shares nothing) under the same load,
 * taking turns round by round at each concurrency (the order rotates every round); then medians,
 * the bridge's paired ratios against each reference, and memory before and after.
 */
import type { ProcessStats } from '../child-probe.js';
import type { Child } from './children.js';
import { load, type LoadResult } from './load.js';
import { f, line, median, memoryLine, pad } from './report.js';
import { CONNECTIONS, JIT_WARMUP, ROUNDS, SECONDS } from './settings.js';

export interface NamedTarget {
  name: string;
  child: Child;
}

/** Issue targets at 32 connections, bridge ÷ reference: [reference, what, minimum or maximum]. */
const TARGETS: ReadonlyArray<{ reference: string; figure: 'thr' | 'p99'; bound: number; atLeast: boolean; issue: string }> = [
  { reference: 'baseline', figure: 'thr', bound: 0.9, atLeast: true, issue: 'issue 2' },
  { reference: 'baseline', figure: 'p99', bound: 1.2, atLeast: false, issue: 'issue 2' },
  { reference: 'trivial', figure: 'thr', bound: 0.5, atLeast: true, issue: 'issue 17' },
  { reference: 'trivial-full', figure: 'thr', bound: 0.5, atLeast: true, issue: 'issue 17' },
];

/** `targets[0]` is the bridge; every other target is a reference it is compared with. */
export async function loadSection(targets: readonly NamedTarget[], fake: Child, body: string): Promise<void> {
  const bridge = targets[0] as NamedTarget;
  const memBefore = await Promise.all(targets.map((t) => t.child.stats(true)));
  // JIT warm-up of every target, before anything is measured.
  for (const t of targets) await load(t.child, fake, body, 8, JIT_WARMUP, 0);

  const results = new Map<number, Map<string, LoadResult[]>>();
  for (const connections of CONNECTIONS) {
    const perTarget = new Map(targets.map((t) => [t.name, [] as LoadResult[]]));
    results.set(connections, perTarget);
    for (let round = 0; round < ROUNDS; round++) {
      // Rotate who goes first, so drift (thermal, other tenants) does not favour one side.
      const order = targets.map((_, i) => targets[(i + round) % targets.length] as NamedTarget);
      for (const { name, child } of order) {
        const r = await load(child, fake, body, connections, SECONDS);
        perTarget.get(name)?.push(r);
        line(
          `  c=${pad(String(connections), 2)} round ${round + 1} ${name.padEnd(12)} ${pad(f(r.rps, 0), 6)} req/s  p50 ${pad(f(r.p50), 7)} ms  p99 ${pad(f(r.p99), 7)} ms (with start ${pad(f(r.p99WithStart, 0), 5)})` +
            `  cpu ${pad(f(r.targetCpuUsPerReq, 0), 5)} µs/req (gc ${pad(f(r.gcMinorUsPerReq, 0), 4)}+${pad(f(r.gcMajorUsPerReq, 0), 4)})  fake ${pad(f(r.fakeCpuUsPerReq, 0), 4)} µs/req  loadgen ${pad(f(r.loadGenCpuPct, 0), 3)} %` +
            `  other procs ${pad(f(r.foreignCpuPct, 0), 3)} %` +
            (r.non2xx + r.errors + r.timeouts + r.unanswered > 0
              ? `  !! non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}, unanswered ${r.unanswered}`
              : ''),
        );
      }
    }
  }
  const memAfter = await Promise.all(targets.map((t) => t.child.stats(false)));
  const memAfterGc = await Promise.all(targets.map((t) => t.child.stats(true)));

  line();
  line(
    `Results (median over ${ROUNDS} round(s); ratios are bridge ÷ that row's target, medians of the per-round ratios; CPU ratio > 1: the bridge costs more)`,
  );
  line('conns  target          req/s    p50 ms    p99 ms   CPU µs/req  GC µs/req (minor+major)  | thr ratio  p99 ratio  CPU ratio');
  const verdict: string[] = [];
  for (const [connections, r] of results) {
    const own = r.get(bridge.name) as LoadResult[];
    for (const t of targets) {
      const rs = r.get(t.name) as LoadResult[];
      let tail = '  |';
      if (t !== bridge) {
        const ratios = own.map((b, i) => {
          const ref = rs[i] as LoadResult;
          return { thr: b.rps / ref.rps, p99: b.p99 / ref.p99, cpu: b.targetCpuUsPerReq / ref.targetCpuUsPerReq };
        });
        const ratio = {
          thr: median(ratios.map((x) => x.thr)),
          p99: median(ratios.map((x) => x.p99)),
          cpu: median(ratios.map((x) => x.cpu)),
        };
        tail = `  | ${pad(f(ratio.thr), 9)}  ${pad(f(ratio.p99), 9)}  ${pad(f(ratio.cpu), 9)}`;
        if (connections === 32) {
          for (const goal of TARGETS.filter((g) => g.reference === t.name)) {
            const value = ratio[goal.figure];
            const pass = goal.atLeast ? value >= goal.bound : value <= goal.bound;
            verdict.push(
              `${goal.figure === 'thr' ? 'throughput' : 'p99'} vs ${t.name} ${f(value)} (${goal.issue}: ${goal.atLeast ? '≥' : '≤'} ${f(goal.bound)}): ${pass ? 'PASS' : 'FAIL'}`,
            );
          }
        }
      }
      line(
        `${pad(String(connections), 5)}  ${t.name.padEnd(12)} ${pad(f(median(rs.map((x) => x.rps)), 0), 8)} ${pad(f(median(rs.map((x) => x.p50))), 9)} ${pad(f(median(rs.map((x) => x.p99))), 9)} ${pad(f(median(rs.map((x) => x.targetCpuUsPerReq)), 0), 12)}  ${pad(f(median(rs.map((x) => x.gcMinorUsPerReq)), 0), 10)} + ${pad(f(median(rs.map((x) => x.gcMajorUsPerReq)), 0), 10)}${tail}`,
      );
    }
  }
  if (verdict.length > 0) line(`issue targets at 32 connections: ${verdict.join('; ')}`);

  line();
  line('Memory (heap "after GC" = after a full collection: what is still reachable)');
  targets.forEach((t, i) => {
    line(memoryLine(`${t.name} before`, memBefore[i] as ProcessStats));
    line(memoryLine(`${t.name} after`, memAfter[i] as ProcessStats));
    line(memoryLine(`${t.name} after GC`, memAfterGc[i] as ProcessStats));
  });
}
