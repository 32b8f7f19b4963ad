import type { SyncPosition } from '../connectors/connector.js';

/** Order of positions: by update time, then by id; a null id (time only) sorts before any id. */
export function comparePositions(a: SyncPosition, b: SyncPosition): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? -1 : 1;
  if (a.id === b.id) return 0;
  if (a.id === null) return -1;
  if (b.id === null) return 1;
  return a.id < b.id ? -1 : 1;
}

/** The later of two positions; null means "the beginning". */
export function laterPosition(a: SyncPosition | null, b: SyncPosition | null): SyncPosition | null {
  if (a === null) return b;
  if (b === null) return a;
  return comparePositions(a, b) >= 0 ? a : b;
}
