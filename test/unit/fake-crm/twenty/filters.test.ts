import { expect } from 'chai';

import { seedPeople, startFakeTwenty, type FakeTwenty } from '../../../../fake-crms/twenty/index.js';
import { KEY, gql, page, type Node, walk, byUpdatedAtThenId, ASC } from './fake-twenty-client.js';

describe('fake Twenty CRM: filters, single person and soft delete', function () {
  let fake: FakeTwenty;

  beforeEach(async () => {
    fake = await startFakeTwenty({ apiKeys: [KEY] });
  });

  afterEach(async () => {
    await fake.close();
  });

  describe('filters', () => {
    it('when filtering updatedAt gte T, then exactly the people updated at or after T are served (ties at T included)', async () => {
      seedPeople(fake.store, { count: 300, seed: 11 });
      const sorted = fake.store.all().sort(byUpdatedAtThenId);
      const cut = sorted[150]!.updatedAt;
      const nodes = await walk(fake, { first: 40, orderBy: ASC, filter: { updatedAt: { gte: new Date(cut).toISOString() } } });
      expect(nodes.map((n) => n.id)).to.deep.equal(sorted.filter((p) => p.updatedAt >= cut).map((p) => p.id));
    });

    it('when combining and/or/not at several depths, then the result is the boolean combination', async () => {
      const t0 = fake.store.now();
      fake.store.create({ jobTitle: 'CEO', city: 'Paris' });
      fake.store.advance(1000);
      const cto = fake.store.create({ jobTitle: 'CTO', city: 'Lyon' });
      fake.store.advance(1000);
      const dev = fake.store.create({ jobTitle: 'Developer', city: 'Paris' });
      const filter = {
        and: [
          { updatedAt: { gte: new Date(t0).toISOString() } },
          { or: [{ city: { eq: 'Lyon' } }, { and: [{ city: { eq: 'Paris' } }, { not: { jobTitle: { eq: 'CEO' } } }] }] },
        ],
      };
      const reply = await page(fake, { first: 10, orderBy: ASC, filter });
      expect(reply.body.data.people.edges.map((e: { node: Node }) => e.node.id)).to.deep.equal([cto.id, dev.id]);
      expect(reply.body.data.people.totalCount).to.equal(2);
    });

    it('when several keys sit in one filter object, then they are ANDed', async () => {
      fake.store.create({ jobTitle: 'CEO', city: 'Paris' });
      const match = fake.store.create({ jobTitle: 'CEO', city: 'Lyon' });
      const reply = await page(fake, { first: 10, filter: { jobTitle: { eq: 'CEO' }, city: { eq: 'Lyon' } } });
      expect(reply.body.data.people.edges.map((e: { node: Node }) => e.node.id)).to.deep.equal([match.id]);
    });

    it('when not is applied to a comparison on a NULL field, then the person is excluded (SQL three-valued logic)', async () => {
      fake.store.create({ jobTitle: 'CEO' });
      const other = fake.store.create({ jobTitle: 'CTO' });
      fake.store.create({ jobTitle: null });
      const reply = await page(fake, { first: 10, filter: { not: { jobTitle: { eq: 'CEO' } } } });
      expect(reply.body.data.people.edges.map((e: { node: Node }) => e.node.id)).to.deep.equal([other.id]);
    });

    it('when a field filter holds two operators, then only the first in schema order applies (as Twenty), unless multiOperatorFilter is "all"', async () => {
      const early = fake.store.create({});
      fake.store.advance(10_000);
      const late = fake.store.create({});
      const from = new Date(early.updatedAt).toISOString();
      const until = new Date(early.updatedAt + 5000).toISOString();
      const filter = { updatedAt: { lt: until, gte: from } };
      const twenty = await page(fake, { first: 10, orderBy: ASC, filter });
      expect(twenty.body.data.people.edges.map((e: { node: Node }) => e.node.id)).to.deep.equal([early.id, late.id]);
      fake.setOptions({ multiOperatorFilter: 'all' });
      const ideal = await page(fake, { first: 10, orderBy: ASC, filter });
      expect(ideal.body.data.people.edges.map((e: { node: Node }) => e.node.id)).to.deep.equal([early.id]);
    });

    it('when using is/eq/like/ilike/startsWith/in on text, then "" counts as empty like NULL and patterns use % and _', async () => {
      const empty = fake.store.create({ jobTitle: '' });
      const nul = fake.store.create({ jobTitle: null });
      const eng = fake.store.create({ jobTitle: 'Software Engineer' });
      const lead = fake.store.create({ jobTitle: 'Engineering Lead' });
      const ids = async (filter: unknown): Promise<string[]> =>
        ((await page(fake, { first: 10, filter })).body.data.people.edges as Array<{ node: Node }>).map((e) => e.node.id).sort();
      expect(await ids({ jobTitle: { is: 'NULL' } })).to.deep.equal([empty.id, nul.id].sort());
      expect(await ids({ jobTitle: { eq: '' } })).to.deep.equal([empty.id, nul.id].sort());
      expect(await ids({ jobTitle: { is: 'NOT_NULL' } })).to.deep.equal([empty.id, eng.id, lead.id].sort());
      expect(await ids({ jobTitle: { like: '%Engineer' } })).to.deep.equal([eng.id]);
      expect(await ids({ jobTitle: { ilike: '%engineer%' } })).to.deep.equal([eng.id, lead.id].sort());
      expect(await ids({ jobTitle: { like: 'Engineerin_ Lead' } })).to.deep.equal([lead.id]);
      expect(await ids({ jobTitle: { startsWith: 'Soft' } })).to.deep.equal([eng.id]);
      expect(await ids({ jobTitle: { in: ['Software Engineer', 'nope'] } })).to.deep.equal([eng.id]);
      expect(await ids({ id: { in: [lead.id.toUpperCase()] } })).to.deep.equal([lead.id]);
    });

    it('when filtering a DateTime with eq/lte, then the operand is compared as an instant at millisecond precision', async () => {
      const p = fake.store.create({});
      fake.store.advance(1);
      fake.store.create({});
      const sameInstant = new Date(p.updatedAt).toISOString().replace('Z', '+00:00');
      const eq = await page(fake, { first: 10, filter: { updatedAt: { eq: sameInstant } } });
      expect(eq.body.data.people.edges.map((e: { node: Node }) => e.node.id)).to.deep.equal([p.id]);
      const lte = await page(fake, { first: 10, filter: { updatedAt: { lte: new Date(p.updatedAt).toISOString() } } });
      expect(lte.body.data.people.totalCount).to.equal(1);
    });

    it('when an "in" list is empty, then the query fails with BAD_USER_INPUT', async () => {
      const reply = await page(fake, { first: 10, filter: { city: { in: [] } } });
      expect(reply.body.data).to.equal(null);
      expect(reply.body.errors[0].extensions.code).to.equal('BAD_USER_INPUT');
    });
  });

  describe('person', () => {
    it('when one person is asked by id, then it is served; when none matches, then NOT_FOUND', async () => {
      const p = fake.store.create({ firstName: 'Zoë', lastName: 'Ødegaard' });
      const query = 'query One($id: UUID!) { person(filter: { id: { eq: $id } }) { id name { firstName lastName } } }';
      const found = await gql(fake, query, { id: p.id.toUpperCase() });
      expect(found.body.data.person).to.deep.equal({ id: p.id, name: { firstName: 'Zoë', lastName: 'Ødegaard' } });
      const missing = await gql(fake, query, { id: '00000000-0000-4000-8000-000000000000' });
      expect(missing.body.errors[0].extensions.code).to.equal('NOT_FOUND');
      const invalid = await gql(fake, query, { id: 'not-a-uuid' });
      expect(invalid.status).to.equal(400);
    });
  });

  describe('soft delete', () => {
    it('when a person is soft-deleted, then it is hidden, and its deletedAt and updatedAt are the deletion time', async () => {
      const kept = fake.store.create({});
      const gone = fake.store.create({});
      fake.store.advance(5000);
      const deleted = fake.store.softDelete(gone.id);
      expect(deleted.deletedAt).to.equal(fake.store.now());
      expect(deleted.updatedAt).to.equal(fake.store.now());
      const reply = await page(fake, { first: 10 });
      expect(reply.body.data.people.edges.map((e: { node: Node }) => e.node.id)).to.deep.equal([kept.id]);
      expect(reply.body.data.people.totalCount).to.equal(1);
    });

    it('when the filter mentions deletedAt at any depth, then soft-deleted people are visible', async () => {
      const kept = fake.store.create({});
      const gone = fake.store.create({});
      fake.store.softDelete(gone.id);
      const onlyDeleted = await page(fake, { first: 10, filter: { deletedAt: { is: 'NOT_NULL' } } });
      expect(onlyDeleted.body.data.people.edges.map((e: { node: Node }) => e.node.id)).to.deep.equal([gone.id]);
      const everyone = await page(fake, {
        first: 10,
        filter: { and: [{ or: [{ deletedAt: { is: 'NULL' } }, { deletedAt: { is: 'NOT_NULL' } }] }] },
      });
      expect(everyone.body.data.people.totalCount).to.equal(2);
      fake.store.restore(gone.id);
      const restored = await page(fake, { first: 10 });
      expect(restored.body.data.people.edges.map((e: { node: Node }) => e.node.id).sort()).to.deep.equal([kept.id, gone.id].sort());
    });
  });
});
