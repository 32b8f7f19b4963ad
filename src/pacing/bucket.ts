/**
 * The bridge's estimate of one CRM rate-limit bucket, as of `at` (epoch ms on the bridge's
 * clock). Both CRMs that limit rates use a bucket refilled over time:
 * - Shopify: a leaky bucket per app and store, refilled continuously at `restoreRate` points per
 *   second up to `maximumAvailable` (https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits).
 * - Twenty (current servers): a token bucket per workspace and window, `maxTokens` refilled over
 *   `timeWindow` ms. Its refill is whole tokens only, `floor(elapsed * maxTokens / timeWindow)`,
 *   and each call that consumes restarts the refill clock, so the fraction of a token that had
 *   accrued is lost (twentyhq/twenty, packages/twenty-server/src/engine/core-modules/throttler/
 *   throttler.service.ts, `getAvailableTokensCount`, `tokenBucketThrottleOrThrow`). `whole` models that.
 */
export interface BucketEstimate {
  /** Most the bucket holds. */
  capacity: number;
  /** Time to refill from empty to full (ms). */
  windowMs: number;
  /** What it held at `at`. */
  level: number;
  /** Epoch ms of `level`. */
  at: number;
  /** Refill in whole tokens since the last consumption (Twenty), rather than continuously (Shopify). */
  whole: boolean;
}

/** What the bucket holds at `now`. */
export function levelAt(bucket: BucketEstimate, now: number): number {
  const elapsed = Math.max(0, now - bucket.at);
  const accrued = (elapsed * bucket.capacity) / bucket.windowMs;
  return Math.min(bucket.capacity, bucket.level + (bucket.whole ? Math.floor(accrued) : accrued));
}

/**
 * Epoch ms from which the bucket holds `cost` (now, if it already does). A cost above the
 * capacity can never be met: Infinity.
 */
export function readyAt(bucket: BucketEstimate, cost: number, now: number): number {
  if (cost > bucket.capacity) return Number.POSITIVE_INFINITY;
  if (levelAt(bucket, now) >= cost) return now;
  const missing = cost - bucket.level;
  const msPerToken = bucket.windowMs / bucket.capacity;
  const wait = (bucket.whole ? Math.ceil(missing) : missing) * msPerToken;
  return Math.max(now, bucket.at + Math.ceil(wait));
}

/** The bucket after `cost` was taken at `now`. */
export function consume(bucket: BucketEstimate, cost: number, now: number): BucketEstimate {
  const level = levelAt(bucket, now) - cost;
  // Twenty restarts its refill clock at every consumption; Shopify's refill is continuous.
  return { ...bucket, level, at: now };
}
