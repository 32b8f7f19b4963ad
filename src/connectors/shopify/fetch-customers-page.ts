import { print } from 'graphql';
import type { CrmDeps } from '../../crm-http/graphql-call.js';
import { AppError } from '../../errors.js';
import {
  ShopifyCustomersPageDocument,
  type ShopifyCustomersPageQuery,
  type ShopifyCustomersPageQueryVariables,
} from '../../generated/shopify/graphql.js';
import { check } from '../../validation/validators.js';
import type { Page, PageQuery, PageRecord, SyncPosition } from '../connector.js';
import { comparePositions, recordPosition } from '../../position/sync-position.js';
import { shopifyEndpoints, type ShopifyAuth } from './auth.js';
import { shopifyCall } from './client.js';
import {
  afterChainEnd,
  chainSearch,
  decodeChain,
  encodeChain,
  firstChain,
  PAGINATION_LIMIT,
  restartChain,
  type Chain,
} from './query-chain.js';
import { updatedSinceQuery } from './search-query.js';
import { toTalkdeskContact } from './to-talkdesk-contact.js';

/*
 * (unconfirmed) Shopify's `after` cursor is a keyset position: decoded, real cursors read
 * `{"last_id":8789986050379,"last_value":"…"}` (the sort key's value and the id), and a page after
 * it holds the records strictly after that (value, id) in the sort order. So records sharing one
 * `updated_at` are ordered by numeric id, a tie larger than a page is paged through, and a customer
 * edited during a run moves to the end of the order instead of shifting the others (an offset
 * cursor would skip one record per edit). The connector does not depend on the tie order: it
 * sorts each page by (updatedAt, id), and the next sync re-reads the checkpoint's whole timestamp.
 *
 * (unconfirmed, documented ambiguously) The `updated_at` search term "matches a whole day"
 * (the `customers.query` argument's description in the schema), and a community report says
 * `updated_at:>T` returned all of T's day. Only `>=` is therefore used: read as "on or after T's
 * day" it returns a superset of "at or after T" in any time zone, so nothing is lost, but an
 * incremental sync can re-send the customers updated earlier on the checkpoint's day (in the
 * shop's time zone). `>` could drop the rest of T's day and is never sent.
 */

// Printed once: graphql-request would print the AST on every call.
const PAGE_QUERY = print(ShopifyCustomersPageDocument);

/**
 * One page of customers, ascending by (updatedAt, id).
 * Docs: https://shopify.dev/docs/api/admin-graphql/latest/queries/customers
 *
 * What the sync's guarantees rest on (the details and what is unconfirmed: the notes above):
 * - `sortKey: UPDATED_AT` orders by update time, so once a page's last customer was updated at T,
 *   every customer updated before T has been delivered by this run.
 * - Within a run, Shopify's own `after` cursor moves through ties of any size, and an edit during
 *   the run moves the customer to the end of the order, where the run still reaches it.
 * - The incremental bound is inclusive (`updated_at:>=`): the next sync re-reads the checkpoint's
 *   whole timestamp, so the checkpoint's id never decides what is skipped. That is why the order of
 *   customers sharing one `updated_at` (Shopify's: by numeric id) does not matter; each page is
 *   still sorted by (updatedAt, id) the way the checkpoint compares positions, so that a page is
 *   ascending and its last record is its furthest position.
 * - The next cursor carries Shopify's `endCursor` (query-chain.ts). It resumes after the last
 *   customer inside its update time, so a customer written at that same time after the page was
 *   read, and sorted before it, would be behind the cursor. The same request reads the shop's
 *   newest update time (`latest`); unless it is past the page's last one, the page reports that
 *   time as unsettled and the shared sync has the next run read it again (Page.unsettledAt).
 * - Deep stores (query-chain.ts): no query's cursor chain goes past Shopify's pagination limit;
 *   the run restarts with a fresh query from its last position instead. A day holding more updates
 *   than the limit is walked by id; its customers are delivered without a position, so that the
 *   checkpoint cannot move past customers of that day the walk has not reached yet.
 */
export async function fetchCustomersPage(
  deps: CrmDeps,
  auth: ShopifyAuth,
  query: PageQuery,
  paginationLimit: number = PAGINATION_LIMIT,
): Promise<Page> {
  let chain = query.cursor === null ? firstChain(query.updatedSince) : decodeChain(query.cursor, query.updatedSince);
  // Each step moves the run forward (query-chain.ts); a few are enough for any one page.
  for (let step = 0; step < MAX_QUERIES_PER_PAGE; step++) {
    if (chain.after !== null && chain.served >= paginationLimit) chain = restartOrFail(chain);
    let answer: ShopifyCustomersPageQuery;
    try {
      answer = await readCustomers(deps, auth, chain, Math.min(query.pageSize, paginationLimit - chain.served), query);
    } catch (err) {
      // Past the limit Shopify may answer an error whose wording is not published: a chain that
      // fails on a continued page starts afresh from its last position; a fresh query failing too
      // is a real error.
      const restart = chain.after !== null && isCrmError(err) ? restartChain(chain) : null;
      if (restart === null) throw err;
      chain = restart;
      continue;
    }
    const customers = answer.customers;
    const records = sortedRecords(customers.nodes, store(auth));
    chain = served(chain, customers.nodes);

    if (customers.pageInfo.hasNextPage) {
      const endCursor = customers.pageInfo.endCursor;
      if (!endCursor) throw new AppError('crm_bad_response', 'Shopify reported more pages without an end cursor.');
      const next: Chain = { ...chain, after: endCursor };
      return chain.kind === 'time'
        ? { records, nextCursor: encodeChain(next), unsettledAt: unsettledTime(records, answer.latest?.nodes?.[0]?.updatedAt) }
        : { records: withoutPositions(records), nextCursor: encodeChain(next) };
    }
    const next = afterChainEnd(chain, paginationLimit);
    if (next === null) return { records: chain.kind === 'time' ? records : withoutPositions(records), nextCursor: null };
    // The next page re-reads from the last position inclusively (or starts a later day): nothing
    // is left unsettled behind a cursor.
    if (records.length > 0) return { records: chain.kind === 'time' ? records : withoutPositions(records), nextCursor: encodeChain(next) };
    chain = next;
  }
  throw new AppError('crm_bad_response', 'Shopify kept ending its queries without customers while more were expected.');
}

const MAX_QUERIES_PER_PAGE = 4;

function restartOrFail(chain: Chain): Chain {
  const restart = restartChain(chain);
  if (restart === null) throw new AppError('crm_bad_response', 'Shopify served a page without customers where more were expected.');
  return restart;
}

function isCrmError(err: unknown): boolean {
  return err instanceof AppError && (err.cursorRejected || err.code === 'crm_error');
}

function store(auth: ShopifyAuth): string {
  return shopifyEndpoints(auth).store;
}

async function readCustomers(
  deps: CrmDeps,
  auth: ShopifyAuth,
  chain: Chain,
  first: number,
  call: PageQuery,
): Promise<ShopifyCustomersPageQuery> {
  const variables: ShopifyCustomersPageQueryVariables = { first };
  if (chain.after !== null) variables.after = chain.after;
  const search = chainSearch(chain, updatedSinceQuery);
  if (search !== null) variables.query = search;
  if (chain.kind === 'day') variables.sortKey = 'ID';
  const data = await shopifyCall<unknown>(deps, auth, PAGE_QUERY, variables, call);
  const problem = check('talkdesk-bridge/crm/shopify-customers-page', data, 'data');
  if (problem) throw new AppError('crm_bad_response', `Shopify answered an unexpected shape (${problem}).`);
  return data as ShopifyCustomersPageQuery;
}

type CustomerNode = ShopifyCustomersPageQuery['customers']['nodes'][number];

function sortedRecords(nodes: readonly CustomerNode[], shop: string): PageRecord[] {
  const records: PageRecord[] = nodes.map((node) => ({
    contact: toTalkdeskContact(node, { store: shop }),
    position: recordPosition(node.id, node.updatedAt),
  }));
  // Array.prototype.sort is stable; a record without a position keeps Shopify's order for all.
  if (records.every((r) => r.position !== null)) {
    records.sort((a, b) => comparePositions(a.position as SyncPosition, b.position as SyncPosition));
  }
  return records;
}

/** A day walk's customers come by id, not by time: they must not move the checkpoint. */
function withoutPositions(records: PageRecord[]): PageRecord[] {
  return records.map((r) => ({ contact: r.contact, position: null }));
}

/** The chain after Shopify served these customers on it. */
function served(chain: Chain, nodes: readonly CustomerNode[]): Chain {
  const count = chain.served + nodes.length;
  if (chain.kind === 'day') {
    let lastId = chain.lastId;
    for (const n of nodes) {
      const id = numericId(n.id);
      if (id !== null && (lastId === null || id > lastId)) lastId = id;
    }
    return { ...chain, served: count, lastId };
  }
  let lastAt = chain.lastAt;
  for (const n of nodes) {
    const at = recordPosition(n.id, n.updatedAt)?.updatedAt;
    if (at !== undefined && (lastAt === null || at > lastAt)) lastAt = at;
  }
  return { ...chain, served: count, lastAt };
}

/** 123 from `gid://shopify/Customer/123`. */
function numericId(gid: string): number | null {
  const id = Number(gid.slice(gid.lastIndexOf('/') + 1));
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** The page's last update time, unless the shop's newest update time is already past it. */
function unsettledTime(records: PageRecord[], latestText: unknown): number | null {
  let last: number | null = null;
  for (const r of records) if (r.position !== null && (last === null || r.position.updatedAt > last)) last = r.position.updatedAt;
  if (last === null) return null;
  const latest = recordPosition('latest', latestText)?.updatedAt ?? null;
  return latest !== null && latest > last ? null : last;
}
