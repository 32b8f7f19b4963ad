import type { CallContext, Connector, Page, PageRecord, SyncPosition } from '../connectors/connector.js';
import type { TalkdeskContact } from '../contacts/talkdesk-contact.js';
import { AppError } from '../errors.js';
import { decodeCheckpoint, encodeCheckpoint } from './checkpoint.js';
import { decodeOffset, encodeOffset, type RunState } from './offset.js';
import { laterPosition } from './position.js';

export interface SyncMeta {
  synchronization_checkpoint?: string | null | undefined;
  offset?: string | number | null | undefined;
}

export interface SyncSettings {
  pageSize: number;
  /** How far before the checkpoint an incremental run starts reading (ms). */
  lookbackMs: number;
}

export interface SyncPageResult {
  synchronization_checkpoint: string;
  next_offset?: string;
  contacts: TalkdeskContact[];
}

/**
 * Answer one Talkdesk page. The invariants this keeps (README, "Sync guarantees"):
 * - Within a run, records come in ascending (updatedAt, id) order under a filter fixed at the
 *   run's first page, paged with the CRM's keyset cursor: a record edited or created during the
 *   run moves to the end of the order and is delivered later in the same run.
 * - The checkpoint of every page is the furthest position delivered so far (never behind the
 *   checkpoint the run started from), so resuming from any page's checkpoint loses nothing: the
 *   next incremental run reads `updatedAt >= checkpoint - lookback`, an inclusive bound that
 *   re-reads ties on the checkpoint's timestamp and records that became visible late.
 * - A record without a timestamp is delivered but never moves the checkpoint.
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
  const checkpoint = meta.synchronization_checkpoint ? decodeCheckpoint(meta.synchronization_checkpoint) : null;

  const run: Omit<RunState, 'cursor'> & { cursor: string | null } = resumed ?? {
    connector: connector.name,
    updatedSince: checkpoint ? Math.max(0, checkpoint.updatedAt - settings.lookbackMs) : null,
    cursor: null,
    position: checkpoint,
    lastDelivered: null,
  };

  const page = await fetchWithCursorRecovery(connector, auth, run, settings.pageSize, call);

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

  const result: SyncPageResult = { synchronization_checkpoint: encodeCheckpoint(position), contacts };
  if (page.nextCursor !== null) {
    if (page.records.length === 0 || page.nextCursor === run.cursor) {
      // A CRM that claims more pages without moving forward would make Talkdesk loop forever.
      throw new AppError('crm_bad_response', 'The CRM reported more pages but its cursor did not advance.');
    }
    result.next_offset = encodeOffset({
      connector: connector.name,
      updatedSince: run.updatedSince,
      cursor: page.nextCursor,
      position,
      lastDelivered,
    });
  }
  return result;
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
  pageSize: number,
  call: CallContext,
): Promise<Page> {
  try {
    return await connector.fetchPage(auth, { updatedSince: run.updatedSince, cursor: run.cursor, pageSize, ...call });
  } catch (err) {
    if (!(err instanceof AppError) || !err.cursorRejected || run.cursor === null) throw err;
    const restart: SyncPosition | null = run.lastDelivered;
    if (restart) run.updatedSince = Math.max(restart.updatedAt, run.updatedSince ?? 0);
    run.cursor = null;
    return connector.fetchPage(auth, { updatedSince: run.updatedSince, cursor: null, pageSize, ...call });
  }
}
