import type { CallContext, Connector, Page, PageRecord, SyncPosition } from '../connectors/connector.js';
import type { TalkdeskContact } from '../contacts/talkdesk-contact.js';
import { AppError } from '../errors.js';
import { decodeCheckpointState, encodeCheckpoint, type CheckpointState } from './checkpoint.js';
import { decodeOffset, encodeOffset, type RunState } from './offset.js';
import { laterPosition } from '../position/sync-position.js';

export interface SyncMeta {
  synchronization_checkpoint?: string | null | undefined;
  offset?: string | number | null | undefined;
}

export interface SyncSettings {
  pageSize: number;
  /** No PAGE_SIZE configured: the connector may fit the size to the CRM (PageQuery.autoPageSize). */
  autoPageSize?: boolean;
  /** How far before the checkpoint an incremental run starts reading (ms). */
  lookbackMs: number;
}

export interface SyncPageResult {
  synchronization_checkpoint: string;
  next_offset?: string;
  contacts: TalkdeskContact[];
}

/**
 * Answer one Talkdesk page. The invariants this keeps (docs/sync-guarantees.md):
 * - Within a run, records come in ascending (updatedAt, id) order under a filter fixed at the
 *   run's first page, paged with the CRM's keyset cursor: a record edited or created during the
 *   run moves to the end of the order and is delivered later in the same run.
 * - The checkpoint of every page is the furthest position delivered so far (never behind the
 *   checkpoint the run started from), so resuming from any page's checkpoint loses nothing: the
 *   next incremental run reads `updatedAt >= checkpoint - lookback`, an inclusive bound that
 *   re-reads ties on the checkpoint's timestamp and records that became visible late.
 * - A record without a timestamp is delivered but never moves the checkpoint.
 * - When a page's cursor leaves an update time T that writes may still land on (the CRM's clock
 *   may still be at T: Page.unsettledAt), a write at T with a smaller tie-breaker would fall
 *   behind the cursor. The checkpoint then carries T as a floor, and the next run reads from
 *   min(checkpoint - lookback, floor); that run carries the floor on until it has read past T.
 */
export async function syncPage<Auth>(
  connector: Connector<Auth>,
  auth: Auth,
  meta: SyncMeta,
  settings: SyncSettings,
  call: CallContext,
): Promise<SyncPageResult> {
  // Decode both tokens first, so that a bad one is a 400 before any CRM call.
  const resumed = decodeOffset(meta.offset, connector.name);
  const start: CheckpointState | null = meta.synchronization_checkpoint ? decodeCheckpointState(meta.synchronization_checkpoint) : null;
  const checkpoint = start?.position ?? null;

  const run: Omit<RunState, 'cursor'> & { cursor: string | null } = resumed ?? {
    connector: connector.name,
    updatedSince: checkpoint ? lowerBound(checkpoint.updatedAt - settings.lookbackMs, start?.floor ?? null) : null,
    cursor: null,
    position: checkpoint,
    lastDelivered: null,
    inheritedFloor: start?.floor ?? null,
    floor: null,
  };

  const page = await fetchWithCursorRecovery(connector, auth, run, settings, call);

  let position = run.position;
  let lastDelivered = run.lastDelivered;
  const contacts: TalkdeskContact[] = new Array(page.records.length);
  for (let i = 0; i < page.records.length; i++) {
    const record = page.records[i] as PageRecord;
    contacts[i] = record.contact;
    if (record.position) {
      position = laterPosition(position, record.position);
      lastDelivered = record.position;
    }
  }

  // An inherited floor is settled once this run has read past it (it started at or before it).
  let inheritedFloor = run.inheritedFloor;
  if (inheritedFloor !== null && lastDelivered !== null && lastDelivered.updatedAt > inheritedFloor) inheritedFloor = null;
  let floor = run.floor;
  if (page.nextCursor !== null && page.unsettledAt != null) floor = floor === null ? page.unsettledAt : Math.min(floor, page.unsettledAt);
  const owed = inheritedFloor === null ? floor : floor === null ? inheritedFloor : Math.min(floor, inheritedFloor);

  // The connector's promise (old by now, see routes/contacts.ts) holds the page: let its records go.
  page.records.length = 0;
  const result: SyncPageResult = { synchronization_checkpoint: encodeCheckpoint(position, owed), contacts };
  if (page.nextCursor !== null) {
    if (contacts.length === 0 || page.nextCursor === run.cursor) {
      // A CRM that claims more pages without moving forward would make Talkdesk loop forever.
      throw new AppError('crm_bad_response', 'The CRM reported more pages but its cursor did not advance.');
    }
    result.next_offset = encodeOffset({
      connector: connector.name,
      updatedSince: run.updatedSince,
      cursor: page.nextCursor,
      position,
      lastDelivered,
      inheritedFloor,
      floor,
    });
  }
  return result;
}

/** An incremental run's inclusive lower bound: the lookback window's start, or the floor if earlier. */
function lowerBound(windowStart: number, floor: number | null): number {
  return Math.max(0, floor === null ? windowStart : Math.min(windowStart, floor));
}

/**
 * When the CRM no longer accepts the cursor carried in our offset (a CRM upgrade changed its
 * cursor format, say), restart the run's remainder once from the last delivered position instead
 * of failing every run forever. Reading `updatedAt >= that position's time` is safe: everything
 * before it was delivered by this run in ascending order, and ties on it are read again. With no
 * record delivered yet, the run restarts from its own lower bound.
 */
async function fetchWithCursorRecovery<Auth>(
  connector: Connector<Auth>,
  auth: Auth,
  run: Omit<RunState, 'cursor'> & { cursor: string | null },
  settings: SyncSettings,
  call: CallContext,
): Promise<Page> {
  const size = { pageSize: settings.pageSize, autoPageSize: settings.autoPageSize ?? false };
  try {
    return await connector.fetchPage(auth, { updatedSince: run.updatedSince, cursor: run.cursor, ...size, ...call });
  } catch (err) {
    if (!(err instanceof AppError) || !err.cursorRejected || run.cursor === null) throw err;
    const restart: SyncPosition | null = run.lastDelivered;
    if (restart) run.updatedSince = Math.max(restart.updatedAt, run.updatedSince ?? 0);
    run.cursor = null;
    return connector.fetchPage(auth, { updatedSince: run.updatedSince, cursor: null, ...size, ...call });
  }
}
