/** In-process timing of one piece of work: µs per call after a warm-up. */

/** µs per call of a synchronous `fn`, after a warm-up, over about `ms` milliseconds. */
export function timeSync(fn: () => unknown, ms = 400, maxIterations = Infinity): number {
  for (let i = 0; i < 200; i++) fn();
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms && n < maxIterations) {
    for (let i = 0; i < 20; i++) fn();
    n += 20;
    now = performance.now();
  }
  return ((now - start) * 1000) / n;
}

export async function timeAsync(fn: () => Promise<unknown>, ms = 400): Promise<number> {
  for (let i = 0; i < 200; i++) await fn();
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    await fn();
    n++;
    now = performance.now();
  }
  return ((now - start) * 1000) / n;
}
