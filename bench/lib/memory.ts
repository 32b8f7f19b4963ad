/**
 * The memory one page needs, as the smallest heap that serves it (a binary search over V8's
 * old-generation limit).
 */
import { startChild, stopChild, type Child } from './children.js';

/**
 * The memory one page needs, measured as the smallest heap that serves it: the target is started
 * with a 1-MB young generation and a given old-generation limit, and passes when it answers
 * `request` correctly three times in a row (a target short of heap dies with V8's "heap out of
 * memory"). A binary search over the limit gives the peak of what the page keeps alive, garbage
 * excluded — unlike a sampled heapUsed, which under the production flags is mostly young garbage
 * waiting for the next scavenge of a 64-MB semi-space, and cannot see inside the one synchronous
 * turn that parses, maps and serializes a page. `idleMb` is the same target's heap after a full
 * collection once it has served the page, so `smallestMb - idleMb` bounds the page's own working set.
 */
export async function smallestHeap(
  name: string,
  script: string,
  env: Record<string, string>,
  request: (child: Child) => Promise<boolean>,
): Promise<{ smallestMb: number; idleMb: number } | null> {
  const fits = async (limitMb: number): Promise<{ ok: boolean; idleMb: number }> => {
    let child: Child | undefined;
    try {
      child = await startChild(
        `${name} (heap ${limitMb} MB)`,
        script,
        env,
        ['--max-semi-space-size=1', `--max-old-space-size=${limitMb}`],
        true,
      );
      for (let i = 0; i < 3; i++) if (!(await request(child))) return { ok: false, idleMb: NaN };
      // After the requests: the code, inline caches and metrics the request path leaves behind
      // are part of the idle heap, not of the page.
      return { ok: true, idleMb: (await child.stats(true)).heapUsed / 1048576 };
    } catch {
      return { ok: false, idleMb: NaN };
    } finally {
      if (child) await stopChild(child).catch(() => undefined);
    }
  };
  let lo = 8; // fails (or is assumed to)
  let hi = 512;
  let best = await fits(hi);
  if (!best.ok) return null;
  while (hi - lo > 2) {
    const mid = Math.floor((lo + hi) / 2);
    const trial = await fits(mid);
    if (trial.ok) {
      hi = mid;
      best = trial;
    } else lo = mid;
  }
  return { smallestMb: hi, idleMb: best.idleMb };
}
