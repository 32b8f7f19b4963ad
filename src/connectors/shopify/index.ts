import { print } from 'graphql';
import type { CrmDeps } from '../../crm-http/graphql-call.js';
import { ShopifyAuthCheckDocument } from '../../generated/shopify/graphql.js';
import type { Connector } from '../connector.js';
import type { ShopifyAuth } from './auth.js';
import { shopifyCall } from './client.js';
import { fetchCustomersPage } from './fetch-customers-page.js';
import { MAX_PAGE_SIZE } from './query-cost.js';
import { PAGINATION_LIMIT } from './query-chain.js';

export type { ShopifyAuth } from './auth.js';

const AUTH_CHECK_QUERY = print(ShopifyAuthCheckDocument);

/**
 * Shopify customers (Admin GraphQL API, https://shopify.dev/docs/api/admin-graphql).
 * Page size: each page's calculated cost is 2 + 5 points per customer, taken from the app's bucket
 * on the store (refilled at 100 points/s on the Standard plan, faster on others). 100 a page
 * (502 points) waits at most about 5 s for a refill, well within a request's deadline, so a
 * throttled page is retried rather than failed; the maximum keeps one query under Shopify's
 * single-query cost limit.
 */
export interface ShopifyConnectorOptions {
  /**
   * Objects one query's cursor chain may serve before the connector starts a fresh query
   * (query-chain.ts). Default: Shopify's documented 25,000; tests lower it to match a fake's.
   */
  paginationLimit?: number;
}

export function createShopifyConnector(deps: CrmDeps, options: ShopifyConnectorOptions = {}): Connector<ShopifyAuth> {
  const paginationLimit = options.paginationLimit ?? PAGINATION_LIMIT;
  if (!Number.isSafeInteger(paginationLimit) || paginationLimit < 1) throw new RangeError('paginationLimit must be a positive integer');
  return {
    name: 'shopify',
    authSchemaId: 'talkdesk-bridge/auth/shopify',
    defaultPageSize: 100,
    maxPageSize: MAX_PAGE_SIZE,
    fetchPage: (auth, query) => fetchCustomersPage(deps, auth, query, paginationLimit),
    checkAuth: async (auth, call) => {
      await shopifyCall(deps, auth, AUTH_CHECK_QUERY, {}, call);
    },
  };
}
