/**
 * The load section: the bridge and the baseline under the same load, alternating round by round at
 * each concurrency, then medians, paired ratios and memory before and after.
 */
import type { Child } from './children.js';
import { load, type LoadResult } from './load.js';
import { f, line, median, memoryLine, pad } from './report.js';
import { CONNECTIONS, JIT_WARMUP, ROUNDS, SECONDS } from './settings.js';

export async function loadSection(bridge: Child, baseline: Child, fake: Child, body: string): Promise<void> {
  const targets = { bridge, baseline } as const;
  type Name = keyof typeof targets;
  const memBefore = { bridge: await bridge.stats(true), baseline: await baseline.stats(true) };
  // JIT warm-up of both, before anything is measured.
  for (const name of ['bridge', 'baseline'] as const) await load(targets[name], fake, body, 8, JIT_WARMUP, 0);

  const results = new Map<number, Record<Name, LoadResult[]>>();
  for (const connections of CONNECTIONS) {
    const perTarget: Record<Name, LoadResult[]> = { bridge: [], baseline: [] };
    results.set(connections, perTarget);
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate who goes first, so drift (thermal, other tenants) does not favour one side.
      const order: Name[] = round % 2 === 0 ? ['bridge', 'baseline'] : ['baseline', 'bridge'];
      for (const name of order) {
        const r = await load(targets[name], fake, body, connections, SECONDS);
        perTarget[name].push(r);
        line(
          `  c=${pad(String(connections), 2)} round ${round + 1} ${name.padEnd(8)} ${pad(f(r.rps, 0), 6)} req/s  p50 ${pad(f(r.p50), 7)} ms  p99 ${pad(f(r.p99), 7)} ms (with start ${pad(f(r.p99WithStart, 0), 5)})` +
            `  cpu ${pad(f(r.targetCpuUsPerReq, 0), 5)} µs/req (gc ${pad(f(r.gcMinorUsPerReq, 0), 4)}+${pad(f(r.gcMajorUsPerReq, 0), 4)})  fake ${pad(f(r.fakeCpuUsPerReq, 0), 4)} µs/req  loadgen ${pad(f(r.loadGenCpuPct, 0), 3)} %` +
            `  other procs ${pad(f(r.foreignCpuPct, 0), 3)} %` +
            (r.non2xx + r.errors + r.timeouts + r.unanswered > 0
              ? `  !! non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}, unanswered ${r.unanswered}`
              : ''),
        );
      }
    }
  }
  const memAfter = { bridge: await bridge.stats(false), baseline: await baseline.stats(false) };
  const memAfterGc = { bridge: await bridge.stats(true), baseline: await baseline.stats(true) };

  line();
  line(`Results (median over ${ROUNDS} round(s); ratios are medians of the per-round bridge/baseline ratios)`);
  line('conns  target      req/s    p50 ms    p99 ms   CPU µs/req  GC µs/req (minor+major)  | thr ratio  p99 ratio  CPU ratio');
  const verdict: string[] = [];
  for (const [connections, r] of results) {
    const ratios = r.bridge.map((b, i) => {
      const base = r.baseline[i] as LoadResult;
      return { thr: b.rps / base.rps, p99: b.p99 / base.p99, cpu: b.targetCpuUsPerReq / base.targetCpuUsPerReq };
    });
    const thr = median(ratios.map((x) => x.thr));
    const p99 = median(ratios.map((x) => x.p99));
    const cpu = median(ratios.map((x) => x.cpu));
    for (const name of ['bridge', 'baseline'] as const) {
      const rs = r[name];
      const tail = name === 'bridge' ? `  | ${pad(f(thr), 9)}  ${pad(f(p99), 9)}  ${pad(f(cpu), 9)}` : '  |';
      line(
        `${pad(String(connections), 5)}  ${name.padEnd(8)} ${pad(f(median(rs.map((x) => x.rps)), 0), 8)} ${pad(f(median(rs.map((x) => x.p50))), 9)} ${pad(f(median(rs.map((x) => x.p99))), 9)} ${pad(f(median(rs.map((x) => x.targetCpuUsPerReq)), 0), 12)}  ${pad(f(median(rs.map((x) => x.gcMinorUsPerReq)), 0), 10)} + ${pad(f(median(rs.map((x) => x.gcMajorUsPerReq)), 0), 10)}${tail}`,
      );
    }
    if (connections === 32) {
      verdict.push(`throughput ratio ${f(thr)} (target ≥ 0.90): ${thr >= 0.9 ? 'PASS' : 'FAIL'}`);
      verdict.push(`p99 ratio ${f(p99)} (target ≤ 1.20): ${p99 <= 1.2 ? 'PASS' : 'FAIL'}`);
    }
  }
  if (verdict.length > 0) line(`issue targets at 32 connections: ${verdict.join('; ')}`);

  line();
  line('Memory (heap "after GC" = after a full collection: what is still reachable)');
  for (const name of ['bridge', 'baseline'] as const) {
    line(memoryLine(`${name} before`, memBefore[name]));
    line(memoryLine(`${name} after`, memAfter[name]));
    line(memoryLine(`${name} after GC`, memAfterGc[name]));
  }
}
