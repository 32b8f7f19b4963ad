import { expect } from 'chai';
import { startFakeTwenty, seedPeople, type FakeTwenty } from '../../fake-crms/twenty/index.js';
import { startFakeShopify, seedCustomers, type FakeShopify } from '../../fake-crms/shopify/index.js';
import { startFakeSalesforce, seedContacts, type FakeSalesforce } from '../../fake-crms/salesforce/index.js';
import { startBridge, type TestBridge } from '../support/bridge.js';

/** What Talkdesk saw of one run: every status, and the contacts delivered. */
interface RunOutcome {
  statuses: number[];
  ids: Set<string>;
  last: { status: number; headers: Headers; body: any; text: string };
}

/** Page through a run like Talkdesk (one request at a time, following next_offset), stopping at the first non-200. */
async function runSync(bridge: TestBridge, path: string, auth: unknown): Promise<RunOutcome> {
  const statuses: number[] = [];
  const ids = new Set<string>();
  let offset: string | null = null;
  for (;;) {
    const res = await bridge.post(path, { auth, meta: { offset } });
    statuses.push(res.status);
    if (res.status !== 200) return { statuses, ids, last: res };
    for (const c of res.body.contacts) ids.add(c.id);
    offset = res.body.next_offset ?? null;
    if (offset === null) return { statuses, ids, last: res };
  }
}

describe('pacing under the CRMs’ limits (fakes with their limits on)', function () {
  this.timeout(30_000);

  describe('Twenty: token buckets per workspace, one token per root field', () => {
    const KEY = 'twenty-pacing-key-0123456789';
    let fake: FakeTwenty;
    let bridge: TestBridge;

    beforeEach(async () => {
      fake = await startFakeTwenty({ apiKeys: [KEY], maxPageSize: 60 });
      seedPeople(fake.store, { count: 240, seed: 7 });
      bridge = await startBridge({
        env: { PAGE_SIZE: '20', REQUEST_DEADLINE_MS: '2000', CRM_TIMEOUT_MS: '1000', TWENTY_RATE_LIMITS: '100/1000,100/60000' },
        allowedHosts: [new URL(fake.url).host],
      });
    });
    afterEach(async () => {
      await bridge.close();
      await fake.close();
    });

    const auth = (): unknown => ({ api_key: KEY, base_url: fake.url });
    const throttled = (): number => fake.requests.filter((r) => r.status !== 200).length;

    it('when a run needs more tokens than the bucket holds but the refill can sustain it, then Talkdesk never sees a 429', async () => {
      // 12+ pages against a bucket of 4 tokens refilled at one per 100 ms: most pages must wait.
      fake.setOptions({ tokenBuckets: { short: { maxTokens: 100, windowMs: 1000 }, long: { maxTokens: 4, windowMs: 400 } } });
      // The bridge assumes Twenty's default limits until the CRM states others: the first refusal
      // teaches it this bucket, and every later page is paced under it.
      const outcome = await runSync(bridge, '/twenty/contacts', auth());
      expect(
        outcome.statuses.every((s) => s === 200),
        String(outcome.statuses),
      ).to.equal(true);
      expect(outcome.ids.size).to.equal(fake.store.all().length);
      // The first refusal is how the bridge learns the limit. A later one can happen when a call
      // reaches the fake later than the next one does (scheduling on a busy machine): Twenty's
      // whole-token refill then lacks a token by a millisecond. The retry absorbs it either way.
      expect(throttled(), 'calls refused by the limiter').to.be.at.most(3);
    });

    it('when another client has drained the workspace’s bucket, then the bridge learns the limit from Twenty’s message and still serves every page', async () => {
      fake.setOptions({ tokenBuckets: { short: { maxTokens: 100, windowMs: 1000 }, long: { maxTokens: 5, windowMs: 500 } } });
      for (let i = 0; i < 6; i++) {
        await fetch(`${fake.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
          body: JSON.stringify({ query: '{ people(first: 1) { edges { node { id } } } }' }),
        });
      }
      const outcome = await runSync(bridge, '/twenty/contacts', auth());
      expect(
        outcome.statuses.every((s) => s === 200),
        String(outcome.statuses),
      ).to.equal(true);
      expect(outcome.ids.size).to.equal(fake.store.all().length);
    });

    it('when a burst cannot be sustained within the deadline, then a clear 429 with the refill time as Retry-After, without calling Twenty', async () => {
      // Two tokens a minute: the third page would have to wait 30 s, longer than the 2-s deadline.
      fake.setOptions({ tokenBuckets: { short: { maxTokens: 100, windowMs: 1000 }, long: { maxTokens: 2, windowMs: 60_000 } } });
      const outcome = await runSync(bridge, '/twenty/contacts', auth());
      expect(outcome.last.status).to.equal(429);
      expect(outcome.last.body.error.code).to.equal('crm_rate_limited');
      const retryAfter = Number(outcome.last.headers.get('retry-after'));
      expect(retryAfter).to.be.within(25, 31);
      const calls = fake.requests.length;
      // Talkdesk retries the same offset too early: refused again before any call is made.
      const again = await bridge.post('/twenty/contacts', { auth: auth(), meta: { offset: null } });
      expect([200, 429]).to.include(again.status);
      expect(fake.requests.length - calls).to.be.at.most(1);
    });
  });

  describe('Shopify: the leaky bucket reported in every answer', () => {
    const TOKEN = 'shpat_pacing0123456789abcdef01234';
    let fake: FakeShopify;
    let bridge: TestBridge;

    beforeEach(async () => {
      fake = await startFakeShopify({ accessTokens: [TOKEN] });
      seedCustomers(fake.store, { count: 500, seed: 3 });
      bridge = await startBridge({ env: { REQUEST_DEADLINE_MS: '2000', CRM_TIMEOUT_MS: '1000' }, allowedHosts: [new URL(fake.url).host] });
    });
    afterEach(async () => {
      await bridge.close();
      await fake.close();
    });

    const auth = (): unknown => ({ shop: 'lumiere-boutique', access_token: TOKEN, base_url: fake.url });

    it('when the run costs more than the bucket holds but the restore rate sustains it, then no call is throttled and Talkdesk sees only 200s', async () => {
      // Pages of 100 request about 505 points; the bucket holds 1,000 and restores 2,000 a second.
      fake.setOptions({ bucket: { maximumAvailable: 1000, restoreRate: 2000 } });
      const outcome = await runSync(bridge, '/shopify/contacts', auth());
      expect(outcome.statuses.every((s) => s === 200)).to.equal(true);
      expect(outcome.ids.size).to.equal(fake.store.size);
      expect(fake.requests.filter((r) => r.errorCodes.includes('THROTTLED'))).to.have.length(0);
    });

    it('when the restore rate cannot refill a page within the deadline, then 429 with the refill time, before calling Shopify', async () => {
      fake.setOptions({ bucket: { maximumAvailable: 1100, restoreRate: 10 } });
      const outcome = await runSync(bridge, '/shopify/contacts', auth());
      expect(outcome.last.status).to.equal(429);
      expect(outcome.last.body.error.code).to.equal('crm_rate_limited');
      expect(Number(outcome.last.headers.get('retry-after'))).to.be.within(30, 60);
      expect(fake.requests.filter((r) => r.errorCodes.includes('THROTTLED'))).to.have.length(0);
    });
  });

  describe('Salesforce: the daily allowance reported in Sforce-Limit-Info', () => {
    const TOKEN = '00Dpacing!access-token-0123456789';
    let fake: FakeSalesforce;
    let bridge: TestBridge;

    beforeEach(async () => {
      fake = await startFakeSalesforce({ accessTokens: [TOKEN] });
      seedContacts(fake.store, { count: 100, seed: 5 });
      bridge = await startBridge({
        env: { PAGE_SIZE: '20', REQUEST_DEADLINE_MS: '2000', CRM_TIMEOUT_MS: '1000' },
        allowedHosts: [new URL(fake.url).host],
      });
    });
    afterEach(async () => {
      await bridge.close();
      await fake.close();
    });

    const auth = (): unknown => ({ instance_url: fake.url, access_token: TOKEN });

    it('when the allowance covers the run, then every page is served and the share used is in the metrics', async () => {
      fake.setOptions({ requestLimit: 1000 });
      const outcome = await runSync(bridge, '/salesforce/contacts', auth());
      expect(outcome.statuses.every((s) => s === 200)).to.equal(true);
      expect(outcome.ids.size).to.equal(fake.store.size);
      // Each subquery the org answered counted once against the allowance (a page is one; a walk
      // through a recent crowded second adds the newest-SystemModstamp read).
      expect(fake.apiUsage()?.used).to.equal(fake.contactQueries().length);
      const metrics = await (await fetch(`${bridge.url}/metrics`)).text();
      expect(metrics).to.match(/bridge_crm_api_allowance_used_ratio_count\{connector="salesforce"\} [1-9]/);
    });

    it('when the last answer showed the allowance cannot pay for the next page, then 429 with an hour’s Retry-After, without calling Salesforce', async () => {
      fake.setOptions({ requestLimit: 5 });
      const outcome = await runSync(bridge, '/salesforce/contacts', auth());
      const served = outcome.statuses.length - 1;
      expect(served).to.be.at.least(1);
      expect(outcome.statuses).to.deep.equal([...Array<number>(served).fill(200), 429]);
      expect(outcome.last.body.error.code).to.equal('crm_rate_limited');
      expect(outcome.last.body.error.message).to.match(/daily API allowance/);
      expect(outcome.last.headers.get('retry-after')).to.equal('3600');
      // The 429 was decided from the last Sforce-Limit-Info, without a call Salesforce would refuse.
      expect(fake.requests.map((r) => r.status)).to.deep.equal(Array<number>(fake.requests.length).fill(200));
      expect(fake.apiUsage()?.used).to.be.at.most(5);
    });
  });
});
