/**
 * A position in a CRM's sync order, in one place for the connectors (which build positions from
 * records) and for sync/ (which compares them and writes them into tokens): ascending by the
 * record's last-update time, ties broken by id. `updatedAt` is epoch milliseconds. `id` is null
 * only for positions that came from a legacy timestamp checkpoint (a time without a record).
 */
export interface SyncPosition {
  updatedAt: number;
  id: string | null;
}

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

/**
 * A record's sync position from its id and its update time as the CRM serialises it (ISO 8601).
 * Null, so never a checkpoint, when the time is missing, unreadable or before 1970: a checkpoint
 * never comes from anything but the data's own clock.
 */
export function recordPosition(id: string, updatedAt: unknown): SyncPosition | null {
  if (typeof updatedAt !== 'string' || updatedAt === '') return null;
  const ms = Date.parse(updatedAt);
  return Number.isNaN(ms) || ms < 0 ? null : { updatedAt: ms, id };
}

/** How a position travels inside checkpoint and offset tokens: `[updatedAt, id]`, or null. */
export type PositionTuple = [number, string | null] | null;

export function positionToTuple(p: SyncPosition | null): PositionTuple {
  return p ? [p.updatedAt, p.id] : null;
}

export function positionFromTuple(p: PositionTuple): SyncPosition | null {
  return p ? { updatedAt: p[0], id: p[1] } : null;
}
