import { PerformanceObserver, constants } from 'node:perf_hooks';

/**
 * The IPC side channel shared by the benchmark's child processes (fake CRM, bridge, baseline).
 * Memory, CPU time and profile marks travel over the fork IPC channel rather than over HTTP, so
 * that the bridge keeps exactly the routes it has in production and the measurement never shares a
 * socket, a route table or a middleware with the traffic being measured.
 */

/** What a child reports about itself. Bytes, except `maxRssKb` (what getrusage gives). */
export interface ProcessStats {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** Peak RSS over the process's whole life (getrusage). */
  maxRssKb: number;
  /** CPU time used so far, user + system, in microseconds. */
  cpuUs: number;
  /** Largest heapUsed seen by the optional sampler (BENCH_SAMPLE_PEAK=1), else null. */
  peakHeapUsed: number | null;
  /** process.hrtime in µs when the stats were taken: the clock V8's CPU profiles use. */
  monotonicUs: number;
  /** Garbage-collection pauses so far (ms), from the `gc` performance entries; forced ones excluded. */
  gcMinorMs: number;
  gcMajorMs: number;
  gcCount: number;
}

export type ProbeRequest = { id: number; type: 'stats'; gc?: boolean } | { id: number; type: 'exit' };
export type ProbeReply = { id: number; stats?: ProcessStats; ok?: boolean };
/** The first message a child sends, once it is listening. */
export interface ReadyMessage {
  type: 'ready';
  url: string;
  /** Anything else the child wants the parent to know (e.g. the fake's seeded size). */
  info?: Record<string, unknown>;
}

let peakHeapUsed: number | null = null;
const gcTotals = { minor: 0, major: 0, count: 0 };

/**
 * Every child counts its GC pauses the same way, so the bridge's and the baseline's are comparable.
 * Minor = scavenges; major = mark-compact, incremental marking and weak-callback processing.
 */
function observeGc(): void {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const detail = (entry as { detail?: { kind?: number; flags?: number } }).detail;
      if (((detail?.flags ?? 0) & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) !== 0) continue; // the probe's own gc()
      gcTotals.count++;
      if (detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) gcTotals.minor += entry.duration;
      else gcTotals.major += entry.duration;
    }
  }).observe({ entryTypes: ['gc'] });
}

function currentStats(): ProcessStats {
  const mem = process.memoryUsage();
  const cpu = process.cpuUsage();
  if (peakHeapUsed !== null && mem.heapUsed > peakHeapUsed) peakHeapUsed = mem.heapUsed;
  return {
    rss: mem.rss,
    heapUsed: mem.heapUsed,
    heapTotal: mem.heapTotal,
    external: mem.external,
    arrayBuffers: mem.arrayBuffers,
    maxRssKb: process.resourceUsage().maxRSS,
    cpuUs: cpu.user + cpu.system,
    peakHeapUsed,
    monotonicUs: Number(process.hrtime.bigint() / 1000n),
    gcMinorMs: gcTotals.minor,
    gcMajorMs: gcTotals.major,
    gcCount: gcTotals.count,
  };
}

/**
 * Answer the parent's probe requests. `shutdown` runs on an `exit` request and must end the
 * process with process.exit(0): that is what makes `node --cpu-prof` write its profile (a signal
 * would kill the process before V8 serialises it).
 */
export function serveProbe(shutdown: () => void): void {
  if (!process.send) throw new Error('this benchmark child must be started with an IPC channel (bench/run.ts does)');
  observeGc();
  if (process.env['BENCH_SAMPLE_PEAK'] === '1') {
    // Only the large-page run turns this on: sampling every 5 ms costs a little CPU.
    peakHeapUsed = 0;
    setInterval(() => currentStats(), 5).unref();
  }
  process.on('message', (message: ProbeRequest) => {
    if (message.type === 'exit') {
      process.send?.({ id: message.id, ok: true } satisfies ProbeReply, () => shutdown());
      return;
    }
    const gc = (globalThis as { gc?: () => void }).gc;
    // After a full GC, heapUsed is what is still reachable: growth there is a leak, not garbage.
    if (message.gc && gc) gc();
    process.send?.({ id: message.id, stats: currentStats() } satisfies ProbeReply);
  });
  // Never outlive the benchmark, even if it crashes.
  process.on('disconnect', () => process.exit(0));
}

export function announce(message: ReadyMessage): void {
  process.send?.(message);
}
