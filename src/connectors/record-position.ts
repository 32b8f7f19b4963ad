import type { SyncPosition } from './connector.js';

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
