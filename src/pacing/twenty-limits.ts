import { AppError } from '../errors.js';
import type { CallContext } from '../connectors/connector.js';

/**
 * Twenty's rate limits for API-key traffic, as the bridge paces under them.
 *
 * Current servers (twentyhq/twenty, packages/twenty-server): every root field of an operation
 * runs `throttleQueryExecution`, which takes one token from each of two token buckets per
 * workspace, a short and a long one (`tokenBucketThrottleOrThrow`, throttler.service.ts), sized by
 * API_RATE_LIMITING_SHORT_LIMIT / _SHORT_TTL_IN_MS and _LONG_LIMIT / _LONG_TTL_IN_MS, defaults
 * 100 per 1,000 ms and 100 per 60,000 ms (config-variables.ts). A refused call is answered
 * `Limit reached (<N> tokens per <M> ms)` without Retry-After, and consumes nothing from the
 * bucket that refused it. Twenty Cloud has been reported at about 50 per minute: the message
 * corrects the assumption below the first time it is wrong. The v0.53 line counted requests per
 * key instead ("Too many requests", without figures): the bridge paces it under the same assumed
 * limits, and retries its refusals after their Retry-After (or 1 s) like any HTTP 429.
 */
export const TWENTY_ASSUMED_BUCKETS = [
  { capacity: 100, windowMs: 1_000, whole: true },
  { capacity: 100, windowMs: 60_000, whole: true },
] as const;

/**
 * Tokens one call takes: one per root field that runs (a skipped `@include(if: false)` field does
 * not). Introspection (`__type`, the connector's look at the server's schema) runs in the GraphQL
 * engine, not in the workspace query runners that throttle, so it takes none.
 */
export function twentyCallCost(query: string, variables: Record<string, unknown>): number {
  if (!/\bpeople\s*\(/.test(query)) return 0;
  // The page query has `people`, plus `latest: people` when $withLatest (graphql/twenty/operations.graphql).
  return variables['withLatest'] === true ? 2 : 1;
}

/** The limit a throttled answer states, e.g. `Limit reached (100 tokens per 60000 ms)`. */
export function parseTwentyLimit(message: string): { capacity: number; windowMs: number } | null {
  const m = /Limit reached \((\d+) (?:tokens )?per (\d+) ?ms\)/.exec(message);
  if (!m) return null;
  const capacity = Number(m[1]);
  const windowMs = Number(m[2]);
  return capacity > 0 && windowMs > 0 ? { capacity, windowMs } : null;
}

/** Pace one Twenty call: wait (inside the deadline) until the buckets hold its cost, then charge it. */
export async function paceTwentyCall(
  call: CallContext,
  cost: number,
  assumed: readonly { readonly tokens: number; readonly windowMs: number }[] | undefined,
): Promise<void> {
  const pacer = call.pacer;
  if (!pacer) return;
  pacer.assumeBuckets(assumed ? assumed.map((l) => ({ capacity: l.tokens, windowMs: l.windowMs, whole: true })) : TWENTY_ASSUMED_BUCKETS);
  await pacer.beforeCall(cost, call, 'Twenty');
  pacer.charged(cost, Date.now());
}

/**
 * After Twenty refused a call: the bucket it named is empty now, and the retry waits exactly the
 * time that bucket takes to refill the call's cost, rather than a fixed guess. Any other error
 * passes unchanged.
 */
export function learnFromTwentyError(
  error: AppError | undefined,
  messages: readonly string[],
  call: CallContext,
  cost: number,
): AppError | undefined {
  if (error?.code !== 'crm_rate_limited') return error;
  for (const message of messages) {
    const limit = parseTwentyLimit(message);
    if (limit === null) continue;
    call.pacer?.throttledBy({ ...limit, whole: true });
    const waitSeconds = (Math.max(1, Math.ceil(cost)) * limit.windowMs) / limit.capacity / 1000;
    return new AppError('crm_rate_limited', error.message, {
      retryAfterSeconds: waitSeconds,
      retryable: true,
      logDetail: { ...error.logDetail, crmLimit: `${limit.capacity} per ${limit.windowMs} ms` },
    });
  }
  return error;
}
