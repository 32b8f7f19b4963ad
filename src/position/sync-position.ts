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
  const ms = isoMillis(updatedAt) ?? Date.parse(updatedAt);
  return Number.isNaN(ms) || ms < 0 ? null : { updatedAt: ms, id };
}

const ZERO = 48;

/** The decimal value of `text` from `from` to `to`, or -1 when a character is not a digit. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Date.parse of the one form every supported CRM writes (`2024-01-02T09:28:46.836Z`, JavaScript's
 * own toISOString), without the general parser: a page has hundreds of these. Undefined for
 * anything else, and for years before 1970 (Date.UTC reads years 0-99 as 1900-1999): Date.parse
 * decides those. A day past the end of its month rolls over in both (V8 reads 2024-02-30 as
 * March 1). A property test checks it against Date.parse.
 */
export function isoMillis(text: string): number | undefined {
  if (text.length !== 24 || text.charCodeAt(23) !== 90 /* Z */) return undefined;
  if (text.charCodeAt(4) !== 45 /* - */ || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 /* T */) return undefined;
  if (text.charCodeAt(13) !== 58 /* : */ || text.charCodeAt(16) !== 58 || text.charCodeAt(19) !== 46 /* . */) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  const hour = digits(text, 11, 13);
  const minute = digits(text, 14, 16);
  const second = digits(text, 17, 19);
  const millis = digits(text, 20, 23);
  if (year < 1970 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23) return undefined;
  if (minute < 0 || minute > 59 || second < 0 || second > 59 || millis < 0) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second, millis);
}

/** How a position travels inside checkpoint and offset tokens: `[updatedAt, id]`, or null. */
export type PositionTuple = [number, string | null] | null;

export function positionToTuple(p: SyncPosition | null): PositionTuple {
  return p ? [p.updatedAt, p.id] : null;
}

export function positionFromTuple(p: PositionTuple): SyncPosition | null {
  return p ? { updatedAt: p[0], id: p[1] } : null;
}
