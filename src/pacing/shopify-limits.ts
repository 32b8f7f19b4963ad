import type { CallContext } from '../connectors/connector.js';
import type { ShopifyCost } from '../connectors/shopify/errors.js';
import { parseCost } from '../connectors/shopify/errors.js';

/**
 * Shopify's limit is a leaky bucket per app and store, refilled continuously at `restoreRate`
 * points per second up to `maximumAvailable`; a query needs its requested cost in the bucket and
 * is refunded the difference to its actual cost afterwards. Every answer reports the bucket in
 * `extensions.cost.throttleStatus` (https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits),
 * so the bridge paces from what Shopify said last rather than from an estimate of its own.
 */

/**
 * The cost block of an answer, read from its tail: Shopify (and the fake) put `extensions` after
 * `data`, so the whole page need not be parsed a second time. Null when it is not there.
 */
export function costFromTail(body: string): ShopifyCost | null {
  const at = body.lastIndexOf('"extensions"');
  if (at < 0) return null;
  return parseCost(`{${body.slice(at)}`);
}

/** Record what Shopify reported about the bucket after a call. */
export function observeShopifyCost(call: CallContext, cost: ShopifyCost | null): void {
  if (!call.pacer || cost === null || !(cost.throttleStatus.restoreRate > 0) || !(cost.throttleStatus.maximumAvailable > 0)) return;
  const { maximumAvailable, currentlyAvailable, restoreRate } = cost.throttleStatus;
  call.pacer.observed(
    { capacity: maximumAvailable, windowMs: (maximumAvailable / restoreRate) * 1000, level: currentlyAvailable, whole: false },
    cost.requestedQueryCost,
  );
}

/** Wait (inside the deadline) until the bucket holds what the run's last call asked for. */
export async function paceShopifyCall(call: CallContext): Promise<void> {
  const pacer = call.pacer;
  if (!pacer) return;
  // Before the first answer nothing is known: the call goes, and its answer says.
  await pacer.beforeCall(pacer.expectedCost(0), call, 'Shopify');
}
