/**
 * UNCONFIRMED: what this connector relies on about Shopify's Admin GraphQL API that was not seen in
 * a primary source (Shopify's documentation, its published schema, or a recorded answer from a real
 * store). It lives here, and only here, so that one session against a real store can confirm or
 * correct it in one place. The fake Shopify (fake-crms/shopify/) implements the same
 * assumptions, so the test suite cannot confirm them: only a real store can.
 *
 * Confirmed elsewhere, for contrast: the schema (graphql/shopify/schema.graphql, from Shopify's
 * published introspection), the sort keys, `extensions.cost` with `throttleStatus`, the `THROTTLED`
 * code, and the cost rules "object 1, scalar 0, connection 2 + the objects it returns"
 * (https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits).
 */

// ---- endpoint ----------------------------------------------------------------------------------

/*
 * (unconfirmed as a documented template, but what Shopify's own API clients call)
 * `POST https://{shop}.myshopify.com/admin/api/{version}/graphql.json` with the token in
 * `X-Shopify-Access-Token` (auth.ts, client.ts). An invalid token is answered HTTP 401 with a
 * string-valued `errors`, which the shared call turns into crm_unauthorized by status alone.
 */

// ---- page size and query cost ------------------------------------------------------------------

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

// ---- ordering, cursors and the incremental filter ---------------------------------------------

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

/**
 * (unconfirmed) Shopify's wording when it refuses an `after` cursor (a malformed or foreign cursor,
 * or one past its pagination depth limit: https://shopify.dev/docs/api/usage/limits states 25,000
 * objects without saying which APIs enforce it). Matched loosely; the shared sync then restarts the
 * run's remainder from the last position it delivered.
 */
export function isCursorRejection(message: string): boolean {
  return /cursor/i.test(message) && /invalid|expired|not valid|malformed|limit|exceed/i.test(message);
}

// ---- throttling ----------------------------------------------------------------------------------

/*
 * (unconfirmed) A throttled call is answered HTTP 200 with `errors[].extensions.code = "THROTTLED"`
 * (most reports) or HTTP 429 (some reports); both carry `extensions.cost`, whose requestedQueryCost,
 * currentlyAvailable and restoreRate give the wait. Whether a 429 also has a Retry-After header, and
 * in which form, is unknown: the body's numbers win when present.
 */

// ---- links -------------------------------------------------------------------------------------

/**
 * (unconfirmed) The admin shows a customer at admin.shopify.com/store/{store}/customers/{id}, where
 * {store} is the store's myshopify.com subdomain and {id} the REST (legacy) id (crm-apis.md).
 */
export function adminCustomerUrl(store: string, legacyResourceId: string): string {
  return `https://admin.shopify.com/store/${encodeURIComponent(store)}/customers/${legacyResourceId}`;
}

/*
 * (unconfirmed) `Customer.image` is non-null in the schema, so a customer without a picture still
 * has an image URL (a generic avatar, presumably). It is passed on as photo_url like any other
 * absolute URL; if it turns out to be one shared placeholder, it should be recognised and dropped.
 */
