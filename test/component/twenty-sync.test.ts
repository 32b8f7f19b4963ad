import { expect } from 'chai';
import { startFakeTwenty, seedPeople, type FakeTwenty } from '../../fake-crms/twenty/index.js';
import { decodeCheckpoint } from '../../src/sync/checkpoint.js';
import { startBridge, type TestBridge } from '../support/bridge.js';
import { syncRun } from '../support/talkdesk.js';

/**
 * The bridge over real HTTP against the fake Twenty CRM: the sync semantics a user relies on.
 */
describe('POST /twenty/contacts: sync semantics', () => {
  let fake: FakeTwenty;
  let bridge: TestBridge;
  let auth: { api_key: string; base_url: string };

  beforeEach(async () => {
    fake = await startFakeTwenty({ apiKeys: ['key-1'], maxPageSize: 60 });
    bridge = await startBridge({ env: { PAGE_SIZE: '25', SYNC_LOOKBACK_SECONDS: '60' }, allowedHosts: [new URL(fake.url).host] });
    auth = { api_key: 'key-1', base_url: fake.url };
  });
  afterEach(async () => {
    await bridge.close();
    await fake.close();
  });

  const visibleIds = (): string[] =>
    fake.store
      .all()
      .map((p) => p.id)
      .sort();

  it('when a full sync runs, then every visible person is delivered, in ascending updatedAt order, with a checkpoint on every page', async () => {
    seedPeople(fake.store, { count: 400, seed: 7 });
    const run = await syncRun(bridge, auth);
    const ids = run.contacts.map((c) => c.id);
    expect([...new Set(ids)].sort()).to.deep.equal(visibleIds());
    const positions = run.checkpoints.map(decodeCheckpoint);
    for (let i = 1; i < positions.length; i++) expect(positions[i]!.updatedAt).to.be.at.least(positions[i - 1]!.updatedAt);
    const byId = new Map(fake.store.all().map((p) => [p.id, p]));
    const times = ids.map((id) => byId.get(id)!.updatedAt);
    for (let i = 1; i < times.length; i++) expect(times[i]!, `contact ${i}`).to.be.at.least(times[i - 1]!);
    // The only repeats are a page's last millisecond read again at the start of the next page.
    const seen = new Set<string>();
    let boundaryMs = -1;
    for (const page of run.pages) {
      for (const c of page.body.contacts as Array<{ id: string }>) {
        if (seen.has(c.id)) expect(byId.get(c.id)!.updatedAt).to.equal(boundaryMs);
        seen.add(c.id);
      }
      const last = page.body.contacts.at(-1) as { id: string } | undefined;
      if (last) boundaryMs = byId.get(last.id)!.updatedAt;
    }
  });

  it('when soft-deleted people exist, then a full sync does not deliver them', async () => {
    const kept = fake.store.create({ firstName: 'Kept' });
    const gone = fake.store.create({ firstName: 'Gone' });
    fake.store.softDelete(gone.id);
    const run = await syncRun(bridge, auth);
    expect(run.contacts.map((c) => c.id)).to.deep.equal([kept.id]);
  });

  it('when the CRM is empty, then the run is one empty page whose checkpoint later picks up the first people', async () => {
    const empty = await syncRun(bridge, auth);
    expect(empty.contacts).to.deep.equal([]);
    expect(empty.finalCheckpoint).to.be.a('string').and.not.equal('');
    const first = fake.store.create({ firstName: 'First' });
    const next = await syncRun(bridge, auth, { checkpoint: empty.finalCheckpoint });
    expect(next.contacts.map((c) => c.id)).to.deep.equal([first.id]);
  });

  it('when 130 people share one updatedAt across page and sync boundaries, then none is lost', async () => {
    fake.store.advance(1000);
    const ids = Array.from({ length: 130 }, (_, i) => fake.store.create({ firstName: `Bulk${i}` }).id);
    fake.store.updateMany(ids, { jobTitle: 'Bulk updated' });
    // Stop after the second page and resume from its checkpoint, as if Talkdesk had failed there.
    const firstTwo = await firstPages(2);
    expect(firstTwo.ids).to.have.length(50);
    const resumed = await syncRun(bridge, auth, { checkpoint: firstTwo.checkpoint });
    const delivered = new Set([...firstTwo.ids, ...resumed.contacts.map((c) => c.id)]);
    expect([...delivered].sort()).to.deep.equal(visibleIds());
  });

  it('when people are edited and created while Talkdesk pages, then the same run delivers their latest version', async () => {
    seedPeople(fake.store, { count: 200, seed: 3 });
    const early = fake.store
      .all()
      .sort((a, b) => a.updatedAt - b.updatedAt || (a.id < b.id ? -1 : 1))
      .slice(0, 5);
    const created: string[] = [];
    const run = await syncRun(bridge, auth, {
      between: (page) => {
        if (page !== 2) return;
        fake.store.advance(10);
        for (const p of early) fake.store.update(p.id, { jobTitle: 'Promoted' });
        created.push(fake.store.create({ firstName: 'Newcomer' }).id);
      },
    });
    const last = new Map(run.contacts.map((c) => [c.id, c]));
    for (const p of early) expect(last.get(p.id)?.['title']).to.equal('Promoted');
    for (const id of created) expect(last.has(id)).to.equal(true);
    expect([...last.keys()].sort()).to.deep.equal(visibleIds());
  });

  it('when nothing changed since the last sync, then an incremental sync returns only the lookback window and keeps its checkpoint', async () => {
    seedPeople(fake.store, { count: 150, seed: 11 });
    const full = await syncRun(bridge, auth);
    const again = await syncRun(bridge, auth, { checkpoint: full.finalCheckpoint });
    const cut = decodeCheckpoint(full.finalCheckpoint)!.updatedAt - 60_000;
    const inWindow = fake.store.all().filter((p) => p.updatedAt >= cut).length;
    expect(again.contacts.length).to.equal(inWindow);
    expect(again.contacts.length).to.be.below(150);
    expect(decodeCheckpoint(again.finalCheckpoint)).to.deep.equal(decodeCheckpoint(full.finalCheckpoint));
  });

  it('when people change after a full sync, then the incremental sync delivers exactly what changed (plus the window)', async () => {
    seedPeople(fake.store, { count: 150, seed: 5 });
    const full = await syncRun(bridge, auth);
    const cut = decodeCheckpoint(full.finalCheckpoint)!.updatedAt - 60_000;
    const window = new Set(
      fake.store
        .all()
        .filter((p) => p.updatedAt >= cut)
        .map((p) => p.id),
    );
    fake.store.advance(3_600_000);
    const some = fake.store.all().slice(0, 10);
    for (const p of some) fake.store.update(p.id, { city: 'Lisbon' });
    const added = fake.store.create({ firstName: 'Added' });
    const inc = await syncRun(bridge, auth, { checkpoint: full.finalCheckpoint });
    const ids = inc.contacts.map((c) => c.id);
    const changed = new Set([...some.map((p) => p.id), added.id]);
    expect(ids).to.include.members([...changed]);
    expect(ids.filter((id) => !changed.has(id)).every((id) => window.has(id))).to.equal(true);
    expect(ids.length).to.be.at.most(changed.size + window.size);
    expect(decodeCheckpoint(inc.finalCheckpoint)!.updatedAt).to.be.above(decodeCheckpoint(full.finalCheckpoint)!.updatedAt);
  });

  it('when a write becomes visible late with an older timestamp inside the lookback window, then the next sync delivers it', async () => {
    seedPeople(fake.store, { count: 50, seed: 9 });
    fake.store.advance(120_000);
    fake.store.create({ firstName: 'Latest' });
    const full = await syncRun(bridge, auth);
    const late = fake.store.insertLate({ firstName: 'Late', updatedAt: fake.store.now() - 30_000 });
    const inc = await syncRun(bridge, auth, { checkpoint: full.finalCheckpoint });
    expect(inc.contacts.map((c) => c.id)).to.include(late.id);
  });

  it('when the checkpoint is a legacy timestamp, then the sync delivers people updated since then', async () => {
    const old = fake.store.create({ firstName: 'Old' });
    fake.store.advance(86_400_000);
    const recent = fake.store.create({ firstName: 'Recent' });
    const legacy = new Date(fake.store.now() - 3_600_000)
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, ' UTC');
    const run = await syncRun(bridge, auth, { checkpoint: legacy });
    expect(run.contacts.map((c) => c.id)).to.deep.equal([recent.id]);
    expect(run.contacts.map((c) => c.id)).not.to.include(old.id);
    expect(run.finalCheckpoint).to.match(/^cp1\./);
  });

  it('when the CRM refuses the cursor mid-run, then the run still completes with every person', async () => {
    seedPeople(fake.store, { count: 120, seed: 2 });
    const run = await syncRun(bridge, auth, {
      between: (page) => {
        if (page === 1) fake.injectFaults(['invalid-cursor']);
      },
    });
    expect([...new Set(run.contacts.map((c) => c.id))].sort()).to.deep.equal(visibleIds());
  });

  it('when records share a millisecond but differ in microseconds across a page boundary, then none is skipped', async () => {
    const small = await startBridge({ env: { PAGE_SIZE: '2' }, allowedHosts: [new URL(fake.url).host] });
    try {
      const t = fake.store.now();
      // Postgres order: early, then 'bbbb…' at t+0.1 ms, then 'aaaa…' at t+0.2 ms. Twenty's
      // millisecond cursor after 'bbbb…' would exclude 'aaaa…' (same millisecond, smaller id).
      const early = fake.store.insertLate({ id: 'cccccccc-0000-4000-8000-000000000000', firstName: 'Early', updatedAt: t - 5 });
      const b = fake.store.insertLate({ id: 'bbbbbbbb-0000-4000-8000-000000000000', firstName: 'B', updatedAt: t + 0.1 });
      const a = fake.store.insertLate({ id: 'aaaaaaaa-0000-4000-8000-000000000000', firstName: 'A', updatedAt: t + 0.2 });
      const run = await syncRun(small, auth);
      expect(new Set(run.contacts.map((c) => c.id))).to.deep.equal(new Set([early.id, b.id, a.id]));
    } finally {
      await small.close();
    }
  });

  it('when more people share one millisecond than a page holds, from separate commits, then every sync delivers all of them', async () => {
    const small = await startBridge({ env: { PAGE_SIZE: '2', SYNC_LOOKBACK_SECONDS: '0' }, allowedHosts: [new URL(fake.url).host] });
    try {
      const t = fake.store.now();
      // A bulk update (two people at +0 µs) and one more commit at +1 µs with a smaller id: in
      // Postgres order the smaller id comes last, so a millisecond cursor would skip it.
      const c = fake.store.insertLate({ id: 'cccccccc-0000-4000-8000-000000000000', firstName: 'C', updatedAt: t });
      const d = fake.store.insertLate({ id: 'dddddddd-0000-4000-8000-000000000000', firstName: 'D', updatedAt: t });
      const a = fake.store.insertLate({ id: 'aaaaaaaa-0000-4000-8000-000000000000', firstName: 'A', updatedAt: t + 0.001 });
      fake.store.advance(5);
      const full = await syncRun(small, auth);
      expect(new Set(full.contacts.map((p) => p.id))).to.deep.equal(new Set([a.id, c.id, d.id]));
      const again = await syncRun(small, auth, { checkpoint: full.finalCheckpoint });
      expect(new Set(again.contacts.map((p) => p.id))).to.deep.equal(new Set([a.id, c.id, d.id]));
    } finally {
      await small.close();
    }
  });

  it('when a person is written in the very millisecond a page just walked, behind its cursor, and the run moves on, then the next sync delivers it', async () => {
    const small = await startBridge({ env: { PAGE_SIZE: '1', SYNC_LOOKBACK_SECONDS: '0' }, allowedHosts: [new URL(fake.url).host] });
    try {
      const ids = ['bbbbbbbb-0000-4000-8000-000000000000', 'cccccccc-0000-4000-8000-000000000000'].map(
        (id) => fake.store.create({ id, firstName: 'Tie' }).id,
      );
      fake.store.updateMany(ids, { jobTitle: 'Same millisecond' });
      let behind = '';
      let later = '';
      const run = await syncRun(small, auth, {
        between: (page) => {
          if (page !== 0) return;
          // After the first page: same millisecond, smaller id than its cursor, so behind it.
          // Then the clock moves on and the run goes past that millisecond.
          behind = fake.store.create({ id: 'aaaaaaaa-0000-4000-8000-000000000000', firstName: 'Behind' }).id;
          fake.store.advance(1000);
          later = fake.store.create({ firstName: 'Later' }).id;
        },
      });
      expect(run.contacts.map((p) => p.id))
        .to.include.members([...ids, later])
        .and.not.include(behind);
      const next = await syncRun(small, auth, { checkpoint: run.finalCheckpoint });
      expect(next.contacts.map((p) => p.id)).to.include(behind);
    } finally {
      await small.close();
    }
  });

  it('when the page size is configured, then it is what the bridge asks Twenty for', async () => {
    seedPeople(fake.store, { count: 30, seed: 1 });
    await syncRun(bridge, auth);
    // The first call is the one-time look at the server's schema (no page size).
    expect(fake.requests.map((r) => /query (\w+)/.exec(r.query ?? '')?.[1])).to.deep.equal([
      'TwentySchemaShape',
      'TwentyPeoplePage',
      'TwentyPeoplePage',
    ]);
    expect(fake.requests.map((r) => r.variables?.['first'])).to.deep.equal([undefined, 25, 25]);
    expect(fake.requests[0]?.headers['authorization']).to.equal('Bearer key-1');
  });

  async function firstPages(n: number): Promise<{ ids: string[]; checkpoint: string }> {
    const ids: string[] = [];
    let offset: string | null = null;
    let checkpoint = '';
    for (let i = 0; i < n; i++) {
      const res = await bridge.post('/twenty/contacts', { auth, meta: { offset } });
      ids.push(...res.body.contacts.map((c: { id: string }) => c.id));
      checkpoint = res.body.synchronization_checkpoint;
      offset = res.body.next_offset;
    }
    return { ids, checkpoint };
  }
});
