import { positionFromTuple, positionToTuple, type PositionTuple, type SyncPosition } from '../position/sync-position.js';
import { AppError } from '../errors.js';
import { check } from '../validation/validators.js';
import type { PaceState } from '../pacing/pacer.js';
import { paceFromTuple, paceToTuple, type PaceTuple } from '../pacing/pace-token.js';
import { decodeToken, encodeToken } from './token-codec.js';

/**
 * next_offset, version 1: the whole state of a paginated run, so that any bridge instance can
 * serve any page (the bridge keeps no session).
 */
export interface RunState {
  /** Connector the run belongs to: an offset is refused by another connector's route. */
  connector: string;
  /** The run's fixed inclusive lower bound on update time (epoch ms); null on a full sync. */
  updatedSince: number | null;
  /** The CRM's cursor after the last delivered record. */
  cursor: string;
  /** The checkpoint position reached so far (what this page's checkpoint said). */
  position: SyncPosition | null;
  /**
   * The last position delivered in this run. Differs from `position` on an incremental run that
   * is still re-reading its lookback window (behind the starting checkpoint).
   */
  lastDelivered: SyncPosition | null;
  /**
   * The floor the starting checkpoint carried (an update time an earlier run left unsettled),
   * until this run has read past it; then null.
   */
  inheritedFloor: number | null;
  /** The earliest update time this run left unsettled (Page.unsettledAt); null when none. */
  floor: number | null;
  /** What the run knows of its CRM's rate limits (src/pacing/); null before anything is known. */
  pacing: PaceState | null;
}

const PREFIX = 'of1';

/** The floors and the pacing state may be left out (null). */
export type RunStateInput = Omit<RunState, 'inheritedFloor' | 'floor' | 'pacing'> &
  Partial<Pick<RunState, 'inheritedFloor' | 'floor' | 'pacing'>>;

export function encodeOffset(state: RunStateInput): string {
  const payload: Record<string, unknown> = {
    c: state.connector,
    lb: state.updatedSince,
    cur: state.cursor,
    p: positionToTuple(state.position),
    l: positionToTuple(state.lastDelivered),
    fi: state.inheritedFloor ?? null,
    fn: state.floor ?? null,
  };
  const pc = paceToTuple(state.pacing ?? null);
  if (pc !== null) payload['pc'] = pc;
  return encodeToken(PREFIX, payload);
}

/** Decode meta.offset. Returns null for "first page" (absent, null, "" or 0). Throws invalid_offset. */
export function decodeOffset(offset: string | number | null | undefined, connector: string): RunState | null {
  if (offset === undefined || offset === null || offset === '' || offset === 0) return null;
  if (typeof offset === 'number') throw invalid(`${offset} is a number; this bridge only issues string offsets`);
  const decoded = decodeToken(PREFIX, offset);
  if (!decoded.ok) throw invalid(decoded.reason);
  if (check('talkdesk-bridge/tokens/offset', decoded.payload, 'offset')) throw invalid('its content is not an offset');
  // fi and fn are absent from offsets issued before floors existed, pc before pacing did.
  const p = decoded.payload as {
    c: string;
    lb: number | null;
    cur: string;
    p: PositionTuple;
    l: PositionTuple;
    fi?: number | null;
    fn?: number | null;
    pc?: PaceTuple | null;
  };
  if (p.c !== connector) throw invalid(`it belongs to a ${p.c} sync, not ${connector}`);
  return {
    connector: p.c,
    updatedSince: p.lb,
    cursor: p.cur,
    position: positionFromTuple(p.p),
    lastDelivered: positionFromTuple(p.l),
    inheritedFloor: p.fi ?? null,
    floor: p.fn ?? null,
    pacing: paceFromTuple(p.pc),
  };
}

function invalid(why: string): AppError {
  return new AppError(
    'invalid_offset',
    `meta.offset is invalid: ${why}. Send the previous response's next_offset unchanged, or null to start a run.`,
  );
}
