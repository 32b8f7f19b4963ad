import { expect } from 'chai';

import { mulberry32, PeopleQueryEngine, seedPeople, startFakeTwenty, type FakeTwenty } from '../../../../fake-crms/twenty/index.js';
import {
  KEY,
  bridgeDocument,
  post,
  page,
  type Node,
  walk,
  byUpdatedAtThenId,
  ASC,
  decode,
  SYNC_ORDER_VARIABLES,
} from './fake-twenty-client.js';

describe('fake Twenty CRM: paging', function () {
  let fake: FakeTwenty;

  beforeEach(async () => {
    fake = await startFakeTwenty({ apiKeys: [KEY] });
  });

  afterEach(async () => {
    await fake.close();
  });

  describe('paging', () => {
    it('when the bridge pages with first+after over data with ties larger than a page, then every visible person is visited once, in (updatedAt, id) order', async () => {
      const seeded = seedPeople(fake.store, { count: 500, seed: 7 });
      const tieSizes = new Map<number, number>();
      for (const p of seeded) tieSizes.set(p.updatedAt, (tieSizes.get(p.updatedAt) ?? 0) + 1);
      expect(Math.max(...tieSizes.values())).to.be.greaterThan(60);

      const query = bridgeDocument('TwentyPeoplePage');
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const reply = await post(fake, {
          query,
          operationName: 'TwentyPeoplePage',
          variables: { ...SYNC_ORDER_VARIABLES, first: 60, after },
        });
        expect(reply.status, reply.text).to.equal(200);
        const { edges, pageInfo } = reply.body.data.people;
        seen.push(...edges.map((e: { node: { id: string } }) => e.node.id));
        if (!pageInfo.hasNextPage) break;
        after = pageInfo.endCursor;
      }
      const expected = fake.store
        .all()
        .sort(byUpdatedAtThenId)
        .map((p) => p.id);
      expect(seen).to.deep.equal(expected);
    });

    it('when a cursor is decoded, then it holds the order-key values as ISO strings plus id', async () => {
      const p = fake.store.create({ firstName: 'Ana' });
      const reply = await page(fake, { first: 1, orderBy: ASC });
      const cursor = reply.body.data.people.edges[0].cursor as string;
      expect(decode(cursor)).to.deep.equal({ updatedAt: new Date(p.updatedAt).toISOString(), id: p.id });
      expect(reply.body.data.people.pageInfo.endCursor).to.equal(cursor);
    });

    it('when the record a cursor came from is updated before the next page, then after resumes right after the old position', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 9; i++) {
        ids.push(fake.store.create({ firstName: `P${i}` }).id);
        fake.store.advance(1000);
      }
      const first = await page(fake, { first: 3, orderBy: ASC });
      const cursor = first.body.data.people.pageInfo.endCursor as string;
      fake.store.update(ids[2]!, { jobTitle: 'moved to the end' });
      fake.store.hardDelete(ids[3]!);

      const next = await page(fake, { first: 3, after: cursor, orderBy: ASC });
      expect(next.body.data.people.edges.map((e: { node: Node }) => e.node.id)).to.deep.equal([ids[4], ids[5], ids[6]]);
    });

    it('when people are written between pages, then every person present throughout is seen (updated ones again at their new place) and each newcomer once', async () => {
      const seeded = seedPeople(fake.store, { count: 200, seed: 3 });
      const original = new Set(fake.store.all().map((p) => p.id));
      const newcomers: string[] = [];
      const nodes = await walk(fake, { first: 25, orderBy: ASC }, () => {
        fake.store.advance(10);
        // Bump two early people (they move behind the cursor's future positions) and add one.
        const early = seeded[newcomers.length]!;
        if (fake.store.get(early.id)?.deletedAt === null) fake.store.update(early.id, { city: 'Lisboa' });
        newcomers.push(fake.store.create({ firstName: 'New' }).id);
      });
      const counts = new Map<string, number>();
      for (const n of nodes) counts.set(n.id, (counts.get(n.id) ?? 0) + 1);
      for (const id of original) expect(counts.get(id) ?? 0, id).to.be.within(1, 2);
      for (const id of newcomers) expect(counts.get(id), id).to.equal(1);
    });

    it('when first is omitted, then a page of min(maxPageSize, 60) is served; when the end is reached, then hasNextPage is false', async () => {
      for (let i = 0; i < 70; i++) fake.store.create({});
      const reply = await page(fake, { orderBy: ASC });
      expect(reply.body.data.people.edges).to.have.length(60);
      expect(reply.body.data.people.pageInfo.hasNextPage).to.equal(true);
      expect(reply.body.data.people.totalCount).to.equal(70);

      fake.setOptions({ maxPageSize: 20 });
      const small = await page(fake, { orderBy: ASC });
      expect(small.body.data.people.edges).to.have.length(20);

      fake.setOptions({ maxPageSize: 100 });
      const all = await page(fake, { first: 70, orderBy: ASC });
      expect(all.body.data.people.edges).to.have.length(70);
      expect(all.body.data.people.pageInfo.hasNextPage).to.equal(false);
    });

    it('when no record matches, then edges are empty, cursors null and hasNextPage false', async () => {
      fake.store.create({});
      const reply = await page(fake, { first: 10, filter: { jobTitle: { eq: 'nobody has this' } } });
      expect(reply.body.data.people).to.deep.equal({
        edges: [],
        pageInfo: { startCursor: null, endCursor: null, hasNextPage: false, hasPreviousPage: false },
        totalCount: 0,
      });
    });

    it('when ordering by a nullable field with AscNullsLast or DescNullsFirst, then NULLs sit at the requested end and id breaks ties', async () => {
      const a = fake.store.create({ jobTitle: 'b' });
      const b = fake.store.create({ jobTitle: null });
      const c = fake.store.create({ jobTitle: 'a' });
      const d = fake.store.create({ jobTitle: 'a' });
      const ab = [c.id, d.id].sort();
      const asc = await page(fake, { first: 10, orderBy: [{ jobTitle: 'AscNullsLast' }] });
      expect(asc.body.data.people.edges.map((e: { node: Node }) => e.node.id)).to.deep.equal([...ab, a.id, b.id]);
      const desc = await page(fake, { first: 10, orderBy: [{ jobTitle: 'DescNullsFirst' }] });
      expect(desc.body.data.people.edges.map((e: { node: Node }) => e.node.id)).to.deep.equal([b.id, a.id, ...ab]);
    });

    it('when paging in small pages by a nullable text field in any direction, then no person is lost across the NULL block and text sorts case-insensitively', async () => {
      for (const jobTitle of ['b', 'A', null, 'c', null, 'a', '', 'B', null, 'C']) fake.store.create({ jobTitle });
      for (const direction of ['AscNullsFirst', 'AscNullsLast', 'DescNullsFirst', 'DescNullsLast']) {
        const orderBy = [{ jobTitle: direction }];
        const onePage = (await page(fake, { first: 50, orderBy })).body.data.people.edges.map((e: { node: Node }) => e.node);
        const walked = await walk(fake, { first: 2, orderBy });
        expect(
          walked.map((n) => n.id),
          direction,
        ).to.deep.equal(onePage.map((n: Node) => n.id));
        expect(walked).to.have.length(10);
        const titles = onePage.map((n: Node) => n.jobTitle?.toLowerCase() ?? null).filter((t: string | null) => t !== null);
        const sortedTitles = [...titles].sort();
        expect(titles, direction).to.deep.equal(direction.startsWith('Asc') ? sortedTitles : sortedTitles.reverse());
        expect(onePage[direction.endsWith('NullsFirst') ? 0 : 9].jobTitle, direction).to.equal(null);
      }
    });

    it('when ordering by deletedAt AscNullsFirst, then soft-deleted people show up from the second page on (the cursor condition names deletedAt, as in Twenty)', async () => {
      const alive = [fake.store.create({}), fake.store.create({})];
      const gone = fake.store.create({});
      fake.store.softDelete(gone.id);
      const orderBy = [{ deletedAt: 'AscNullsFirst' }];
      const first = await page(fake, { first: 1, orderBy });
      expect(first.body.data.people.totalCount).to.equal(2);
      const nodes = await walk(fake, { first: 1, orderBy });
      expect(nodes.map((n) => n.id)).to.deep.equal([...alive.map((p) => p.id).sort(), gone.id]);
    });

    it('when paging backward with last+before, then the page just before the cursor is served in order', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) {
        ids.push(fake.store.create({}).id);
        fake.store.advance(1);
      }
      const all = await page(fake, { first: 6, orderBy: ASC });
      const cursorOf5th = all.body.data.people.edges[4].cursor as string;
      const back = await page(fake, { last: 2, before: cursorOf5th, orderBy: ASC });
      expect(back.body.data.people.edges.map((e: { node: Node }) => e.node.id)).to.deep.equal([ids[2], ids[3]]);
      expect(back.body.data.people.pageInfo.hasPreviousPage).to.equal(true);
    });

    it('when random writes (create, update, bulk update, soft/hard delete, restore, late insert) interleave with queries, then each walk equals a fresh sort of the visible people', async () => {
      const rng = mulberry32(99);
      seedPeople(fake.store, { count: 150, seed: 4 });
      fake.setOptions({ maxPageSize: 200, responseCache: false });
      const orders = [ASC, [{ jobTitle: 'DescNullsLast' }], [{ createdAt: 'AscNullsLast' }, { city: 'DescNullsFirst' }]];
      for (let round = 0; round < 12; round++) {
        for (let w = 0; w < 15; w++) {
          const ids = fake.store.all({ includeDeleted: true }).map((p) => p.id);
          const id = ids[Math.floor(rng() * ids.length)]!;
          const roll = rng();
          fake.store.advance(Math.floor(rng() * 3));
          if (roll < 0.25) fake.store.create({ jobTitle: rng() < 0.5 ? null : `T${Math.floor(rng() * 5)}` });
          else if (roll < 0.5) fake.store.update(id, { jobTitle: `T${Math.floor(rng() * 5)}` });
          else if (roll < 0.6) fake.store.updateMany(ids.slice(0, 5), { city: 'Bulk' });
          else if (roll < 0.7) fake.store.softDelete(id);
          else if (roll < 0.8) fake.store.restore(id);
          else if (roll < 0.9) fake.store.hardDelete(id);
          else fake.store.insertLate({ updatedAt: fake.store.now() - Math.floor(rng() * 100_000) });
        }
        const orderBy = orders[round % orders.length]!;
        const nodes = await walk(fake, { first: 7 + round, orderBy });
        const engine = new PeopleQueryEngine({ version: 0, peopleView: () => fake.store.all() });
        const fresh = engine.findMany({ first: 200, orderBy }, { maxPageSize: 200 }).records.map((p) => p.id);
        expect(
          nodes.map((n) => n.id),
          `round ${round}`,
        ).to.deep.equal(fresh);
        expect(fresh).to.have.length(fake.store.all().length);
      }
    });

    it('when a cursor was issued under another order, then the server answers Invalid cursor', async () => {
      fake.store.create({});
      const byCreated = await page(fake, { first: 1, orderBy: [{ createdAt: 'AscNullsFirst' }] });
      const cursor = byCreated.body.data.people.pageInfo.endCursor as string;
      const reply = await page(fake, { first: 1, after: cursor, orderBy: ASC });
      expect(reply.status).to.equal(200);
      expect(reply.body.data).to.equal(null);
      expect(reply.body.errors[0].message).to.match(/^Invalid cursor: /);
      expect(reply.body.errors[0].extensions.code).to.equal('BAD_USER_INPUT');
    });
  });
});
