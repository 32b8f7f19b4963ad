/**
 * One load run against a target (autocannon), measured over a steady-state window: throughput,
 * latency percentiles, and the CPU and GC time of the target and the fake CRM per request.
 */
import autocannon from 'autocannon';
import type { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import type { ProcessStats } from '../child-probe.js';
import type { Child } from './children.js';
import { WARMUP } from './settings.js';

export interface LoadResult {
  /** Responses completed inside the measured window, per second. */
  rps: number;
  /** Latency of the requests sent inside the measured window. */
  p50: number;
  p99: number;
  /** p99 over every response of the run, the connection start included (for comparison only). */
  p99WithStart: number;
  /** Responses completed inside the measured window. */
  requests: number;
  /** Requests sent inside the window that had not been answered when the run ended (want 0). */
  unanswered: number;
  /** Responses other than 2xx, client errors and timeouts: any of them spoils the comparison. */
  non2xx: number;
  errors: number;
  timeouts: number;
  targetCpuUsPerReq: number;
  /** The target's GC pauses per request (µs): minor (scavenge) and major (mark-compact and co). */
  gcMinorUsPerReq: number;
  gcMajorUsPerReq: number;
  fakeCpuUsPerReq: number;
  /** This process's CPU use during the window (the load generator): near 100 % means it is the limit. */
  loadGenCpuPct: number;
  /**
   * CPU used on this machine by processes other than the benchmark's, in % of one core (from
   * /proc/stat; NaN elsewhere). Another tenant's build or test run skews a round; this shows which.
   */
  foreignCpuPct: number;
  /** The window's edges on the target's monotonic clock (µs), to cut its CPU profile to the window. */
  targetWindowUs: [number, number];
}

/** Busy CPU time of the whole machine so far, in µs, from /proc/stat (NaN when unavailable). */
function machineBusyUs(): number {
  try {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal: everything but idle and iowait is busy.
    const busy = fields.slice(0, 8).reduce((sum, v, i) => (i === 3 || i === 4 ? sum : sum + v), 0);
    return (busy * 1e6) / 100; // USER_HZ is 100 on Linux
  } catch {
    return NaN;
  }
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** Every counter a window needs, read at one moment. */
async function snapshot(
  target: Child,
  fake: Child,
): Promise<{ target: ProcessStats; fake: ProcessStats; cpu: NodeJS.CpuUsage; machine: number; at: number }> {
  const [t, fk] = await Promise.all([target.stats(), fake.stats()]);
  return { target: t, fake: fk, cpu: process.cpuUsage(), machine: machineBusyUs(), at: performance.now() };
}

/** How long after the measured window a run goes on, so that the window's last requests are answered. */
const DRAIN_SECONDS = 2;

/**
 * One load run of `warmup + seconds + DRAIN_SECONDS` on fresh connections, measured over the
 * window [warmup, warmup + seconds] only: steady state. autocannon opens all its connections at
 * once, and while a saturated target serves the first ones, the requests on the others wait for
 * accept, read and upstream turns of an event loop whose every turn is long; measured here, that
 * start put the first requests of both targets at 1–3 s (10× their steady p99) and made a 10-s
 * round's p99 a draw of which target suffered more. That start is still reported (`p99WithStart`).
 * Latency percentiles are over the requests sent inside the window; throughput and CPU per
 * request over the responses completed inside it, with the targets' counters read at both edges.
 */
export async function load(
  target: Child,
  fake: Child,
  body: string,
  connections: number,
  seconds: number,
  warmup = WARMUP,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const all: number[] = [];
  let windowStart = Infinity;
  let windowEnd = Infinity;
  let completedInWindow = 0;
  let sentInWindow = 0;
  const startedAt = performance.now();
  const edges: Array<Promise<Awaited<ReturnType<typeof snapshot>>>> = [];
  const timers = [
    setTimeout(() => {
      windowStart = performance.now();
      edges[0] = snapshot(target, fake);
    }, warmup * 1000),
    setTimeout(
      () => {
        windowEnd = performance.now();
        edges[1] = snapshot(target, fake);
      },
      (warmup + seconds) * 1000,
    ),
  ];
  if (warmup === 0) windowStart = startedAt;
  const result = await autocannon({
    url: `${target.url}/twenty/contacts`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections,
    duration: warmup + seconds + DRAIN_SECONDS,
    timeout: 30,
    setupClient(client) {
      // autocannon's Client emits 'request' as it writes each request; its typings omit the event.
      (client as unknown as EventEmitter).on('request', () => {
        const now = performance.now();
        if (now >= windowStart && now < windowEnd) sentInWindow++;
      });
      client.on('response', (status: number, _bytes: number, durationMs: number) => {
        const now = performance.now();
        if (status !== 200) return;
        all.push(durationMs);
        if (now >= windowStart && now < windowEnd) completedInWindow++;
        const sentAt = now - durationMs;
        if (sentAt >= windowStart && sentAt < windowEnd) latencies.push(durationMs);
      });
    },
  });
  for (const t of timers) clearTimeout(t);
  if (edges.length < 2 || windowEnd === Infinity) throw new Error('the load run ended before its measured window closed');
  const [before, after] = await Promise.all(edges as [ReturnType<typeof snapshot>, ReturnType<typeof snapshot>]);
  const windowSeconds = (windowEnd - windowStart) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  const requests = Math.max(1, completedInWindow);
  const wall = after.at - before.at;
  const cpuUs = after.cpu.user + after.cpu.system - (before.cpu.user + before.cpu.system);
  const targetCpu = after.target.cpuUs - before.target.cpuUs;
  const fakeCpu = after.fake.cpuUs - before.fake.cpuUs;
  const machine = after.machine - before.machine;
  return {
    rps: completedInWindow / windowSeconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    p99WithStart: percentile(Float64Array.from(all).sort(), 99),
    requests: completedInWindow,
    unanswered: sentInWindow - latencies.length,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    targetCpuUsPerReq: targetCpu / requests,
    gcMinorUsPerReq: ((after.target.gcMinorMs - before.target.gcMinorMs) * 1000) / requests,
    gcMajorUsPerReq: ((after.target.gcMajorMs - before.target.gcMajorMs) * 1000) / requests,
    fakeCpuUsPerReq: fakeCpu / requests,
    loadGenCpuPct: (100 * (cpuUs / 1000)) / wall,
    foreignCpuPct: Math.max(0, (100 * ((machine - (targetCpu + fakeCpu + cpuUs)) / 1000)) / wall),
    targetWindowUs: [before.target.monotonicUs, after.target.monotonicUs],
  };
}
