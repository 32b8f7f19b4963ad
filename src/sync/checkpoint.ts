import { positionFromTuple, positionToTuple, type PositionTuple, type SyncPosition } from '../position/sync-position.js';
import { AppError } from '../errors.js';
import { check } from '../validation/validators.js';
import { parseLegacyTimestamp } from './legacy-timestamp.js';
import { decodeToken, encodeToken } from './token-codec.js';

/**
 * synchronization_checkpoint, version 1: the position (updatedAt, id) of the last contact
 * delivered, or null when none with a timestamp has been delivered yet, and optionally a floor:
 * an update time before that position that the next sync must read again because a run left it
 * while writes could still land on it (Page.unsettledAt). Talkdesk treats it as opaque; it never
 * comes from the bridge's clock.
 */
const PREFIX = 'cp1';

export interface CheckpointState {
  position: SyncPosition | null;
  /** Epoch ms the next incremental sync reads from at the latest; null when none is owed. */
  floor: number | null;
}

export function encodeCheckpoint(position: SyncPosition | null, floor: number | null = null): string {
  const p = positionToTuple(position);
  // A floor at or after the position is implied by reading from the position (minus lookback).
  return floor !== null && position !== null && floor < position.updatedAt
    ? encodeToken(PREFIX, { p, f: floor })
    : encodeToken(PREFIX, { p });
}

/**
 * Decode a checkpoint Talkdesk sent back. Returns the position to resume after (null = from the
 * beginning). Accepts legacy plain timestamps. Throws invalid_checkpoint (400) otherwise.
 */
export function decodeCheckpoint(text: string): SyncPosition | null {
  return decodeCheckpointState(text).position;
}

/** Like decodeCheckpoint, with the floor the checkpoint carries. */
export function decodeCheckpointState(text: string): CheckpointState {
  if (text.startsWith(`${PREFIX}.`)) {
    const decoded = decodeToken(PREFIX, text);
    if (!decoded.ok) throw invalid(decoded.reason);
    const problem = check('talkdesk-bridge/tokens/checkpoint', decoded.payload, 'checkpoint');
    if (problem) throw invalid('its content is not a checkpoint');
    const payload = decoded.payload as { p: PositionTuple; f?: number };
    return { position: positionFromTuple(payload.p), floor: payload.f ?? null };
  }
  const legacy = parseLegacyTimestamp(text);
  if (legacy !== null) return { position: { updatedAt: legacy, id: null }, floor: null };
  throw invalid("it is neither a checkpoint in this bridge's form nor a timestamp");
}

function invalid(why: string): AppError {
  return new AppError(
    'invalid_checkpoint',
    `meta.synchronization_checkpoint is invalid: ${why}. Send the value of a previous response's synchronization_checkpoint, or omit it for a full sync.`,
  );
}
