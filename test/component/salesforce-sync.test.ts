import { expect } from 'chai';
import { seedContacts, startFakeSalesforce, type ContactRecord, type FakeSalesforce } from '../../fake-crms/salesforce/index.js';
import { decodeCheckpoint } from '../../src/sync/checkpoint.js';
import { startBridge, type TestBridge } from '../support/bridge.js';
import { syncRun } from '../support/talkdesk.js';

const PATH = '/salesforce/contacts';

/** The page queries the fake received (not the newest-SystemModstamp read that comes with each). */
const pageQueries = (fake: FakeSalesforce) => fake.contactQueries().filter((q) => q.key === 'Contact');
const TOKEN = '00Dfake!sync-token';

/**
 * The bridge over real HTTP against the fake Salesforce org: the sync semantics a user relies on,
 * and proof that Salesforce's paging traps (10 by default, 4,000-record windows, offset cursors
 * capped at 2,000) are never hit.
 */
for (const orderByKeyOrder of ['schema', 'request'] as const)
  describe(`POST /salesforce/contacts: sync semantics (orderBy keys in ${orderByKeyOrder} order)`, () => {
    let fake: FakeSalesforce;
    let bridge: TestBridge;
    let auth: { instance_url: string; access_token: string };
    const bridges: TestBridge[] = [];

    async function bridgeWith(env: Record<string, string>): Promise<TestBridge> {
      const b = await startBridge({ env, allowedHosts: [new URL(fake.url).host] });
      bridges.push(b);
      return b;
    }

    beforeEach(async () => {
      fake = await startFakeSalesforce({ accessTokens: [TOKEN], orderByKeyOrder });
      bridge = await bridgeWith({ PAGE_SIZE: '25', SYNC_LOOKBACK_SECONDS: '60' });
      auth = { instance_url: fake.url, access_token: TOKEN };
    });
    afterEach(async () => {
      for (const b of bridges.splice(0)) await b.close();
      await fake.close();
    });

    const allIds = (): string[] =>
      fake.store
        .allContacts()
        .map((c) => c.Id)
        .sort();
    const run = (b: TestBridge, options: Parameters<typeof syncRun>[2] = {}) => syncRun(b, auth, { path: PATH, ...options });

    function expectAscending(ids: string[]): void {
      const byId = new Map(fake.store.allContacts().map((c) => [c.Id, c]));
      for (let i = 1; i < ids.length; i++) {
        const a = byId.get(ids[i - 1]!) as ContactRecord;
        const b = byId.get(ids[i]!) as ContactRecord;
        const ordered = a.SystemModstamp < b.SystemModstamp || (a.SystemModstamp === b.SystemModstamp && a.Id < b.Id);
        expect(ordered, `contact ${i}`).to.equal(true);
      }
    }

    for (const pageSize of [2000, 200, 97]) {
      it(`when 4,500 contacts are synced with pages of ${pageSize}, then every contact arrives exactly once, in (SystemModstamp, Id) order, without Salesforce's offset paging`, async () => {
        seedContacts(fake.store, { count: 4500, seed: 42, maxTie: 300 });
        const ties = new Map<number, number>();
        for (const c of fake.store.allContacts()) ties.set(c.SystemModstamp, (ties.get(c.SystemModstamp) ?? 0) + 1);
        // Bulk updates larger than a page: paging on the timestamp alone could not get through them.
        expect(Math.max(...ties.values())).to.be.above(Math.min(pageSize, 200));
        const b = await bridgeWith({ PAGE_SIZE: String(pageSize) });
        const result = await run(b);
        const ids = result.contacts.map((c) => c.id);
        expect(ids).to.have.length(4500);
        expect([...ids].sort()).to.deep.equal(allIds());
        expectAscending(ids);
        // A page hands on whole seconds only, so there may be more pages than 4,500 / pageSize.
        expect(result.pages.length).to.be.at.least(Math.ceil(4500 / pageSize));
        for (const q of pageQueries(fake)) {
          expect(q.first).to.equal(pageSize);
          expect(q.after).to.equal(null);
          expect(q.upperBound).to.equal(null);
        }
      });
    }

    it('when the page size is not configured, then the bridge asks Salesforce for 2,000 contacts a page (never its default of 10)', async () => {
      seedContacts(fake.store, { count: 4500, seed: 1 });
      const b = await bridgeWith({});
      const result = await run(b);
      expect(result.contacts).to.have.length(4500);
      expect(pageQueries(fake).map((q) => q.first)).to.deep.equal([2000, 2000, 2000]);
      expect(fake.requests[0]?.headers['authorization']).to.equal(`Bearer ${TOKEN}`);
      expect(fake.requests[0]?.path).to.equal('/services/data/v62.0/graphql');
    });

    describe('API allowance (each subquery is one API request)', () => {
      it('when every contact is comfortably in the past, then a full sync costs one request per page and never reads the newest SystemModstamp', async () => {
        // The org's clock (2026-01-01) is months behind the bridge's: every second has settled.
        seedContacts(fake.store, { count: 1000, seed: 21, maxTie: 300 });
        const result = await run(bridge);
        expect(new Set(result.contacts.map((c) => c.id)).size).to.equal(1000);
        expect(fake.contactQueries().filter((q) => q.key !== 'Contact')).to.deep.equal([]);
        // One subquery per Salesforce call; one call per Talkdesk page, two where a page met a
        // second holding more contacts than a page (its walk starts in the same request).
        expect(fake.contactQueries()).to.have.length(fake.requests.length);
        expect(fake.requests.length).to.be.within(result.pages.length, 2 * result.pages.length);
      });

      it('when a second holding more contacts than a page is walked while it is recent, then only its walk reads the newest SystemModstamp, and nothing is lost', async () => {
        const b = await startBridge({
          env: { PAGE_SIZE: '25' },
          allowedHosts: [new URL(fake.url).host],
          now: () => fake.store.now(),
        });
        bridges.push(b);
        seedContacts(fake.store, { count: 60, seed: 4, maxTie: 1, spanMs: 3_600_000 });
        fake.store.advance(120_000);
        const bulk = Array.from({ length: 60 }, (_, i) => fake.store.createContact({ LastName: `Bulk${i}` }).Id);
        fake.store.updateMany(bulk, { Title: 'Bulk' });
        const result = await run(b);
        expect([...new Set(result.contacts.map((c) => c.id))].sort()).to.deep.equal(allIds());
        const log = fake.contactQueries();
        const latest = log.filter((q) => q.key === 'latest').length;
        // The bulk second (60 contacts, pages of 25) is walked in three pages, each with `latest`;
        // the older contacts' pages read none.
        expect(latest).to.equal(3);
        expect(log.filter((q) => q.key === 'Contact').length).to.be.above(latest);
      });
    });

    it('when deleted contacts exist, then a full sync does not deliver them', async () => {
      const kept = fake.store.createContact({ LastName: 'Kept' });
      const gone = fake.store.createContact({ LastName: 'Gone' });
      fake.store.delete(gone.Id);
      const result = await run(bridge);
      expect(result.contacts.map((c) => c.id)).to.deep.equal([kept.Id]);
    });

    it('when the org is empty, then the run is one empty page whose checkpoint later picks up the first contacts', async () => {
      const empty = await run(bridge);
      expect(empty.contacts).to.deep.equal([]);
      const first = fake.store.createContact({ LastName: 'First' });
      const next = await run(bridge, { checkpoint: empty.finalCheckpoint });
      expect(next.contacts.map((c) => c.id)).to.deep.equal([first.Id]);
    });

    it('when 130 contacts share one SystemModstamp across page and sync boundaries, then none is lost', async () => {
      fake.store.advance(1000);
      const ids = Array.from({ length: 130 }, (_, i) => fake.store.createContact({ LastName: `Bulk${i}` }).Id);
      fake.store.advance(60_000);
      fake.store.updateMany(ids, { Title: 'Bulk updated' });
      // Stop after the second page and resume from its checkpoint, as if Talkdesk had failed there.
      const firstTwo = await firstPages(2);
      expect(firstTwo.ids).to.have.length(50);
      const resumed = await run(bridge, { checkpoint: firstTwo.checkpoint });
      expect([...new Set([...firstTwo.ids, ...resumed.contacts.map((c) => c.id)])].sort()).to.deep.equal(allIds());
      // Within the run the keyset moves through the tie: every contact arrives once.
      const whole = await run(bridge);
      expect(whole.contacts).to.have.length(130);
      expect(new Set(whole.contacts.map((c) => c.id)).size).to.equal(130);
    });

    it('when contacts are edited and created while Talkdesk pages, then the same run delivers their latest version', async () => {
      seedContacts(fake.store, { count: 200, seed: 3 });
      const early = fake.store
        .allContacts()
        .sort((a, b) => a.SystemModstamp - b.SystemModstamp || (a.Id < b.Id ? -1 : 1))
        .slice(0, 5);
      let created = '';
      const result = await run(bridge, {
        between: (page) => {
          if (page !== 2) return;
          fake.store.advance(10_000);
          for (const c of early) fake.store.update(c.Id, { Title: 'Promoted' });
          created = fake.store.createContact({ LastName: 'Newcomer' }).Id;
        },
      });
      const last = new Map(result.contacts.map((c) => [c.id, c]));
      for (const c of early) expect(last.get(c.Id)?.['title']).to.equal('Promoted');
      expect(last.has(created)).to.equal(true);
      expect([...last.keys()].sort()).to.deep.equal(allIds());
    });

    it('when nothing changed since the last sync, then an incremental sync returns only the lookback window and keeps its checkpoint', async () => {
      seedContacts(fake.store, { count: 150, seed: 11 });
      const full = await run(bridge);
      const again = await run(bridge, { checkpoint: full.finalCheckpoint });
      const cut = decodeCheckpoint(full.finalCheckpoint)!.updatedAt - 60_000;
      expect(again.contacts.length).to.equal(fake.store.allContacts().filter((c) => c.SystemModstamp >= cut).length);
      expect(again.contacts.length).to.be.below(150);
      expect(decodeCheckpoint(again.finalCheckpoint)).to.deep.equal(decodeCheckpoint(full.finalCheckpoint));
    });

    it('when contacts change after a full sync, then the incremental sync delivers what changed (plus the window) and moves the checkpoint', async () => {
      seedContacts(fake.store, { count: 150, seed: 5 });
      const full = await run(bridge);
      const cut = decodeCheckpoint(full.finalCheckpoint)!.updatedAt - 60_000;
      const window = new Set(
        fake.store
          .allContacts()
          .filter((c) => c.SystemModstamp >= cut)
          .map((c) => c.Id),
      );
      fake.store.advance(3_600_000);
      const some = fake.store.allContacts().slice(0, 10);
      for (const c of some) fake.store.update(c.Id, { MailingCity: 'Lisboa' });
      const added = fake.store.createContact({ LastName: 'Added' });
      const inc = await run(bridge, { checkpoint: full.finalCheckpoint });
      const ids = inc.contacts.map((c) => c.id);
      const changed = new Set([...some.map((c) => c.Id), added.Id]);
      expect(ids).to.include.members([...changed]);
      expect(ids.filter((id) => !changed.has(id)).every((id) => window.has(id))).to.equal(true);
      expect(decodeCheckpoint(inc.finalCheckpoint)!.updatedAt).to.be.above(decodeCheckpoint(full.finalCheckpoint)!.updatedAt);
    });

    it('when Salesforce changes a contact without a user edit (SystemModstamp only), then the incremental sync delivers it', async () => {
      seedContacts(fake.store, { count: 40, seed: 8 });
      const full = await run(bridge);
      fake.store.advance(3_600_000);
      const target = fake.store.allContacts()[0] as ContactRecord;
      fake.store.touchSystem(target.Id);
      const inc = await run(bridge, { checkpoint: full.finalCheckpoint });
      expect(inc.contacts.map((c) => c.id)).to.include(target.Id);
    });

    it('when a write becomes visible late with an older SystemModstamp inside the lookback window, then the next sync delivers it', async () => {
      seedContacts(fake.store, { count: 50, seed: 9 });
      fake.store.advance(120_000);
      fake.store.createContact({ LastName: 'Latest' });
      const full = await run(bridge);
      const late = fake.store.insertLate({ LastName: 'Late', SystemModstamp: fake.store.stamp() - 30_000 });
      const inc = await run(bridge, { checkpoint: full.finalCheckpoint });
      expect(inc.contacts.map((c) => c.id)).to.include(late.Id);
    });

    it('when the checkpoint is a legacy timestamp, then the sync delivers contacts modified since then', async () => {
      const old = fake.store.createContact({ LastName: 'Old' });
      fake.store.advance(86_400_000);
      const recent = fake.store.createContact({ LastName: 'Recent' });
      const legacy = new Date(fake.store.now() - 3_600_000)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC');
      const result = await run(bridge, { checkpoint: legacy });
      expect(result.contacts.map((c) => c.id)).to.deep.equal([recent.Id]);
      expect(result.contacts.map((c) => c.id)).not.to.include(old.Id);
    });

    it('when a contact is delivered, then it carries the mapped Salesforce fields', async () => {
      const account = fake.store.createAccount({ Name: 'Acme', Website: 'www.acme.com' });
      const c = fake.store.createContact({
        FirstName: 'Ana',
        LastName: 'Silva',
        Title: 'Buyer',
        Email: 'ana@acme.example',
        Phone: '912 345 678',
        MailingCity: 'Lisboa',
        MailingCountry: 'Portugal',
        PhotoUrl: '/services/images/photo/x',
        AccountId: account.Id,
      });
      const result = await run(bridge);
      expect(result.contacts[0]).to.deep.equal({
        id: c.Id,
        name: 'Ana Silva',
        title: 'Buyer',
        company: 'Acme',
        emails: ['ana@acme.example'],
        phones: ['+351912345678'],
        websites: ['https://www.acme.com'],
        photo_url: `${fake.url}/services/images/photo/x`,
        address: 'Lisboa, Portugal',
        twitter: null,
        url: `${fake.url}/lightning/r/Contact/${c.Id}/view`,
      });
    });

    describe('POST /salesforce/auth', () => {
      it('when the access token is valid, then 204 after one cheap read', async () => {
        const res = await bridge.post('/salesforce/auth', { auth });
        expect(res.status, res.text).to.equal(204);
        expect(fake.contactQueries()).to.deep.equal([{ key: 'Contact', first: 1, after: null, upperBound: null, where: null }]);
      });

      it('when the access token has expired, then 401 crm_unauthorized so Talkdesk refreshes it', async () => {
        const res = await bridge.post('/salesforce/auth', { auth: { ...auth, access_token: '00Dfake!expired' } });
        expect(res.status).to.equal(401);
        expect(res.body.error.code).to.equal('crm_unauthorized');
        expect(bridge.logText()).not.to.include('00Dfake!expired');
      });
    });

    async function firstPages(n: number): Promise<{ ids: string[]; checkpoint: string }> {
      const ids: string[] = [];
      let offset: string | null = null;
      let checkpoint = '';
      for (let i = 0; i < n; i++) {
        const res = await bridge.post(PATH, { auth, meta: { offset } });
        ids.push(...res.body.contacts.map((c: { id: string }) => c.id));
        checkpoint = res.body.synchronization_checkpoint;
        offset = res.body.next_offset;
      }
      return { ids, checkpoint };
    }
  });
