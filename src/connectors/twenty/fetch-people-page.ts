import type { CrmDeps } from '../../crm-http/graphql-call.js';
import { AppError } from '../../errors.js';
import type { PersonFilterInput, PersonOrderByInput, TwentyPeoplePageQueryVariables } from '../../generated/twenty/graphql.js';
import { check } from '../../validation/validators.js';
import type { Page, PageQuery, PageRecord } from '../connector.js';
import { recordPosition } from '../../position/sync-position.js';
import type { TwentyAuth } from './auth.js';
import { twentyEndpoints } from './auth.js';
import { twentyCall } from './client.js';
import { TwentyPageTooLarge, TwentySelectionRejected } from './errors.js';
import { pageDocument, type TwentyPeoplePageAnswer } from './page-document.js';
import { V053_PAGE_SIZE, type ServerShape, type ServerShapes } from './server-shape.js';
import { toTalkdeskContact, type TwentyPersonNode } from './to-talkdesk-contact.js';

/** What a page needs besides the request: the transport and what is known of each server. */
export interface TwentyPageDeps {
  crm: CrmDeps;
  shapes: ServerShapes;
}

/** The sync order, and the order inside one crowded millisecond. */
const SYNC_ORDER: PersonOrderByInput[] = [{ updatedAt: 'AscNullsFirst' }, { id: 'AscNullsFirst' }];
const ID_ORDER: PersonOrderByInput[] = [{ id: 'AscNullsFirst' }];

/**
 * Where the next page starts: the connector's own cursor, carried in the offset token.
 * - `run`: the sync order after Twenty's `after` cursor (null on a run's first page). Plain
 *   Twenty cursors (and offsets issued before the other two modes existed) mean this.
 * - `from`: the sync order from the start of a millisecond, by filter (`updatedAt gte`).
 * - `tie`: inside one millisecond `at`, ascending id, after Twenty's cursor for that order.
 */
type Resume = { mode: 'run'; after: string | null } | { mode: 'from'; at: number } | { mode: 'tie'; at: number; after: string | null };

const FROM = 'from1.';
const TIE = 'tie1.';

function readResume(cursor: string | null): Resume {
  if (cursor === null) return { mode: 'run', after: null };
  // Twenty's cursors are base64, which has no '.', so these prefixes cannot be one of them.
  let m = /^from1\.(\d{1,16})$/.exec(cursor);
  if (m) return { mode: 'from', at: Number(m[1]) };
  m = /^tie1\.(\d{1,16})\.(.*)$/s.exec(cursor);
  if (m) return { mode: 'tie', at: Number(m[1]), after: m[2] === '' ? null : (m[2] as string) };
  return { mode: 'run', after: cursor };
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * One page of people, ascending by (updatedAt, id).
 * Docs: https://twenty.com/developers (GraphQL API: `people` connection, filter, orderBy, cursors).
 *
 * Why two orders. Postgres orders `updatedAt` by microseconds, but Twenty's cursor and its keyset
 * condition (`updatedAt > c OR (updatedAt = c AND id > c.id)`) work in milliseconds: a record
 * later in the same millisecond as a page's last record but with a smaller id fails both halves,
 * and `after: endCursor` would skip it. So:
 * - A page spanning several milliseconds is followed by one that restarts at the start of its
 *   last millisecond (a rewound cursor, see `rewindCursor`): the records of that millisecond are
 *   read again (duplicates, harmless) and none is skipped, whatever its microseconds; a write
 *   landing in that millisecond later is read too.
 * - A page lying wholly inside one millisecond (more people share it than a page holds: a bulk
 *   update, or a crowded moment) is replaced, in the same Talkdesk request, by the first page of a
 *   walk through that millisecond alone (`updatedAt` in [T, T+1ms)) in ascending id, where
 *   Twenty's cursor is exact; then the sync order resumes at the next millisecond.
 * While walking a millisecond by id, a write landing in it later with a smaller id would fall
 * behind the cursor. The same request reads the workspace's newest update time (`latest`): once
 * it is past T no write can land at T any more; until then the page reports T as unsettled, and
 * the shared sync has the next run read T again (Page.unsettledAt, the checkpoint's floor).
 */
export async function fetchPeoplePage(deps: TwentyPageDeps, auth: TwentyAuth, query: PageQuery): Promise<Page> {
  const resume = readResume(query.cursor);
  if (resume.mode === 'tie') {
    const page = await fetchTiePage(deps, auth, query, resume.at, resume.after);
    if (page !== null) return page;
    // Nothing left in that millisecond: carry on in the sync order from the next one.
    return fetchRunPage(deps, auth, query, { mode: 'from', at: resume.at + 1 });
  }
  return fetchRunPage(deps, auth, query, resume);
}

/** A page in the sync order, after Twenty's cursor or from the start of a millisecond. */
async function fetchRunPage(
  deps: TwentyPageDeps,
  auth: TwentyAuth,
  query: PageQuery,
  resume: Resume & { mode: 'run' | 'from' },
): Promise<Page> {
  // `first` is set per server by fetchPeople (pageSizeFor).
  const variables: TwentyPeoplePageQueryVariables = { first: query.pageSize, orderBy: SYNC_ORDER, withLatest: false };
  let since = query.updatedSince;
  if (resume.mode === 'run' && resume.after !== null) variables.after = resume.after;
  if (resume.mode === 'from') since = since === null ? resume.at : Math.max(since, resume.at);
  // Inclusive: records sharing the boundary timestamp are read again rather than skipped.
  if (since !== null) variables.filter = { updatedAt: { gte: iso(since) } };

  const { records, hasNextPage, endCursor } = await fetchPeople(deps, auth, query, variables);
  if (!hasNextPage) return { records, nextCursor: null };
  const first = records[0]?.position;
  const last = records[records.length - 1]?.position;
  if (first && last && first.updatedAt === last.updatedAt) {
    // Wholly inside one millisecond: walk it by id from its start instead (this answer is in
    // microsecond order, which Twenty's cursor cannot continue exactly). At least these records
    // are in it, so the walk's first page is never empty.
    const walk = await fetchTiePage(deps, auth, query, last.updatedAt, null);
    if (walk === null) throw new AppError('crm_bad_response', 'Twenty answered no people in a millisecond it had just listed.');
    return walk;
  }
  if (!endCursor) throw new AppError('crm_bad_response', 'Twenty reported more pages without an end cursor.');
  const rewound = last ? rewindCursor(last.updatedAt, endCursor) : null;
  if (rewound !== null) return { records, nextCursor: rewound };
  // A cursor format this connector does not know: Twenty's own, which leaves the last
  // millisecond by id (and with no timestamp to name, there is nothing to restart at).
  return { records, nextCursor: endCursor, unsettledAt: last?.updatedAt ?? null };
}

/**
 * A page of the walk through millisecond `at` in ascending id, or null when the millisecond
 * holds nothing after `after` any more (the caller then moves on to the next millisecond).
 */
async function fetchTiePage(
  deps: TwentyPageDeps,
  auth: TwentyAuth,
  query: PageQuery,
  at: number,
  after: string | null,
): Promise<Page | null> {
  // [T, T+1ms) rather than `eq T`: the same records whether the server compares milliseconds or
  // microseconds. Inside the run's bound, since a walk only starts at a delivered millisecond.
  const filter: PersonFilterInput = { and: [{ updatedAt: { gte: iso(at) } }, { updatedAt: { lt: iso(at + 1) } }] };
  const variables: TwentyPeoplePageQueryVariables = { first: query.pageSize, filter, orderBy: ID_ORDER, withLatest: true };
  if (after !== null) variables.after = after;

  const { records, hasNextPage, endCursor, latest } = await fetchPeople(deps, auth, query, variables);
  for (const r of records) {
    if (r.position === null || r.position.updatedAt !== at) {
      throw new AppError('crm_bad_response', 'Twenty answered people outside the millisecond the filter asked for.');
    }
  }
  // `latest` past T: the workspace's clock has moved on, so no write can still land at T.
  const settled = latest !== null && latest > at;
  if (hasNextPage) {
    if (!endCursor) throw new AppError('crm_bad_response', 'Twenty reported more pages without an end cursor.');
    return { records, nextCursor: `${TIE}${at}.${endCursor}`, unsettledAt: settled ? null : at };
  }
  if (!settled) {
    // Nobody was updated after T: the run is complete (its checkpoint stays at T, so the next
    // sync reads T again).
    return { records, nextCursor: null };
  }
  if (records.length === 0) return null;
  return { records, nextCursor: `${FROM}${at + 1}` };
}

/**
 * What a page needs from Twenty's answer. Only these, not the parsed answer itself: the promise
 * this comes back in outlives the request (it was created before the CRM call and has aged into
 * the old generation by the time it resolves), and whatever it holds survives until the next full
 * garbage collection (bench: fewer objects promoted per request).
 */
interface PeopleAnswer {
  records: PageRecord[];
  hasNextPage: boolean;
  endCursor: string | null;
  /** The newest update time in the workspace (epoch ms), when asked for and known. */
  latest: number | null;
}

/** The page size to ask this server for: PAGE_SIZE when configured, else the shape's own. */
function pageSizeFor(shape: ServerShape, query: PageQuery): number {
  const wanted = query.autoPageSize === true ? shape.pageSize : query.pageSize;
  return shape.pageCap === null ? wanted : Math.min(wanted, shape.pageCap);
}

/**
 * One `people` call with the operation that fits the server (server-shape.ts). Two things a
 * server can still refuse are learned from its answer and tried once more in the same request:
 * - the selection (GRAPHQL_VALIDATION_FAILED: the server was upgraded, or a field went away):
 *   the shape is looked at again; if the new selection is refused too, the server gets the
 *   primary-only selection without optional fields from then on;
 * - the page size: the maximum the server names is remembered for it.
 */
async function fetchPeople(
  deps: TwentyPageDeps,
  auth: TwentyAuth,
  query: PageQuery,
  variables: TwentyPeoplePageQueryVariables,
): Promise<PeopleAnswer> {
  const { appUrl } = twentyEndpoints(auth);
  let shape = await deps.shapes.shapeOf(auth, query);
  let rejections = 0;
  let data: unknown;
  for (let resized = false; ;) {
    const first = pageSizeFor(shape, query);
    try {
      data = await twentyCall<unknown>(deps.crm, auth, pageDocument(shape), { ...variables, first }, query);
      break;
    } catch (err) {
      if (err instanceof TwentySelectionRejected && rejections < 2) {
        rejections++;
        if (rejections === 1) {
          deps.shapes.forget(auth);
          shape = await deps.shapes.shapeOf(auth, query);
        } else {
          shape = deps.shapes.fallBack(auth, err.message);
        }
        continue;
      }
      if (err instanceof TwentyPageTooLarge && !resized && first > 1) {
        resized = true;
        const cap = err.cap !== null && err.cap < first ? err.cap : Math.min(first - 1, V053_PAGE_SIZE);
        shape.pageCap = shape.pageCap === null ? cap : Math.min(shape.pageCap, cap);
        continue;
      }
      throw err;
    }
  }

  const problem = check('talkdesk-bridge/crm/twenty-people-page', data, 'data');
  if (problem) throw new AppError('crm_bad_response', `Twenty answered an unexpected shape (${problem}).`);
  const answer = data as TwentyPeoplePageAnswer;
  const people = answer.people;

  const records: PageRecord[] = new Array(people.edges.length);
  for (let i = 0; i < people.edges.length; i++) {
    const node = (people.edges[i] as { node: TwentyPersonNode }).node;
    records[i] = { contact: toTalkdeskContact(node, { appUrl }), position: recordPosition(node.id, node.updatedAt) };
  }
  let latest: number | null = null;
  if (variables.withLatest) {
    if (!answer.latest) throw new AppError('crm_bad_response', 'Twenty did not answer the newest update time asked for.');
    latest = recordPosition('latest', answer.latest.edges[0]?.node.updatedAt)?.updatedAt ?? null;
  }
  return { records, hasNextPage: people.pageInfo.hasNextPage, endCursor: people.pageInfo.endCursor ?? null, latest };
}

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * Twenty's cursor rewound to the start of millisecond `at`: the same format (base64 JSON of the
 * orderBy values and id, see crm-apis.md) with the nil UUID, which resumes at the first record of
 * that millisecond. Null when `endCursor` is not in the format this connector knows.
 */
function rewindCursor(at: number, endCursor: string): string | null {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(endCursor, 'base64').toString('utf8'));
  } catch {
    return null;
  }
  const keys = decoded && typeof decoded === 'object' ? Object.keys(decoded).sort().join(',') : '';
  if (keys !== 'id,updatedAt') return null;
  return Buffer.from(JSON.stringify({ updatedAt: iso(at), id: NIL_UUID })).toString('base64');
}
