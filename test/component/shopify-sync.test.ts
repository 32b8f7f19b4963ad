import { expect } from 'chai';
import { DEFAULT_API_VERSION } from '../../src/connectors/shopify/auth.js';
import { customerGid, seedCustomers, startFakeShopify, type CustomerRecord, type FakeShopify } from '../../fake-crms/shopify/index.js';
import { decodeCheckpoint } from '../../src/sync/checkpoint.js';
import { startBridge, type TestBridge } from '../support/bridge.js';
import { syncRun } from '../support/talkdesk.js';

const TOKEN = 'shpat_0123456789abcdef0123456789abcdef';
const PATH = '/shopify/contacts';
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

/**
 * The bridge over real HTTP against the fake Shopify: the sync semantics a user relies on. The
 * fake does not throttle here (bucket: null); shopify-errors.test.ts covers throttling.
 */
describe('POST /shopify/contacts: sync semantics', () => {
  let fake: FakeShopify;
  let bridge: TestBridge;
  let auth: { shop: string; access_token: string; base_url: string };

  beforeEach(async () => {
    fake = await startFakeShopify({ accessTokens: [TOKEN], bucket: null, storeOptions: { startTime: T0 } });
    bridge = await startBridge({ env: { PAGE_SIZE: '25', SYNC_LOOKBACK_SECONDS: '60' }, allowedHosts: [new URL(fake.url).host] });
    auth = { shop: 'lumiere-boutique', access_token: TOKEN, base_url: fake.url };
  });
  afterEach(async () => {
    expect(bridge.logText()).not.to.include(TOKEN);
    await bridge.close();
    await fake.close();
  });

  const run = (options: Parameters<typeof syncRun>[2] = {}) => syncRun(bridge, auth, { path: PATH, ...options });
  const gids = (records: CustomerRecord[]): string[] => records.map((c) => customerGid(c.id)).sort();
  const byGid = (): Map<string, CustomerRecord> => new Map(fake.store.all().map((c) => [customerGid(c.id), c]));

  it('when a full sync runs, then every customer is delivered once, in ascending update order, with a checkpoint on every page', async () => {
    seedCustomers(fake.store, { count: 400, seed: 7 });
    const result = await run();
    const ids = result.contacts.map((c) => c.id);
    expect(ids).to.have.length(400);
    expect([...ids].sort()).to.deep.equal(gids(fake.store.all()));
    const customers = byGid();
    const times = ids.map((id) => customers.get(id)!.updatedAt);
    for (let i = 1; i < times.length; i++) expect(times[i]!, `contact ${i}`).to.be.at.least(times[i - 1]!);
    const positions = result.checkpoints.map(decodeCheckpoint);
    for (let i = 1; i < positions.length; i++) expect(positions[i]!.updatedAt).to.be.at.least(positions[i - 1]!.updatedAt);
    expect(positions.at(-1)!.updatedAt).to.equal(Math.max(...times));
  });

  it('when a page holds customers sharing one update time, then they come sorted by id as the checkpoint compares them', async () => {
    const ids = Array.from({ length: 30 }, () => fake.store.create().id);
    fake.store.advance(1000);
    fake.store.updateMany(ids, { lastName: 'Imported' });
    const result = await run();
    for (const page of result.pages) {
      const pageIds = (page.body.contacts as Array<{ id: string }>).map((c) => c.id);
      expect(pageIds).to.deep.equal([...pageIds].sort());
    }
  });

  it('when a customer was deleted, then it is not delivered (Shopify shows no trace of it)', async () => {
    const kept = fake.store.create({ firstName: 'Kept' });
    const gone = fake.store.create({ firstName: 'Gone' });
    fake.store.delete(gone.id);
    const result = await run();
    expect(result.contacts.map((c) => c.id)).to.deep.equal([customerGid(kept.id)]);
  });

  it('when the shop has no customers, then the run is one empty page whose checkpoint later picks up the first customer', async () => {
    const empty = await run();
    expect(empty.contacts).to.deep.equal([]);
    const first = fake.store.create({ firstName: 'First' });
    const next = await run({ checkpoint: empty.finalCheckpoint });
    expect(next.contacts.map((c) => c.id)).to.deep.equal([customerGid(first.id)]);
  });

  it('when 130 customers share one update time across page and sync boundaries, then none is lost', async () => {
    const ids = Array.from({ length: 130 }, (_, i) => fake.store.create({ firstName: `Bulk${i}` }).id);
    fake.store.advance(5000);
    fake.store.updateMany(ids, { lastName: 'Imported' });
    // Stop after the second page and resume from its checkpoint, as if Talkdesk had failed there.
    const firstTwo = await firstPages(2);
    expect(firstTwo.ids).to.have.length(50);
    const resumed = await run({ checkpoint: firstTwo.checkpoint });
    const delivered = new Set([...firstTwo.ids, ...resumed.contacts.map((c) => c.id)]);
    expect([...delivered].sort()).to.deep.equal(gids(fake.store.all()));
  });

  it('when customers are edited and created while Talkdesk pages, then the same run delivers their latest version', async () => {
    seedCustomers(fake.store, { count: 200, seed: 3 });
    const early = fake.store
      .all()
      .sort((a, b) => a.updatedAt - b.updatedAt || a.id - b.id)
      .slice(0, 5);
    const created: number[] = [];
    const result = await run({
      between: (page) => {
        if (page !== 2) return;
        fake.store.advance(10_000);
        for (const c of early) fake.store.update(c.id, { firstName: 'Promoted', lastName: null });
        created.push(fake.store.create({ firstName: 'Newcomer' }).id);
      },
    });
    const latest = new Map(result.contacts.map((c) => [c.id, c]));
    for (const c of early) expect(latest.get(customerGid(c.id))?.['name']).to.equal('Promoted');
    for (const id of created) expect(latest.has(customerGid(id))).to.equal(true);
    expect([...latest.keys()].sort()).to.deep.equal(gids(fake.store.all()));
  });

  it("when customers change after a full sync, then the incremental sync delivers them, plus at most the checkpoint's day", async () => {
    seedCustomers(fake.store, { count: 150, seed: 5, spreadDays: 10 });
    const full = await run();
    const checkpoint = decodeCheckpoint(full.finalCheckpoint)!.updatedAt;
    fake.store.advance(2 * DAY);
    const changed = fake.store.all().slice(0, 10);
    for (const c of changed) fake.store.update(c.id, { firstName: 'Changed' });
    const added = fake.store.create({ firstName: 'Added' });
    const inc = await run({ checkpoint: full.finalCheckpoint });
    const ids = inc.contacts.map((c) => c.id);
    const expected = new Set([...changed.map((c) => customerGid(c.id)), customerGid(added.id)]);
    expect(ids).to.include.members([...expected]);
    // Shopify matches updated_at by whole days, so the checkpoint's day (less the lookback) is re-read.
    const dayStart = Math.floor((checkpoint - 60_000) / DAY) * DAY;
    const customers = byGid();
    for (const id of ids.filter((id) => !expected.has(id))) expect(customers.get(id)!.updatedAt).to.be.at.least(dayStart);
    expect(ids.length).to.be.below(150);
    expect(decodeCheckpoint(inc.finalCheckpoint)!.updatedAt).to.equal(fake.store.now());
  });

  it('when Shopify compares update times exactly, then an incremental sync with nothing new returns only the lookback window', async () => {
    fake.setOptions({ timeMatching: 'exact' });
    seedCustomers(fake.store, { count: 150, seed: 11, spreadDays: 1 });
    const full = await run();
    const again = await run({ checkpoint: full.finalCheckpoint });
    const cut = decodeCheckpoint(full.finalCheckpoint)!.updatedAt - 60_000;
    expect(again.contacts.length).to.equal(fake.store.all().filter((c) => c.updatedAt >= cut).length);
    expect(again.contacts.length).to.be.below(150);
    expect(decodeCheckpoint(again.finalCheckpoint)).to.deep.equal(decodeCheckpoint(full.finalCheckpoint));
  });

  it('when a write becomes visible late with an older time inside the lookback window, then the next sync delivers it', async () => {
    fake.setOptions({ timeMatching: 'exact' });
    seedCustomers(fake.store, { count: 50, seed: 9, spreadDays: 1 });
    fake.store.advance(120_000);
    fake.store.create({ firstName: 'Latest' });
    const full = await run();
    const late = fake.store.insertLate({ firstName: 'Late', updatedAt: fake.store.now() - 30_000 });
    const inc = await run({ checkpoint: full.finalCheckpoint });
    expect(inc.contacts.map((c) => c.id)).to.include(customerGid(late.id));
  });

  it('when the checkpoint is a legacy timestamp, then the sync delivers customers updated since then', async () => {
    const old = fake.store.create({ firstName: 'Old' });
    fake.store.advance(3 * DAY);
    const recent = fake.store.create({ firstName: 'Recent' });
    const legacy = new Date(fake.store.now() - 3_600_000)
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, ' UTC');
    const result = await run({ checkpoint: legacy });
    expect(result.contacts.map((c) => c.id)).to.deep.equal([customerGid(recent.id)]);
    expect(result.contacts.map((c) => c.id)).not.to.include(customerGid(old.id));
    expect(result.finalCheckpoint).to.match(/^cp1\./);
  });

  it('when Shopify refuses the cursor mid-run, then the run still completes with every customer', async () => {
    seedCustomers(fake.store, { count: 120, seed: 2 });
    const result = await run({
      between: (page) => {
        if (page === 1) fake.injectFaults(['invalid-cursor']);
      },
    });
    expect([...new Set(result.contacts.map((c) => c.id))].sort()).to.deep.equal(gids(fake.store.all()));
  });

  it('when the bridge calls Shopify, then it sends the token header, the page size, UPDATED_AT order and an inclusive bound', async () => {
    seedCustomers(fake.store, { count: 30, seed: 1 });
    const full = await run();
    expect(full.pages).to.have.length(2);
    await run({ checkpoint: full.finalCheckpoint });
    const [first, second, third] = fake.requests;
    expect(first?.path).to.equal(`/admin/api/${DEFAULT_API_VERSION}/graphql.json`);
    expect(first?.headers['x-shopify-access-token']).to.equal(TOKEN);
    expect(first?.headers['authorization']).to.equal(undefined);
    expect(first?.query).to.match(/sortKey: UPDATED_AT/);
    expect(first?.variables).to.deep.equal({ first: 25 });
    expect(second?.variables?.['after']).to.be.a('string');
    const since = new Date(decodeCheckpoint(full.finalCheckpoint)!.updatedAt - 60_000).toISOString().replace('.000Z', 'Z');
    expect(third?.variables).to.deep.equal({ first: 25, query: `updated_at:>='${since}'` });
  });

  it('when an API version is given, then the bridge calls that version', async () => {
    fake.store.create();
    const versioned = await syncRun(bridge, { ...auth, api_version: '2025-10' }, { path: PATH });
    expect(versioned.contacts).to.have.length(1);
    expect(fake.requests.at(-1)?.apiVersion).to.equal('2025-10');
  });

  it('when PAGE_SIZE is above what one Shopify query may cost, then the bridge asks for its maximum page instead', async () => {
    const big = await startBridge({ env: { PAGE_SIZE: '1000' }, allowedHosts: [new URL(fake.url).host] });
    try {
      fake.store.create();
      const result = await syncRun(big, auth, { path: PATH });
      expect(result.contacts).to.have.length(1);
      expect(fake.requests.at(-1)?.variables?.['first']).to.equal(190);
      expect(fake.requests.at(-1)?.errorCodes).to.deep.equal([]);
    } finally {
      await big.close();
    }
  });

  async function firstPages(n: number): Promise<{ ids: string[]; checkpoint: string }> {
    const ids: string[] = [];
    let offset: string | null = null;
    let checkpoint = '';
    for (let i = 0; i < n; i++) {
      const res = await bridge.post(PATH, { auth, meta: { offset } });
      expect(res.status, res.text).to.equal(200);
      ids.push(...res.body.contacts.map((c: { id: string }) => c.id));
      checkpoint = res.body.synchronization_checkpoint;
      offset = res.body.next_offset;
    }
    return { ids, checkpoint };
  }
});
