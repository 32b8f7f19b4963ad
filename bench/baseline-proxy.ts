/**
 * The benchmark's baseline: the least code that does the work any Talkdesk→Twenty bridge must do for
 * one first page, written by hand on node:http. It exists only to be measured beside the bridge.
 *
 * Per request it does exactly the bridge's unavoidable work and nothing else:
 * - read and JSON.parse the Talkdesk body;
 * - one POST to `{base_url}/graphql` over a keep-alive http.Agent (the same agent options as the
 *   bridge's CRM fetch), with the same query text (printed once from the same generated document),
 *   the same variables, the same Authorization/Accept/Content-Type headers, so the fake CRM's
 *   response cache serves both with the same entry;
 * - JSON.parse the CRM's answer, map every person with the bridge's own mapper (toTalkdeskContact),
 *   compute the page's positions, the resume cursor, checkpoint and next_offset with the bridge's own
 *   token encoders, and JSON.stringify the same response shape (key order included).
 * No framework, no validation, no logging, no metrics, no timeouts or abort signals, and no retries
 * beyond one retry of a stale keep-alive socket (bench/lib/minimal-proxy.ts, shared with the
 * trivial proxy).
 * bench/run.ts checks that its answer is byte-identical to the bridge's before measuring anything.
 *
 * Only the first page of a full sync is implemented (meta without offset or checkpoint): that is
 * the request the benchmark sends. Errors answer a bare 500/502 (the benchmark expects none).
 *
 *   PAGE_SIZE (200)
 */
import { toTalkdeskContact, type TwentyPersonNode } from '../src/connectors/twenty/to-talkdesk-contact.js';
import type { TalkdeskContact } from '../src/contacts/talkdesk-contact.js';
import { encodeCheckpoint } from '../src/sync/checkpoint.js';
import { encodeOffset } from '../src/sync/offset.js';
import { laterPosition, recordPosition, type SyncPosition } from '../src/position/sync-position.js';
import { bridgePayload } from './lib/bridge-query.js';
import { serveMinimalProxy } from './lib/minimal-proxy.js';

const PAGE_SIZE = Number(process.env['PAGE_SIZE'] ?? 200);
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

interface PeoplePage {
  people: { edges: Array<{ node: TwentyPersonNode }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

/**
 * The connector's rule for the next page of the run (fetchRunPage): restart at the start of the
 * last record's millisecond, with Twenty's cursor format and the nil UUID; a cursor in another
 * format is passed on as it is, and then the last millisecond is owed (the checkpoint's floor).
 * A first page lying wholly inside one millisecond (the connector then walks that millisecond by
 * id, a second CRM call) is not implemented: the benchmark's seeded data has none. If the
 * connector's rule changes, run.ts's byte-for-byte check says so.
 */
function nextCursor(
  first: SyncPosition | null,
  last: SyncPosition | null,
  endCursor: string,
): { cursor: string; unsettledAt: number | null } {
  if (first && last && first.updatedAt === last.updatedAt) throw new Error('a first page inside one millisecond is not implemented');
  let decoded: unknown = null;
  try {
    decoded = JSON.parse(Buffer.from(endCursor, 'base64').toString('utf8'));
  } catch {
    // not Twenty's format
  }
  const keys = decoded && typeof decoded === 'object' ? Object.keys(decoded).sort().join(',') : '';
  if (keys !== 'id,updatedAt' || !last) return { cursor: endCursor, unsettledAt: last?.updatedAt ?? null };
  return {
    cursor: Buffer.from(JSON.stringify({ updatedAt: new Date(last.updatedAt).toISOString(), id: NIL_UUID })).toString('base64'),
    unsettledAt: null,
  };
}

/** The Talkdesk response for one CRM page, built as syncPage + fetchPeoplePage build it. */
function toResponse(data: PeoplePage, appUrl: string): string {
  const edges = data.people.edges;
  const links = { appUrl };
  const contacts: TalkdeskContact[] = new Array(edges.length);
  let position: SyncPosition | null = null;
  let firstPosition: SyncPosition | null = null;
  let lastPosition: SyncPosition | null = null;
  let lastDelivered: SyncPosition | null = null;
  for (let i = 0; i < edges.length; i++) {
    const node = (edges[i] as { node: TwentyPersonNode }).node;
    contacts[i] = toTalkdeskContact(node, links);
    const p = recordPosition(node.id, node.updatedAt);
    if (i === 0) firstPosition = p;
    if (i === edges.length - 1) lastPosition = p;
    if (p) {
      position = laterPosition(position, p);
      lastDelivered = p;
    }
  }
  const { hasNextPage, endCursor } = data.people.pageInfo;
  const next = hasNextPage && endCursor ? nextCursor(firstPosition, lastPosition, endCursor) : null;
  const floor = next?.unsettledAt ?? null;
  const result: { synchronization_checkpoint: string; contacts: TalkdeskContact[]; next_offset?: string } = {
    synchronization_checkpoint: encodeCheckpoint(position, floor),
    contacts,
  };
  if (next) {
    result.next_offset = encodeOffset({
      connector: 'twenty',
      updatedSince: null,
      cursor: next.cursor,
      position,
      lastDelivered,
      inheritedFloor: null,
      floor,
    });
  }
  return JSON.stringify(result);
}

await serveMinimalProxy({
  pageSize: PAGE_SIZE,
  payload: bridgePayload(PAGE_SIZE),
  headers: { accept: 'application/graphql-response+json, application/json' },
  respond: (text, base) => toResponse((JSON.parse(text) as { data: PeoplePage }).data, base),
});
