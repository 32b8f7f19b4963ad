import { expect } from 'chai';
import { readingThrottleStatus } from '../../../../src/connectors/shopify/client.js';
import type { ShopifyCost } from '../../../../src/connectors/shopify/errors.js';
import type { CrmFetch } from '../../../../src/crm-http/crm-fetch.js';

function fakeFetch(status: number, body: string, headers: Record<string, string> = {}): CrmFetch {
  return () =>
    Promise.resolve({
      status,
      ok: status >= 200 && status < 300,
      headers: { get: (name: string) => headers[name.toLowerCase()] ?? null },
      text: () => Promise.resolve(body),
    });
}

const throttled = (currentlyAvailable: number) =>
  JSON.stringify({
    errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }],
    extensions: {
      cost: {
        requestedQueryCost: 502,
        actualQueryCost: null,
        throttleStatus: { maximumAvailable: 2000, currentlyAvailable, restoreRate: 100 },
      },
    },
  });

describe('readingThrottleStatus (Shopify client)', () => {
  it('when an answer is THROTTLED with HTTP 200, then its cost is kept for classify and the answer passes unchanged', async () => {
    const latest: { cost: ShopifyCost | null } = { cost: null };
    const res = await readingThrottleStatus(fakeFetch(200, throttled(2)), latest)('https://x.myshopify.com/', {});
    expect(res.status).to.equal(200);
    expect(await res.text()).to.equal(throttled(2));
    expect(latest.cost?.throttleStatus.currentlyAvailable).to.equal(2);
  });

  it('when an answer is THROTTLED with HTTP 429, then Retry-After is the refill time from the cost block', async () => {
    const res = await readingThrottleStatus(fakeFetch(429, throttled(2), { 'retry-after': '1' }), { cost: null })('https://x/', {});
    expect(res.headers.get('Retry-After')).to.equal('5');
  });

  it('when a 429 has no cost block but a fractional Retry-After, then it is rounded up to whole seconds', async () => {
    const res = await readingThrottleStatus(fakeFetch(429, '{}', { 'retry-after': '2.0' }), { cost: null })('https://x/', {});
    expect(res.headers.get('retry-after')).to.equal('2');
    const res2 = await readingThrottleStatus(fakeFetch(429, '{}', { 'retry-after': '0.3' }), { cost: null })('https://x/', {});
    expect(res2.headers.get('retry-after')).to.equal('1');
  });

  it('when an ordinary answer passes, then no cost is kept and its headers are untouched', async () => {
    const latest: { cost: ShopifyCost | null } = { cost: null };
    const body = JSON.stringify({ data: { customers: { nodes: [] } }, extensions: { cost: { requestedQueryCost: 3 } } });
    const res = await readingThrottleStatus(fakeFetch(200, body, { 'x-request-id': 'r1' }), latest)('https://x/', {});
    expect(latest.cost).to.equal(null);
    expect(res.headers.get('x-request-id')).to.equal('r1');
    expect(res.headers.get('retry-after')).to.equal(null);
  });
});
