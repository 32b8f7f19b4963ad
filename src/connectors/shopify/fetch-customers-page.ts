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
 * - The next cursor is Shopify's `endCursor`, unchanged. It resumes after the last customer
 *   inside its update time, so a customer written at that same time after the page was read, and
 *   sorted before it, would be behind the cursor. The same request reads the shop's newest update
 *   time (`latest`); unless it is past the page's last one, the page reports that time as
 *   unsettled and the shared sync has the next run read it again (Page.unsettledAt).
 */
export async function fetchCustomersPage(deps: CrmDeps, auth: ShopifyAuth, query: PageQuery): Promise<Page> {
  const { store } = shopifyEndpoints(auth);
  const variables: ShopifyCustomersPageQueryVariables = { first: query.pageSize };
  if (query.cursor !== null) variables.after = query.cursor;
  if (query.updatedSince !== null) variables.query = updatedSinceQuery(query.updatedSince);

  const data = await shopifyCall<unknown>(deps, auth, PAGE_QUERY, variables, query);
  const problem = check('talkdesk-bridge/crm/shopify-customers-page', data, 'data');
  if (problem) throw new AppError('crm_bad_response', `Shopify answered an unexpected shape (${problem}).`);
  const answer = data as ShopifyCustomersPageQuery;
  const customers = answer.customers;

  const records: PageRecord[] = customers.nodes.map((node) => ({
    contact: toTalkdeskContact(node, { store }),
    position: recordPosition(node.id, node.updatedAt),
  }));
  // Array.prototype.sort is stable; a record without a position keeps Shopify's order for all.
  if (records.every((r) => r.position !== null)) {
    records.sort((a, b) => comparePositions(a.position as SyncPosition, b.position as SyncPosition));
  }

  let nextCursor: string | null = null;
  if (customers.pageInfo.hasNextPage) {
    nextCursor = customers.pageInfo.endCursor ?? null;
    if (!nextCursor) throw new AppError('crm_bad_response', 'Shopify reported more pages without an end cursor.');
  }
  return { records, nextCursor, unsettledAt: nextCursor === null ? null : unsettledTime(records, answer.latest?.nodes?.[0]?.updatedAt) };
}

/** The page's last update time, unless the shop's newest update time is already past it. */
function unsettledTime(records: PageRecord[], latestText: unknown): number | null {
  let last: number | null = null;
  for (const r of records) if (r.position !== null && (last === null || r.position.updatedAt > last)) last = r.position.updatedAt;
  if (last === null) return null;
  const latest = recordPosition('latest', latestText)?.updatedAt ?? null;
  return latest !== null && latest > last ? null : last;
}
