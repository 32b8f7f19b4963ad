import { Kind, type SelectionSetNode, type ValueNode } from 'graphql';
import { parseOrNull } from '../support/graphql-support.js';

/**
 * The accounting of Twenty's rate limit for API-key traffic on current servers (what a throttled
 * answer looks like is the server's business: server.ts).
 *
 * Source: twentyhq/twenty, packages/twenty-server/src/engine/
 * - core-modules/throttler/throttler.service.ts, `tokenBucketThrottleOrThrow`: a token bucket per
 *   key holding at most `maxTokens`, refilled by `floor(elapsed * maxTokens / timeWindow)` since
 *   `lastRefillAt`; a call that finds fewer tokens than it needs throws
 *   `Limit reached (<maxTokens> tokens per <timeWindow> ms)` and changes nothing; one that passes
 *   stores the remainder with `lastRefillAt = now` (so a fraction of a token accrued is lost).
 * - the query runners' `throttleQueryExecution`: for API-key requests only, one token from the
 *   workspace's short bucket, then one from its long bucket (`api:throttler:<workspaceId>-short-limit`
 *   / `-long-limit`), each time a root field resolves, so an operation with N root fields takes N
 *   tokens; a short-bucket token taken before the long bucket refuses stays taken.
 * - config-variables.ts: API_RATE_LIMITING_SHORT_LIMIT 100 per API_RATE_LIMITING_SHORT_TTL_IN_MS
 *   1,000; API_RATE_LIMITING_LONG_LIMIT 100 per API_RATE_LIMITING_LONG_TTL_IN_MS 60,000.
 */
export interface TokenBucketLimit {
  maxTokens: number;
  windowMs: number;
}

export interface TwentyRateLimits {
  short: TokenBucketLimit;
  long: TokenBucketLimit;
}

export const TWENTY_DEFAULT_RATE_LIMITS: TwentyRateLimits = {
  short: { maxTokens: 100, windowMs: 1_000 },
  long: { maxTokens: 100, windowMs: 60_000 },
};

/** The same limits on a clock running `factor` times faster (windows divided by it), for benchmarks. */
export function scaleRateLimits(limits: TwentyRateLimits, factor: number): TwentyRateLimits {
  if (!(factor > 0)) throw new RangeError('factor must be positive');
  return {
    short: { maxTokens: limits.short.maxTokens, windowMs: limits.short.windowMs / factor },
    long: { maxTokens: limits.long.maxTokens, windowMs: limits.long.windowMs / factor },
  };
}

export type TakeResult = { ok: true } | { ok: false; refusedBy: TokenBucketLimit };

interface BucketState {
  tokens: number;
  lastRefillAt: number;
}

export class TwentyRateLimiter {
  private readonly buckets = new Map<string, BucketState>();

  constructor(
    readonly limits: TwentyRateLimits,
    private readonly clock: () => number = Date.now,
  ) {
    for (const l of [limits.short, limits.long]) {
      if (!(l.maxTokens > 0 && l.windowMs > 0)) throw new RangeError('rate limits need maxTokens > 0 and windowMs > 0');
    }
  }

  /** Take one token per root field for `workspace`, short bucket then long, as Twenty does. */
  take(workspace: string, rootFields: number): TakeResult {
    for (let i = 0; i < rootFields; i++) {
      for (const [name, limit] of [
        ['short', this.limits.short],
        ['long', this.limits.long],
      ] as const) {
        if (!this.takeOne(`${workspace}-${name}`, limit)) return { ok: false, refusedBy: limit };
      }
    }
    return { ok: true };
  }

  /** Tokens `workspace`'s bucket holds now (tests). */
  available(workspace: string, which: 'short' | 'long'): number {
    return this.availableAt(`${workspace}-${which}`, this.limits[which], this.clock());
  }

  private takeOne(key: string, limit: TokenBucketLimit): boolean {
    const now = this.clock();
    const available = this.availableAt(key, limit, now);
    if (available < 1) return false;
    this.buckets.set(key, { tokens: available - 1, lastRefillAt: now });
    return true;
  }

  private availableAt(key: string, limit: TokenBucketLimit, now: number): number {
    const state = this.buckets.get(key) ?? { tokens: limit.maxTokens, lastRefillAt: now };
    const refill = Math.floor((now - state.lastRefillAt) * (limit.maxTokens / limit.windowMs));
    return Math.min(state.tokens + refill, limit.maxTokens);
  }
}

/**
 * How many root fields of the operation resolve: those not excluded by `@include(if: false)` or
 * `@skip(if: true)`, and not introspection. Each runs the throttle once. A document that does not parse counts one (it
 * is refused later, as on the real server, where the throttle runs only for executed fields).
 */
export function rootFieldCount(query: string, variables: Record<string, unknown> | null, operationName: string | null): number {
  const document = parseOrNull(query);
  if (document === null) return 1;
  const operation = document.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION && (operationName === null || d.name?.value === operationName),
  );
  if (operation === undefined || operation.kind !== Kind.OPERATION_DEFINITION) return 1;
  return countFields(operation.selectionSet, variables ?? {});
}

function countFields(set: SelectionSetNode, variables: Record<string, unknown>): number {
  let n = 0;
  for (const selection of set.selections) {
    if (!included(selection.directives ?? [], variables)) continue;
    // Introspection fields resolve in the GraphQL engine, outside the throttled query runners.
    if (selection.kind === Kind.FIELD) n += selection.name.value.startsWith('__') ? 0 : 1;
    else if (selection.kind === Kind.INLINE_FRAGMENT) n += countFields(selection.selectionSet, variables);
  }
  return n;
}

function included(
  directives: readonly { name: { value: string }; arguments?: readonly { name: { value: string }; value: ValueNode }[] }[],
  variables: Record<string, unknown>,
): boolean {
  for (const d of directives) {
    const arg = d.arguments?.find((a) => a.name.value === 'if');
    if (!arg) continue;
    const value =
      arg.value.kind === Kind.VARIABLE ? variables[arg.value.name.value] === true : arg.value.kind === Kind.BOOLEAN && arg.value.value;
    if (d.name.value === 'include' && !value) return false;
    if (d.name.value === 'skip' && value) return false;
  }
  return true;
}
