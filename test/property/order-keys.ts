import type { SyncPosition } from '../../src/position/sync-position.js';
import type { OrderKey } from './crm-adapter.js';

/*
 * The sync order as the test sees it, written independently of the bridge's own comparison
 * (src/position/sync-position.ts), so that a mistake there cannot hide itself.
 */

/**
 * A key as the CRM serves it: whole milliseconds, then the tie-breaker. Pages are in this order
 * by update time; inside one served millisecond a CRM that stores finer (Twenty) may list records
 * by its finer time or by id, and the checkpoint compares positions this way.
 */
export function served(k: OrderKey): OrderKey {
  return { at: Math.floor(k.at), tie: k.tie };
}

export function compareKeys(a: OrderKey, b: OrderKey): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.tie < b.tie ? -1 : a.tie > b.tie ? 1 : 0;
}

/** Checkpoint positions: by time, then id, a null id (time only) first. */
export function comparePositions(a: SyncPosition, b: SyncPosition): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? -1 : 1;
  if (a.id === b.id) return 0;
  if (a.id === null) return -1;
  if (b.id === null) return 1;
  return a.id < b.id ? -1 : 1;
}
