import { print } from 'graphql';
import type { CrmDeps } from '../../crm-http/graphql-call.js';
import { AppError } from '../../errors.js';
import {
  TwentyPeoplePageDocument,
  TwentyPeoplePagePrimaryOnlyDocument,
  type PersonFilterInput,
  type TwentyPeoplePageQuery,
  type TwentyPeoplePageQueryVariables,
} from '../../generated/twenty/graphql.js';
import { check } from '../../validation/validators.js';
import type { Page, PageQuery, PageRecord } from '../connector.js';
import { recordPosition } from '../record-position.js';
import type { TwentyAuth } from './auth.js';
import { twentyEndpoints } from './auth.js';
import { twentyCall } from './client.js';
import { TwentyDialectMismatch } from './errors.js';
import { toTalkdeskContact } from './to-talkdesk-contact.js';

// Printed once: graphql-request would print the AST on every call.
const FULL_QUERY = print(TwentyPeoplePageDocument);
const PRIMARY_ONLY_QUERY = print(TwentyPeoplePagePrimaryOnlyDocument);

/**
 * Servers that rejected the full selection (version trap on `additional*` sub-fields), by GraphQL
 * URL, so that later pages go straight to the primary-only operation. Bounded: it is a hint, and
 * forgetting an entry only costs one rejected call.
 */
const primaryOnlyServers = new Set<string>();
const MAX_REMEMBERED = 10_000;

/**
 * One page of people, ascending by (updatedAt, id).
 * Docs: https://twenty.com/developers (GraphQL API: `people` connection, filter, orderBy, cursors).
 */
export async function fetchPeoplePage(deps: CrmDeps, auth: TwentyAuth, query: PageQuery): Promise<Page> {
  const { graphqlUrl, appUrl } = twentyEndpoints(auth);
  const variables: TwentyPeoplePageQueryVariables = { first: query.pageSize };
  if (query.cursor !== null) variables.after = query.cursor;
  if (query.updatedSince !== null) {
    // Inclusive: records sharing the boundary timestamp are read again rather than skipped.
    const filter: PersonFilterInput = { updatedAt: { gte: new Date(query.updatedSince).toISOString() } };
    variables.filter = filter;
  }

  const call = (q: string): Promise<unknown> => twentyCall<unknown>(deps, auth, q, variables, query);

  let data: unknown;
  if (primaryOnlyServers.has(graphqlUrl)) {
    data = await call(PRIMARY_ONLY_QUERY);
  } else {
    try {
      data = await call(FULL_QUERY);
    } catch (err) {
      if (!(err instanceof TwentyDialectMismatch)) throw err;
      if (primaryOnlyServers.size >= MAX_REMEMBERED) primaryOnlyServers.clear();
      primaryOnlyServers.add(graphqlUrl);
      data = await call(PRIMARY_ONLY_QUERY);
    }
  }

  const problem = check('talkdesk-bridge/crm/twenty-people-page', data, 'data');
  if (problem) throw new AppError('crm_bad_response', `Twenty answered an unexpected shape (${problem}).`);
  const people = (data as TwentyPeoplePageQuery).people;

  const records: PageRecord[] = new Array(people.edges.length);
  for (let i = 0; i < people.edges.length; i++) {
    const node = (people.edges[i] as TwentyPeoplePageQuery['people']['edges'][number]).node;
    records[i] = { contact: toTalkdeskContact(node, { appUrl }), position: recordPosition(node.id, node.updatedAt) };
  }
  let nextCursor: string | null = null;
  if (people.pageInfo.hasNextPage) {
    const endCursor = people.pageInfo.endCursor;
    if (!endCursor) throw new AppError('crm_bad_response', 'Twenty reported more pages without an end cursor.');
    nextCursor = resumeCursor(records, endCursor);
  }
  return { records, nextCursor };
}

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * Where the next page starts. Postgres orders `updatedAt` by microseconds, but Twenty's cursor and
 * its keyset condition (`updatedAt > c OR (updatedAt = c AND id > c.id)`) work in milliseconds.
 * A record later in the same millisecond as the page's last record but with a smaller id fails
 * both halves and would be skipped by `after: endCursor`. So the next page restarts at the start
 * of that millisecond: the same cursor format (base64 JSON of the orderBy values and id, see
 * crm-apis.md) with the nil UUID, which re-reads the records of that millisecond (duplicates,
 * harmless) and skips none. A page that lies wholly inside one millisecond (a bulk update larger
 * than a page) must use Twenty's own cursor to make progress; records written by one statement
 * share the exact timestamp, so the id order is then exact; only a millisecond holding more than a
 * page of records from more than one commit can still lose one (README, Sync guarantees). An endCursor in another format is used as it is.
 */
function resumeCursor(records: PageRecord[], endCursor: string): string {
  const first = records[0]?.position;
  const last = records[records.length - 1]?.position;
  if (!first || !last || first.updatedAt === last.updatedAt) return endCursor;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(endCursor, 'base64').toString('utf8'));
  } catch {
    return endCursor;
  }
  const keys = decoded && typeof decoded === 'object' ? Object.keys(decoded).sort().join(',') : '';
  if (keys !== 'id,updatedAt') return endCursor;
  const rewound = { updatedAt: new Date(last.updatedAt).toISOString(), id: NIL_UUID };
  return Buffer.from(JSON.stringify(rewound)).toString('base64');
}
