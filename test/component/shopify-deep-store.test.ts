import { expect } from 'chai';
import {
  customerGid,
  startFakeShopify,
  type FakeShopify,
  type PastPaginationLimit,
  type TimeMatching,
} from '../../fake-crms/shopify/index.js';
import { startBridge, type TestBridge } from '../support/bridge.js';
import { syncRun } from '../support/talkdesk.js';

const TOKEN = 'shpat_0123456789abcdef0123456789abcdef';
const PATH = '/shopify/contacts';
const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The fake's pagination limit in these tests (Shopify's is 25,000), and the connector's. */
const LIMIT = 50;

/**
 * Shopify's pagination limit (https://shopify.dev/docs/api/usage/limits: 25,000 objects per
 * query), scaled down: a store several times larger than the limit, and one day holding more
 * updates than the limit, which `updated_at` searches (whole days) cannot narrow. Run under both
 * answers Shopify may give past the limit (an error or a silent last page: unconfirmed, see
 * fake-crms/shopify/query-engine.ts) and both readings of `updated_at` (whole days, exact times).
 */
const VARIANTS: Array<{ past: PastPaginationLimit; timeMatching: TimeMatching }> = [
  { past: 'error', timeMatching: 'day' },
  { past: 'end', timeMatching: 'day' },
  { past: 'error', timeMatching: 'exact' },
  { past: 'end', timeMatching: 'exact' },
];

for (const { past, timeMatching } of VARIANTS) {
  describe(`POST /shopify/contacts: a store deeper than Shopify's pagination limit (past it: ${past}; updated_at matching ${timeMatching})`, function () {
    this.timeout(60_000);
    let fake: FakeShopify;
    let bridge: TestBridge;
    let auth: { shop: string; access_token: string; base_url: string };

    beforeEach(async () => {
      fake = await startFakeShopify({
        accessTokens: [TOKEN],
        bucket: null,
        paginationLimit: LIMIT,
        pastPaginationLimit: past,
        timeMatching,
        storeOptions: { startTime: T0 },
      });
      bridge = await startBridge({
        env: { PAGE_SIZE: '20', SYNC_LOOKBACK_SECONDS: '60' },
        allowedHosts: [new URL(fake.url).host],
        connectors: { shopify: { paginationLimit: LIMIT } },
      });
      auth = { shop: 'deep-boutique', access_token: TOKEN, base_url: fake.url };
    });
    afterEach(async () => {
      await bridge.close();
      await fake.close();
    });

    const run = (options: Parameters<typeof syncRun>[2] = {}) => syncRun(bridge, auth, { path: PATH, maxPages: 500, ...options });
    /** Every live customer, as `gid@updatedAt`: what Talkdesk must end up holding. */
    const latest = (): string[] =>
      fake.store
        .all()
        .map((c) => `${customerGid(c.id)}@${c.updatedAt}`)
        .sort();
    /** What the contacts delivered say, by gid: the last delivery of each wins (Talkdesk upserts by id). */
    const held = new Map<string, number>();
    const deliver = (contacts: Array<{ id: string }>): void => {
      const byGid = new Map(fake.store.all().map((c) => [customerGid(c.id), c.updatedAt]));
      for (const c of contacts) held.set(c.id, byGid.get(c.id) ?? -1);
    };
    const heldNow = (): string[] => [...held].map(([id, at]) => `${id}@${at}`).sort();
    beforeEach(() => held.clear());

    /**
     * Day 1: 80 customers over the morning. Day 2: 150 updates, more than the limit: 100 new
     * customers, and 50 of day 1's updated among them (smaller ids than the new ones, so id order
     * and update order differ), 30 of them sharing one second. Day 3: 60 more customers.
     */
    function deepStore(): void {
      dayOne();
      crowdedDayAndAfter();
    }
    function dayOne(): void {
      for (let i = 0; i < 80; i++) {
        fake.store.create({ firstName: `Early${i}` });
        fake.store.advance(60_000);
      }
    }
    function crowdedDayAndAfter(): void {
      fake.store.setNow(T0 + DAY);
      const early = fake.store.all().map((c) => c.id);
      for (let i = 0; i < 100; i++) {
        fake.store.create({ firstName: `Busy${i}` });
        if (i % 5 === 0) fake.store.update(early[i / 5]!, { lastName: 'Touched' });
        fake.store.advance(30_000);
      }
      fake.store.updateMany(early.slice(20, 50), { lastName: 'Bulk' });
      fake.store.setNow(T0 + 2 * DAY);
      for (let i = 0; i < 60; i++) {
        fake.store.create({ firstName: `Late${i}` });
        fake.store.advance(45_000);
      }
    }

    it('when a full sync runs over a store several times the limit, with one day holding more updates than the limit, then it ends and delivers every customer in its latest version', async () => {
      deepStore();
      expect(fake.store.all()).to.have.length(240);
      const result = await run();
      deliver(result.contacts);
      expect(heldNow()).to.deep.equal(latest());
      expect(result.pages.length).to.be.below(60);
      // Read by whole days, the crowded day cannot be narrowed by time: it was walked by id.
      const walked = fake.requests.some((r) => r.variables?.['sortKey'] === 'ID');
      expect(walked).to.equal(timeMatching === 'day');
    });

    it('when an incremental sync starts before the crowded day, then it delivers every customer updated since', async () => {
      dayOne();
      const first = await run();
      deliver(first.contacts);
      crowdedDayAndAfter();
      fake.store.setNow(T0 + 3 * DAY);
      const touched = fake.store.all().filter((_, i) => i % 3 === 0);
      fake.store.updateMany(
        touched.map((c) => c.id),
        { lastName: 'Again' },
      );
      const next = await run({ checkpoint: first.finalCheckpoint });
      deliver(next.contacts);
      expect(heldNow()).to.deep.equal(latest());
      expect(next.contacts.map((c) => c.id)).to.include.members(touched.map((c) => customerGid(c.id)));
    });

    it('when Talkdesk stops a run at any page and resumes from that page checkpoint, then nothing is lost', async () => {
      deepStore();
      const full = await run();
      for (let stopAfter = 1; stopAfter < full.pages.length; stopAfter += 3) {
        held.clear();
        const stopped = await runUntil(stopAfter);
        deliver(stopped.contacts);
        const resumed = await run({ checkpoint: stopped.checkpoint });
        deliver(resumed.contacts);
        expect(heldNow(), `stopped after page ${stopAfter}`).to.deep.equal(latest());
      }
    });

    it('when customers are edited and created between the pages of a run, then that run or the next sync delivers their latest version', async () => {
      deepStore();
      const ids = fake.store.all().map((c) => c.id);
      const result = await run({
        between: (page) => {
          fake.store.advance(1000);
          fake.store.update(ids[(page * 37) % ids.length]!, { lastName: `Edit${page}` });
          if (page % 4 === 0) fake.store.create({ firstName: `During${page}` });
        },
      });
      deliver(result.contacts);
      const next = await run({ checkpoint: result.finalCheckpoint });
      deliver(next.contacts);
      expect(heldNow()).to.deep.equal(latest());
    });

    /** Pages of a full sync up to `pages`, as Talkdesk stopping there would hold them. */
    async function runUntil(pages: number): Promise<{ contacts: Array<{ id: string }>; checkpoint: string }> {
      const contacts: Array<{ id: string }> = [];
      let checkpoint = '';
      let offset: string | null = null;
      for (let page = 0; page < pages; page++) {
        const res = await bridge.post(PATH, { auth, meta: { offset, context: null } });
        expect(res.status, res.text).to.equal(200);
        contacts.push(...res.body.contacts);
        checkpoint = res.body.synchronization_checkpoint;
        offset = res.body.next_offset ?? null;
        if (offset === null) break;
      }
      return { contacts, checkpoint };
    }
  });
}

describe('POST /shopify/contacts: past a pagination limit the connector did not expect', () => {
  it('when Shopify answers an error where the connector thought it could go on, then the run restarts from its last position and completes', async () => {
    const fake = await startFakeShopify({
      accessTokens: [TOKEN],
      bucket: null,
      paginationLimit: LIMIT,
      pastPaginationLimit: 'error',
      storeOptions: { startTime: T0 },
    });
    // The connector keeps Shopify's documented 25,000: the fake's 50 surprises it.
    const bridge = await startBridge({ env: { PAGE_SIZE: '20' }, allowedHosts: [new URL(fake.url).host] });
    try {
      for (let i = 0; i < 130; i++) {
        fake.store.create({ firstName: `C${i}` });
        fake.store.advance(i % 40 === 39 ? DAY : 60_000);
      }
      const result = await syncRun(bridge, { shop: 'deep', access_token: TOKEN, base_url: fake.url }, { path: PATH, maxPages: 100 });
      expect(new Set(result.contacts.map((c) => c.id))).to.deep.equal(new Set(fake.store.all().map((c) => customerGid(c.id))));
    } finally {
      await bridge.close();
      await fake.close();
    }
  });
});
