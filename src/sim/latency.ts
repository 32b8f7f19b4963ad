export interface LatencySummary {
  p50: number | null;
  p95: number | null;
  max: number | null;
}

/** Nearest-rank percentiles: every reported value is a latency that was actually observed. */
export function summarizeLatency(samples: readonly number[]): LatencySummary {
  if (samples.length === 0) return { p50: null, p95: null, max: null };
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number): number => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { p50: rank(50), p95: rank(95), max: sorted[sorted.length - 1]! };
}
