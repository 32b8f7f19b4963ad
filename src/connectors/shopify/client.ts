import type { CrmFetch, CrmResponse } from '../../crm-http/crm-fetch.js';
import { callGraphQL, retryAfter, type CrmDeps } from '../../crm-http/graphql-call.js';
import type { CallContext } from '../connector.js';
import { shopifyEndpoints, type ShopifyAuth } from './auth.js';
import { classifyShopifyErrors, costOf, parseCost, throttleWaitSeconds, type ShopifyCost } from './errors.js';
import { costFromTail, observeShopifyCost, paceShopifyCall } from '../../pacing/shopify-limits.js';

/*
 * (unconfirmed as a documented template, but what Shopify's own API clients call)
 * `POST https://{shop}.myshopify.com/admin/api/{version}/graphql.json` with the token in
 * `X-Shopify-Access-Token` (auth.ts, client.ts). An invalid token is answered HTTP 401 with a
 * string-valued `errors`, which the shared call turns into crm_unauthorized by status alone.
 */

/**
 * One call to the Admin GraphQL API: `POST https://{shop}.myshopify.com/admin/api/{version}/graphql.json`
 * with the token in `X-Shopify-Access-Token` (https://shopify.dev/docs/api/admin-graphql#authentication).
 */
export function shopifyCall<T>(
  deps: CrmDeps,
  auth: ShopifyAuth,
  query: string,
  variables: Record<string, unknown>,
  call: CallContext,
): Promise<T> {
  // Per call (and so per Talkdesk request): the cost block of the latest answer, for `classify`.
  const latest: { cost: ShopifyCost | null } = { cost: null };
  return callGraphQL<T>({
    endpoint: shopifyEndpoints(auth).graphqlUrl,
    headers: { 'x-shopify-access-token': auth.access_token },
    query,
    variables,
    signal: call.signal,
    deadline: call.deadline,
    fetch: readingThrottleStatus(deps.fetch, latest, call.pacer ? (cost) => observeShopifyCost(call, cost) : undefined),
    retry: deps.retry,
    metrics: deps.metrics,
    crm: 'Shopify',
    pace: call.pacer ? () => paceShopifyCall(call) : undefined,
    classify: (errors) => classifyShopifyErrors(errors, latest.cost),
  });
}

/**
 * The shared GraphQL call hands `classify` only the errors, but the wait after THROTTLED is in the
 * answer's top-level `extensions.cost`. This fetch reads it on the way through and keeps it for
 * `classify`: from the answer the bridge's fetch parsed from its bytes (handed on as it is), or,
 * for a response without that, from the text (parsing only throttled answers, which are small,
 * and the tail of the others).
 *
 * A throttled HTTP 429 never reaches `classify`: the shared call answers it from Retry-After.
 * So its Retry-After is replaced with the wait the cost block gives (the header's presence and
 * format there are unconfirmed: errors.ts); without a cost block, a header in whole or
 * fractional seconds is rounded up.
 */
export function readingThrottleStatus(
  fetch: CrmFetch,
  latest: { cost: ShopifyCost | null },
  observe?: (cost: ShopifyCost | null) => void,
): CrmFetch {
  return async (url, init) => {
    const response = await fetch(url, init);
    // The bridge's own fetch parses a JSON answer from its bytes (src/crm-http/json-from-bytes.ts):
    // the cost block is read from that value, which is handed on, so the page is parsed once.
    let parsed: { value: unknown } | null = null;
    if (response.json !== undefined) {
      try {
        parsed = { value: response.json() };
      } catch {
        parsed = null;
      }
    }
    let body: string | undefined;
    if (parsed !== null) {
      latest.cost = costOf(parsed.value);
      if (observe) observe(latest.cost);
    } else {
      body = await response.text();
      latest.cost = response.status === 429 || body.includes('THROTTLED') ? parseCost(body) : null;
      // With a run to pace, every answer's bucket is read (src/pacing/shopify-limits.ts).
      if (observe) observe(latest.cost ?? costFromTail(body));
    }
    const wait = response.status === 429 ? (throttleWaitSeconds(latest.cost) ?? Math.max(1, retryAfter(response.headers) ?? 1)) : undefined;
    const passed: CrmResponse = {
      status: response.status,
      ok: response.ok,
      headers: {
        get: (name) => (wait !== undefined && name.toLowerCase() === 'retry-after' ? String(wait) : response.headers.get(name)),
      },
      text: () => (body !== undefined ? Promise.resolve(body) : response.text()),
    };
    if (parsed !== null) {
      const value = parsed.value;
      passed.json = () => value;
    }
    return passed;
  };
}
