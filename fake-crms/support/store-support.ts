/**
 * What the fake CRMs' in-memory stores share: their own clock (deterministic by default, moved
 * only through `advance` / `setNow`, or the wall clock with `realClock: true`), the deterministic
 * PRNG their ids and seeds come from, and dropping undefined fields from a patch.
 */

/** Where a store's clock starts by default: 2026-01-01T00:00:00.000Z. */
export const DEFAULT_START_TIME = Date.UTC(2026, 0, 1);

export interface StoreClockOptions {
  /** Initial clock value (epoch ms). Default: `DEFAULT_START_TIME`. */
  startTime?: number;
  /** Use the wall clock instead of the controllable one. */
  realClock?: boolean;
}

/** mulberry32: a tiny deterministic PRNG, good enough for ids and test data. Returns [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `{ a: undefined }` must not overwrite a default or an existing value with undefined. */
export function withoutUndefined<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as T;
}

/** A store with its own clock. */
export abstract class ClockedStore {
  private clockMs: number;
  private readonly wallClock: boolean;

  protected constructor(private readonly clockOptions: StoreClockOptions) {
    this.clockMs = clockOptions.startTime ?? DEFAULT_START_TIME;
    this.wallClock = clockOptions.realClock ?? false;
  }

  /** The store's current time (epoch ms). */
  now(): number {
    return this.wallClock ? Date.now() : this.clockMs;
  }

  /** Move the controllable clock forward by `ms`. Ignored with `realClock`. */
  advance(ms: number): number {
    if (ms < 0) throw new RangeError('advance() takes a non-negative duration');
    this.clockMs += ms;
    return this.now();
  }

  /** Set the controllable clock. Ignored with `realClock`. */
  setNow(ms: number): void {
    this.clockMs = ms;
  }

  /** The controllable clock back at its start (a store's `reset`). */
  protected resetClock(): void {
    this.clockMs = this.clockOptions.startTime ?? DEFAULT_START_TIME;
  }
}
