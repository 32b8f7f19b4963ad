import { print } from 'graphql';
import type { CrmDeps } from '../../crm-http/graphql-call.js';
import { AppError } from '../../errors.js';
import {
  SalesforceContactsPageDocument,
  SalesforceContactsPageWithLatestDocument,
  type Contact_Filter,
  type Contact_OrderBy,
  type SalesforceContactsPageQueryVariables,
  type SalesforceContactsPageWithLatestQuery,
} from '../../generated/salesforce/graphql.js';
import { comparePositions } from '../../position/sync-position.js';
import { check } from '../../validation/validators.js';
import type { Page, PageQuery, PageRecord } from '../connector.js';
import { salesforceEndpoints, type SalesforceAuth } from './auth.js';
import { salesforceCall } from './client.js';
import { SYNC_ORDER, TIE_ORDER } from './contact-order.js';
import { decodeCursor, encodeCursor, type ContactResume } from './cursor.js';
import { parseDateTime } from './date-time.js';
import { toTalkdeskContact, type SalesforceContactNode } from './to-talkdesk-contact.js';
import { runWhere, tieWhere } from './where-clause.js';

// Printed once: graphql-request would print the AST on every call.
const PAGE_QUERY = print(SalesforceContactsPageDocument);
const PAGE_WITH_LATEST_QUERY = print(SalesforceContactsPageWithLatestDocument);

/** SystemModstamp has whole seconds: a second is the unit writes share. */
const SECOND_MS = 1000;

/**
 * How long after a second ends the bridge's clock must have moved on before no write can land in
 * that second any more: a minute, far above the skew between an org's clock and a server kept by
 * NTP. A write committing later with an older SystemModstamp (a long transaction) is what the
 * sync's lookback re-reads; this margin is only about clocks.
 */
export const SETTLED_AFTER_MS = 60_000;

/**
 * One page of Contacts, ascending by (SystemModstamp, Id).
 * Docs: https://developer.salesforce.com/docs/platform/graphql/guide/query-record-objects.html
 *
 * Every page is a fresh query with one orderBy key (contact-order.ts) and a `where` holding its
 * position (where-clause.ts). It never sends Salesforce's `after` cursor, so the paging traps of
 * the API cannot bite: without `upperBound` one result window holds at most 4,000 records and its
 * offset cursors are capped, and each query here reads only the first `pageSize` (≤ 2,000)
 * records of its own window; not sending `upperBound` leaves any `first` from 1 to 2,000 valid
 * (Salesforce's default without `first` is 10: `first` is always sent).
 * SystemModstamp rather than LastModifiedDate: changes made by the system rather than a user bump
 * it too (crm-apis.md), and it is one of Salesforce's standard indexed fields.
 *
 * The run reads SystemModstamp order alone. Salesforce promises no order among contacts sharing a
 * second, so a page that more contacts follow hands on only the seconds it holds whole: the
 * contacts of its last second are left for the next page, which starts right after the last
 * contact delivered, (SystemModstamp, Id) (so a contact that became visible meanwhile ahead of
 * that position, in a second already delivered or in between, is read too).
 * A page wholly inside one second (more contacts share it than a page holds: a bulk update) is
 * replaced, in the same Talkdesk request, by the first page of a walk through that second alone
 * by Id, where a keyset on Id is exact; the run then resumes after that second.
 *
 * API allowance: Salesforce counts each subquery as one API request ("Each subquery counts as one
 * request", https://developer.salesforce.com/docs/platform/graphql/guide/query-limits.html). A page
 * is one subquery. Only a page of a walk through a second that is not comfortably in the past (by
 * the bridge's clock, SETTLED_AFTER_MS) adds a second one, the org's newest SystemModstamp
 * (`latest`): while writes may still land in that second, one with a smaller Id would fall behind
 * the walk, and the page then reports the second unsettled so that the next run reads it again
 * (Page.unsettledAt, the checkpoint's floor). A run page needs no such read: it never leaves a
 * second part-read.
 *
 * More pages: `pageInfo.hasNextPage`, not "the page was full". Salesforce documents that a page may
 * hold fewer records than `first` while more remain
 * (https://developer.salesforce.com/docs/platform/graphql/guide/paginate-use.html), so a short page
 * is not the end; an empty page that claims more is refused (502) rather than read as the end.
 */
export async function fetchContactsPage(deps: CrmDeps, auth: SalesforceAuth, query: PageQuery): Promise<Page> {
  const resume = query.cursor === null ? null : readCursor(query.cursor);
  if (resume?.mode === 'tie') {
    const page = await fetchTiePage(deps, auth, query, resume.at, resume.id);
    if (page !== null) return page;
    // Nothing left in that second: the run goes on after that position.
    return fetchRunPage(deps, auth, query, resume);
  }
  return fetchRunPage(deps, auth, query, resume);
}

/** A page in SystemModstamp order, from the run's start or after the last contact delivered. */
async function fetchRunPage(
  deps: CrmDeps,
  auth: SalesforceAuth,
  query: PageQuery,
  after: { at: number; id: string } | null,
): Promise<Page> {
  const where = runWhere(query.updatedSince, after);
  const answer = await fetchContacts(deps, auth, query, where, SYNC_ORDER, false);
  const { records } = answer;
  for (let i = 0; i < records.length; i++) {
    const at = (records[i] as PositionedRecord).position.updatedAt;
    const previous = i > 0 ? (records[i - 1] as PositionedRecord).position.updatedAt : null;
    const tooEarly =
      (query.updatedSince !== null && at < query.updatedSince) ||
      (after !== null && (at < after.at || (at === after.at && (records[i] as PositionedRecord).position.id <= after.id))) ||
      (previous !== null && at < previous);
    if (tooEarly) throw outOfOrder();
  }
  if (!answer.hasNextPage) return { records: sortedBySecond(records), nextCursor: null };
  // Answering "no more pages" here would tell Talkdesk the run is complete when it is not.
  const last = records[records.length - 1];
  if (last === undefined) throw new AppError('crm_bad_response', 'Salesforce reported more contacts but returned none.');
  const lastSecond = last.position.updatedAt;
  const whole = records.filter((r) => r.position.updatedAt < lastSecond);
  if (whole.length > 0) {
    const delivered = sortedBySecond(whole);
    const lastDelivered = (delivered[delivered.length - 1] as PositionedRecord).position;
    return { records: delivered, nextCursor: encodeCursor({ mode: 'after', at: lastDelivered.updatedAt, id: lastDelivered.id }) };
  }
  // Wholly inside one second: walk it by Id instead. At least these contacts are in it, so the
  // walk's first page is never empty.
  const walk = await fetchTiePage(deps, auth, query, lastSecond, null);
  if (walk === null) throw new AppError('crm_bad_response', 'Salesforce answered no contacts in a second it had just listed.');
  return walk;
}

/**
 * A page of the walk through second `at` by ascending Id, or null when the second holds nothing
 * after `afterId` any more and has settled (the caller then moves on after it).
 */
async function fetchTiePage(
  deps: CrmDeps,
  auth: SalesforceAuth,
  query: PageQuery,
  at: number,
  afterId: string | null,
): Promise<Page | null> {
  const now = (deps.now ?? Date.now)();
  const settledByClock = now >= at + SECOND_MS + SETTLED_AFTER_MS;
  const answer = await fetchContacts(deps, auth, query, tieWhere(at, afterId), TIE_ORDER, !settledByClock);
  for (const r of answer.records) {
    if (r.position.updatedAt !== at || r.position.id === afterId) throw outOfOrder();
  }
  // `latest` past this second: the org's clock has moved on, so no write can still land in it.
  const settled = settledByClock || (answer.latest !== null && Math.floor(answer.latest / SECOND_MS) > Math.floor(at / SECOND_MS));
  const { records } = answer;
  if (answer.hasNextPage) {
    const lastInWalk = records[records.length - 1];
    if (lastInWalk === undefined) throw new AppError('crm_bad_response', 'Salesforce reported more contacts but returned none.');
    return { records, nextCursor: encodeCursor({ mode: 'tie', at, id: lastInWalk.position.id }), unsettledAt: settled ? null : at };
  }
  // Nobody was updated after this second: the run is complete (its checkpoint is in this second,
  // so the next sync reads it again).
  if (!settled) return { records, nextCursor: null };
  const last = records[records.length - 1];
  if (last === undefined) return null;
  return { records, nextCursor: encodeCursor({ mode: 'after', at, id: last.position.id }) };
}

interface PositionedRecord extends PageRecord {
  position: { updatedAt: number; id: string };
}

/**
 * What a page needs from Salesforce's answer, and not the parsed answer itself (the promise it
 * comes back in outlives the request; see the Twenty connector).
 */
interface ContactsAnswer {
  records: PositionedRecord[];
  hasNextPage: boolean;
  /** The org's newest SystemModstamp (epoch ms), when asked for and known. */
  latest: number | null;
}

async function fetchContacts(
  deps: CrmDeps,
  auth: SalesforceAuth,
  query: PageQuery,
  where: Contact_Filter | undefined,
  orderBy: Contact_OrderBy,
  withLatest: boolean,
): Promise<ContactsAnswer> {
  const { instanceUrl } = salesforceEndpoints(auth);
  const variables: SalesforceContactsPageQueryVariables = { first: query.pageSize, orderBy };
  if (where !== undefined) variables.where = where;
  const data = await salesforceCall<unknown>(deps, auth, withLatest ? PAGE_WITH_LATEST_QUERY : PAGE_QUERY, variables, query);
  const problem = check('talkdesk-bridge/crm/salesforce-contacts-page', data, 'data');
  if (problem) throw new AppError('crm_bad_response', `Salesforce answered an unexpected shape (${problem}).`);
  // The page query's answer is the same without `latest`.
  const answer = (data as SalesforceContactsPageWithLatestQuery).uiapi.query;
  const connection = answer.Contact as NonNullable<SalesforceContactsPageWithLatestQuery['uiapi']['query']['Contact']>;
  const edges = connection.edges ?? [];
  const records: PositionedRecord[] = new Array(edges.length);
  for (let i = 0; i < edges.length; i++) {
    const node = edges[i]?.node as SalesforceContactNode;
    records[i] = { contact: toTalkdeskContact(node, { instanceUrl }), position: positionOf(node) };
  }
  const latest = withLatest ? parseDateTime(answer.latest?.edges?.[0]?.node?.SystemModstamp?.value) : null;
  return { records, hasNextPage: connection.pageInfo.hasNextPage, latest };
}

/** Contacts of whole seconds in (SystemModstamp, Id) order: Salesforce leaves the order inside a second open. */
function sortedBySecond(records: PositionedRecord[]): PositionedRecord[] {
  return records.sort((a, b) => comparePositions(a.position, b.position));
}

/**
 * Our own cursor coming back inside the (checksummed) offset. One we cannot read was issued by
 * another version of this connector: flagged as refused, so that the shared sync restarts the rest
 * of the run from the last position it delivered instead of failing every run.
 */
function readCursor(cursor: string): ContactResume {
  const resume = decodeCursor(cursor);
  if (resume === null) {
    throw new AppError('invalid_offset', 'The Salesforce position in meta.offset does not have the form this connector writes.', {
      cursorRejected: true,
    });
  }
  return resume;
}

function positionOf(node: SalesforceContactNode): { updatedAt: number; id: string } {
  const updatedAt = parseDateTime(node.SystemModstamp?.value);
  if (updatedAt === null) throw new AppError('crm_bad_response', 'Salesforce answered a contact whose SystemModstamp is not a date-time.');
  return { updatedAt, id: node.Id };
}

/**
 * If Salesforce read the orderBy or the filter differently from what its types say, contacts would
 * come out of order or outside the range asked for, and keyset paging on them would silently skip
 * contacts. So each page is checked: ascending SystemModstamp within the run's bounds, the walked
 * second alone in a walk, and never the very contact a walk was to start after. A violation is a
 * 502 naming the likely cause, not a quiet loss.
 */
function outOfOrder(): AppError {
  return new AppError(
    'crm_bad_response',
    'Salesforce returned contacts out of SystemModstamp order or outside the requested range; the orderBy/where shapes may need correcting (src/connectors/salesforce/contact-order.ts, where-clause.ts).',
  );
}
