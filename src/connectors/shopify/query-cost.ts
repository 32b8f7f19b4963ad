/**
 * Page size and query cost: how big a customers page may be. Confirmed: the cost rules "object 1,
 * scalar 0, connection 2 + the objects it returns" and `extensions.cost` with `throttleStatus`
 * (https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits). Each constant below says
 * whether it is confirmed; "(unconfirmed)" marks what no primary source states and only a real
 * store can confirm (the fake Shopify in fake-crms/shopify/ implements the same assumptions).
 */

/** (unconfirmed) The largest `first` a connection accepts (crm-apis.md; Shopify's usual cap). */
export const MAX_CONNECTION_FIRST = 250;

/**
 * (unconfirmed) A single query may not cost more than 1,000 points (older call-limit docs,
 * https://help.shopify.com/en/api/graphql-admin-api/call-limit; the current page no longer states
 * a number). Shopify refuses a costlier query with MAX_COST_EXCEEDED before running it.
 */
export const MAX_SINGLE_QUERY_COST = 1000;

/**
 * (unconfirmed arithmetic) The requested cost of one customer in ShopifyCustomersPage: the
 * customer object plus its four object fields (defaultEmailAddress, defaultPhoneNumber,
 * defaultAddress, image), each 1 point; scalars and enums are free. The connection adds 2.
 */
export const COST_PER_CUSTOMER = 5;
export const CONNECTION_COST = 2;
/** (unconfirmed arithmetic) The `latest` read in the same query: a connection of one customer object. */
export const LATEST_READ_COST = 3;

/**
 * The largest page asked for: 3 + 2 + 5 × 190 = 955 points, under the single-query limit with a
 * margin for a field Shopify might price higher than the documented defaults.
 */
export const MAX_PAGE_SIZE = 190;
