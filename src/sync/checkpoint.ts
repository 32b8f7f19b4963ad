import type { SyncPosition } from '../connectors/connector.js';
import { AppError } from '../errors.js';
import { check } from '../validation/validators.js';
import { parseLegacyTimestamp } from './legacy-timestamp.js';
import { decodeToken, encodeToken } from './token-codec.js';

/**
 * synchronization_checkpoint, version 1: the position (updatedAt, id) of the last contact
 * delivered, or null when none with a timestamp has been delivered yet. Talkdesk treats it as
 * opaque; it never comes from the bridge's clock.
 */
const PREFIX = 'cp1';

type PositionTuple = [number, string | null] | null;

export function encodeCheckpoint(position: SyncPosition | null): string {
  const p: PositionTuple = position ? [position.updatedAt, position.id] : null;
  return encodeToken(PREFIX, { p });
}

export function positionFromTuple(p: PositionTuple): SyncPosition | null {
  return p ? { updatedAt: p[0], id: p[1] } : null;
}

/**
 * Decode a checkpoint Talkdesk sent back. Returns the position to resume after (null = from the
 * beginning). Accepts legacy plain timestamps. Throws invalid_checkpoint (400) otherwise.
 */
export function decodeCheckpoint(text: string): SyncPosition | null {
  if (text.startsWith(`${PREFIX}.`)) {
    const decoded = decodeToken(PREFIX, text);
    if (!decoded.ok) throw invalid(decoded.reason);
    const problem = check('talkdesk-bridge/tokens/checkpoint', decoded.payload, 'checkpoint');
    if (problem) throw invalid('its content is not a checkpoint');
    return positionFromTuple((decoded.payload as { p: PositionTuple }).p);
  }
  const legacy = parseLegacyTimestamp(text);
  if (legacy !== null) return { updatedAt: legacy, id: null };
  throw invalid('it is neither a checkpoint issued by this bridge nor a timestamp');
}

function invalid(why: string): AppError {
  return new AppError(
    'invalid_checkpoint',
    `meta.synchronization_checkpoint is invalid: ${why}. Send the value of a previous response's synchronization_checkpoint, or omit it for a full sync.`,
  );
}
