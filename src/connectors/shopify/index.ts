import { print } from 'graphql';
import type { CrmDeps } from '../../crm-http/graphql-call.js';
import { ShopifyAuthCheckDocument } from '../../generated/shopify/graphql.js';
import type { Connector } from '../connector.js';
import type { ShopifyAuth } from './auth.js';
import { shopifyCall } from './client.js';
import { fetchCustomersPage } from './fetch-customers-page.js';
import { MAX_PAGE_SIZE } from './query-cost.js';

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
export function createShopifyConnector(deps: CrmDeps): Connector<ShopifyAuth> {
  return {
    name: 'shopify',
    authSchemaId: 'talkdesk-bridge/auth/shopify',
    defaultPageSize: 100,
    maxPageSize: MAX_PAGE_SIZE,
    fetchPage: (auth, query) => fetchCustomersPage(deps, auth, query),
    checkAuth: async (auth, call) => {
      await shopifyCall(deps, auth, AUTH_CHECK_QUERY, {}, call);
    },
  };
}
