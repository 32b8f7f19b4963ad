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
    records[i] = { contact: toTalkdeskContact(node, { appUrl }), position: positionOf(node.id, node.updatedAt) };
  }
  let nextCursor: string | null = null;
  if (people.pageInfo.hasNextPage) {
    nextCursor = people.pageInfo.endCursor ?? null;
    if (!nextCursor) throw new AppError('crm_bad_response', 'Twenty reported more pages without an end cursor.');
  }
  return { records, nextCursor };
}

/** A record's sync position; null (never a checkpoint) when its timestamp is missing or unreadable. */
function positionOf(id: string, updatedAt: string | null): PageRecord['position'] {
  if (!updatedAt) return null;
  const ms = Date.parse(updatedAt);
  return Number.isNaN(ms) || ms < 0 ? null : { updatedAt: ms, id };
}
