import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../errors.js';
import { consume, readyAt, type BucketEstimate } from './bucket.js';

/**
 * What a run knows about its CRM's limits between pages, carried in its offset (the bridge keeps
 * no session, and Talkdesk pages one request at a time per account: sync-page.ts).
 */
export interface PaceState {
  /** Estimates of the CRM's rate-limit buckets (none until the CRM's limits are known or assumed). */
  buckets: BucketEstimate[];
  /** What the last call cost, in the buckets' units: the expected cost of the next one. */
  lastCost: number | null;
  /** A daily request allowance as last reported by the CRM (Salesforce), or null. */
  allowance: { used: number; limit: number; at: number } | null;
}

export const emptyPaceState = (): PaceState => ({ buckets: [], lastCost: null, allowance: null });

/** Time a call needs after a wait, or the wait is not worth starting (as for retries). */
const MIN_CALL_BUDGET_MS = 500;
/**
 * Added to every wait: the CRM counts a call when it processes it, a little after the bridge sends
 * it, and that delay varies from call to call. A call sent exactly on time could be counted a few
 * ms early, when Twenty's whole-token refill has not yet added the token it needs.
 */
export const PACE_MARGIN_MS = 8;
/**
 * How long a reported allowance is trusted. Salesforce's allowance is a rolling 24 hours, so an
 * exhausted one frees up as old requests age out; an old report must not refuse a page forever.
 */
const ALLOWANCE_FRESH_MS = 60_000;
/** Retry-After when a daily allowance is exhausted: the longest the bridge ever asks for. */
export const ALLOWANCE_RETRY_AFTER_SECONDS = 3600;

/**
 * Spreads one run's CRM calls under the CRM's limits, inside one Talkdesk request's deadline.
 * One per request: seeded from the offset, handed back into the next offset.
 */
export class Pacer {
  private state: PaceState;
  /** Time this request spent waiting for the CRM's limits (ms). */
  waitedMs = 0;

  constructor(
    state: PaceState | null,
    private readonly now: () => number = Date.now,
  ) {
    this.state = state ?? emptyPaceState();
  }

  snapshot(): PaceState {
    return { buckets: this.state.buckets.map((b) => ({ ...b })), lastCost: this.state.lastCost, allowance: this.state.allowance };
  }

  /** The estimated cost of the next call: the last one's, or `fallback` before any was made. */
  expectedCost(fallback: number): number {
    return this.state.lastCost ?? fallback;
  }

  /** Buckets as the CRM's limits are assumed before it says otherwise (Twenty's defaults). */
  assumeBuckets(buckets: readonly Omit<BucketEstimate, 'at' | 'level'>[]): void {
    if (this.state.buckets.length > 0) return;
    const at = this.now();
    this.state.buckets = buckets.map((b) => ({ ...b, level: b.capacity, at }));
  }

  /**
   * Wait until every bucket holds `cost`, if that fits before the deadline; otherwise fail the page
   * with 429 and the wait as Retry-After, so that Talkdesk comes back when the CRM will accept it.
   */
  async beforeCall(cost: number, call: { signal: AbortSignal; deadline: number }, crm: string, allowanceCost = 0): Promise<void> {
    this.refuseIfAllowanceExhausted(crm, allowanceCost);
    const now = this.now();
    let ready = now;
    for (const bucket of this.state.buckets) ready = Math.max(ready, readyAt(bucket, cost, now));
    if (ready <= now) return;
    const wait = ready - now + PACE_MARGIN_MS;
    if (!Number.isFinite(wait)) {
      throw new AppError('crm_error', `One ${crm} call costs more than the CRM's limit allows at once; lower PAGE_SIZE.`);
    }
    if (now + wait + MIN_CALL_BUDGET_MS > call.deadline) {
      throw new AppError('crm_rate_limited', `${crm}'s rate limit needs a pause longer than this request may take; retry later.`, {
        retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)),
        logDetail: { paceWaitMs: Math.round(wait) },
      });
    }
    try {
      await sleep(wait, undefined, { signal: call.signal });
    } catch {
      if (call.signal.reason instanceof AppError) throw call.signal.reason;
      throw new AppError('crm_timeout', `${crm} did not answer in time.`);
    }
    this.waitedMs += wait;
  }

  /** A call costing `cost` was sent at `sentAt`: take it from every estimated bucket. */
  charged(cost: number, sentAt: number): void {
    this.state.buckets = this.state.buckets.map((b) => consume(b, cost, sentAt));
    this.state.lastCost = cost;
  }

  /** The CRM reported its bucket (Shopify's throttleStatus): it replaces the estimate. */
  observed(bucket: Omit<BucketEstimate, 'at'>, lastCost: number | null, at = this.now()): void {
    this.state.buckets = [{ ...bucket, at }];
    if (lastCost !== null) this.state.lastCost = lastCost;
  }

  /**
   * The CRM refused a call for a bucket it described (Twenty: `N tokens per M ms`): that bucket
   * is taken as empty now, with the limits the CRM stated.
   */
  throttledBy(limit: { capacity: number; windowMs: number; whole: boolean }, at = this.now()): void {
    const others = this.state.buckets.filter((b) => b.windowMs !== limit.windowMs);
    this.state.buckets = [...others, { ...limit, level: 0, at }];
  }

  /** The CRM reported its daily allowance (Salesforce's Sforce-Limit-Info). */
  allowanceReported(used: number, limit: number, at = this.now()): void {
    this.state.allowance = { used, limit, at };
  }

  /** True when a fresh report says the allowance cannot pay for a call of `cost` requests. */
  allowanceExhausted(cost: number): boolean {
    const a = this.state.allowance;
    return a !== null && this.now() - a.at < ALLOWANCE_FRESH_MS && a.used + Math.max(1, cost) > a.limit;
  }

  private refuseIfAllowanceExhausted(crm: string, cost: number): void {
    if (!this.allowanceExhausted(cost)) return;
    const a = this.state.allowance as NonNullable<PaceState['allowance']>;
    throw new AppError(
      'crm_rate_limited',
      `${crm} reports its daily API allowance used up (${a.used} of ${a.limit} requests in the last 24 hours); retry later.`,
      { retryAfterSeconds: ALLOWANCE_RETRY_AFTER_SECONDS, logDetail: { apiUsed: a.used, apiLimit: a.limit } },
    );
  }
}
