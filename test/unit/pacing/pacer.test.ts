import { expect } from 'chai';
import { TwentyRateLimiter, TWENTY_DEFAULT_RATE_LIMITS } from '../../../fake-crms/twenty/rate-limit.js';
import { consume, levelAt, readyAt, type BucketEstimate } from '../../../src/pacing/bucket.js';
import { Pacer } from '../../../src/pacing/pacer.js';
import { paceFromTuple, paceToTuple } from '../../../src/pacing/pace-token.js';
import { TWENTY_ASSUMED_BUCKETS, parseTwentyLimit } from '../../../src/pacing/twenty-limits.js';
import { parseLimitInfo } from '../../../src/pacing/salesforce-allowance.js';
import { costFromTail } from '../../../src/pacing/shopify-limits.js';

describe('pacing arithmetic', () => {
  it('when calls are spaced by the estimate of Twenty’s default buckets, then Twenty’s own accounting never refuses one, and the run keeps to the refill rate', () => {
    let now = 1_000_000;
    const limiter = new TwentyRateLimiter(TWENTY_DEFAULT_RATE_LIMITS, () => now);
    let buckets: BucketEstimate[] = TWENTY_ASSUMED_BUCKETS.map((b) => ({ ...b, level: b.capacity, at: now }));
    const start = now;
    let tokens = 0;
    for (let i = 0; i < 400; i++) {
      const cost = i % 7 === 0 ? 2 : 1;
      now = Math.max(now, ...buckets.map((b) => readyAt(b, cost, now)));
      expect(limiter.take('w', cost).ok, `call ${i} at +${now - start} ms`).to.equal(true);
      buckets = buckets.map((b) => consume(b, cost, now));
      tokens += cost;
      now += 1; // the call itself
    }
    // 100 tokens at once, then 100 per minute: the floor for the rest is 600 ms a token.
    const floor = (tokens - 100) * 600;
    expect(now - start).to.be.within(floor, floor * 1.01);
  });

  it('when a whole-token bucket is read between refills, then the fraction is not counted (as Twenty drops it)', () => {
    const b: BucketEstimate = { capacity: 100, windowMs: 60_000, level: 0, at: 0, whole: true };
    expect(levelAt(b, 599)).to.equal(0);
    expect(levelAt(b, 600)).to.equal(1);
    expect(readyAt(b, 2, 0)).to.equal(1200);
    expect(levelAt({ ...b, whole: false }, 300)).to.equal(0.5);
  });

  it('when the wait fits the deadline, then the pacer waits; when it does not, then crm_rate_limited with the wait as Retry-After', async () => {
    const pacer = new Pacer({
      buckets: [{ capacity: 10, windowMs: 1_000, level: 0, at: Date.now(), whole: true }],
      lastCost: null,
      allowance: null,
    });
    const started = Date.now();
    await pacer.beforeCall(1, { signal: new AbortController().signal, deadline: Date.now() + 2_000 }, 'Twenty');
    expect(Date.now() - started).to.be.at.least(100);
    const starved = new Pacer({
      buckets: [{ capacity: 2, windowMs: 60_000, level: 0, at: Date.now(), whole: true }],
      lastCost: null,
      allowance: null,
    });
    const error = await starved
      .beforeCall(1, { signal: new AbortController().signal, deadline: Date.now() + 2_000 }, 'Twenty')
      .catch((e: unknown) => e);
    expect(error).to.have.property('code', 'crm_rate_limited');
    expect((error as { retryAfterSeconds: number }).retryAfterSeconds).to.be.within(30, 31);
  });

  it('when CRMs state their limits, then they are read: Twenty’s message, Salesforce’s header, Shopify’s cost block at the tail', () => {
    expect(parseTwentyLimit('Limit reached (100 tokens per 60000 ms)')).to.deep.equal({ capacity: 100, windowMs: 60_000 });
    expect(parseTwentyLimit('Limit reached (50 per 60000 ms)')).to.deep.equal({ capacity: 50, windowMs: 60_000 });
    expect(parseTwentyLimit('Too many requests')).to.equal(null);
    expect(parseLimitInfo('api-usage=25/5000, per-app-api-usage=17/250(appName=sample)')).to.deep.equal({ used: 25, limit: 5000 });
    expect(parseLimitInfo('per-app-api-usage=17/250(appName=x)')).to.equal(null);
    const body = JSON.stringify({
      data: { customers: { nodes: [{ id: 'x', note: '"extensions"' }] } },
      extensions: {
        cost: {
          requestedQueryCost: 505,
          actualQueryCost: 300,
          throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1700, restoreRate: 100 },
        },
      },
    });
    expect(costFromTail(body)?.throttleStatus.currentlyAvailable).to.equal(1700);
    expect(costFromTail('{"data":{}}')).to.equal(null);
  });

  it('when a pace state travels through an offset tuple, then it comes back the same', () => {
    const state = { buckets: [{ capacity: 2000, windowMs: 20_000, level: 123.456, at: 5, whole: false }], lastCost: 505, allowance: null };
    expect(paceFromTuple(paceToTuple(state))).to.deep.equal(state);
    expect(paceToTuple({ buckets: [], lastCost: null, allowance: null })).to.equal(null);
  });
});
