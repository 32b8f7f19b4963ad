import type { BucketEstimate } from './bucket.js';
import type { PaceState } from './pacer.js';

/** A PaceState as it travels in an offset (schemas/tokens/offset.schema.json, `pc`). */
export interface PaceTuple {
  /** Buckets: [capacity, windowMs, level, at, whole ? 1 : 0]. */
  b: [number, number, number, number, 0 | 1][];
  k: number | null;
  /** Allowance: [used, limit, at]. */
  a: [number, number, number] | null;
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

/** Null when there is nothing worth carrying (the offset stays as short as before pacing). */
export function paceToTuple(state: PaceState | null): PaceTuple | null {
  if (state === null || (state.buckets.length === 0 && state.lastCost === null && state.allowance === null)) return null;
  return {
    b: state.buckets.map((x) => [round(x.capacity), round(x.windowMs), round(x.level), Math.round(x.at), x.whole ? 1 : 0]),
    k: state.lastCost === null ? null : round(state.lastCost),
    a: state.allowance === null ? null : [state.allowance.used, state.allowance.limit, Math.round(state.allowance.at)],
  };
}

/** Offsets issued before pacing existed carry none: null. */
export function paceFromTuple(tuple: PaceTuple | null | undefined): PaceState | null {
  if (tuple === null || tuple === undefined) return null;
  const buckets: BucketEstimate[] = tuple.b.map(([capacity, windowMs, level, at, whole]) => ({
    capacity,
    windowMs,
    level,
    at,
    whole: whole === 1,
  }));
  return {
    buckets,
    lastCost: tuple.k,
    allowance: tuple.a === null ? null : { used: tuple.a[0], limit: tuple.a[1], at: tuple.a[2] },
  };
}
