import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Kind, parse, print, type DefinitionNode } from 'graphql';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

import {
  mulberry32,
  PeopleQueryEngine,
  seedPeople,
  startFakeTwenty,
  TwentyStore,
  type FakeTwenty,
  type PersonRecord,
} from '../../../fake-crms/twenty/index.js';
import { projectRoot } from '../../../src/project-root.js';

// ---- helpers -----------------------------------------------------------------------------------

const KEY = 'test-key';
const OPERATIONS = readFileSync(join(projectRoot, 'graphql', 'twenty', 'operations.graphql'), 'utf8');

/** One operation of operations.graphql with the fragments, as the bridge sends it. */
function bridgeDocument(operationName: string): string {
  const definitions = parse(OPERATIONS).definitions.filter(
    (d: DefinitionNode) => d.kind === Kind.FRAGMENT_DEFINITION || (d.kind === Kind.OPERATION_DEFINITION && d.name?.value === operationName),
  );
  return print({ kind: Kind.DOCUMENT, definitions });
}

const PAGE_QUERY = `
  query Page($first: Int, $last: Int, $after: String, $before: String, $offset: Int, $filter: PersonFilterInput, $orderBy: [PersonOrderByInput]) {
    people(first: $first, last: $last, after: $after, before: $before, offset: $offset, filter: $filter, orderBy: $orderBy) {
      edges { cursor node { id jobTitle city createdAt updatedAt deletedAt } }
      pageInfo { startCursor endCursor hasNextPage hasPreviousPage }
      totalCount
    }
  }`;

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

async function post(fake: FakeTwenty, body: unknown, key: string | null = KEY, signal?: AbortSignal): Promise<Reply> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (key !== null) headers['Authorization'] = `Bearer ${key}`;
  const res = await fetch(`${fake.url}/graphql`, { method: 'POST', headers, body: JSON.stringify(body), ...(signal ? { signal } : {}) });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  return { status: res.status, headers: res.headers, text, body: parsed };
}

function gql(fake: FakeTwenty, query: string, variables: Record<string, unknown> = {}, key: string | null = KEY): Promise<Reply> {
  return post(fake, { query, variables }, key);
}

const page = (fake: FakeTwenty, variables: Record<string, unknown>): Promise<Reply> => gql(fake, PAGE_QUERY, variables);

interface Node {
  id: string;
  jobTitle: string | null;
  city: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

/** Walk every page forward with first+after; returns the nodes in the order served. */
async function walk(fake: FakeTwenty, variables: Record<string, unknown>, between?: (pageIndex: number) => void): Promise<Node[]> {
  const nodes: Node[] = [];
  let after: string | null = null;
  for (let i = 0; i < 10_000; i++) {
    const reply = await page(fake, { ...variables, after });
    expect(reply.status, reply.text).to.equal(200);
    expect(reply.body.errors, reply.text).to.equal(undefined);
    const connection = reply.body.data.people;
    nodes.push(...connection.edges.map((e: { node: Node }) => e.node));
    if (!connection.pageInfo.hasNextPage) return nodes;
    after = connection.pageInfo.endCursor;
    between?.(i);
  }
  throw new Error('paging did not end');
}

const byUpdatedAtThenId = (a: PersonRecord, b: PersonRecord): number =>
  a.updatedAt - b.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const ASC = [{ updatedAt: 'AscNullsFirst' }, { id: 'AscNullsFirst' }];
/** The bridge's page operations in their sync-order mode. */
const SYNC_ORDER_VARIABLES = { orderBy: ASC, withLatest: false };
const decode = (cursor: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as Record<string, unknown>;
const encode = (data: unknown): string => Buffer.from(JSON.stringify(data)).toString('base64');

// ---- tests -------------------------------------------------------------------------------------

describe('fake Twenty CRM', function () {
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

  describe('errors', () => {
    it('when first exceeds the maximum page size, then a BAD_USER_INPUT error comes with HTTP 200 and data null', async () => {
      const reply = await page(fake, { first: 61 });
      expect(reply.status).to.equal(200);
      expect(reply.body.data).to.equal(null);
      expect(reply.body.errors[0]).to.include({ message: 'Maximum number of records to fetch is 60' });
      expect(reply.body.errors[0].extensions.code).to.equal('BAD_USER_INPUT');
    });

    it('when first is zero or negative, then the query fails with BAD_USER_INPUT', async () => {
      for (const first of [0, -1]) {
        const reply = await page(fake, { first });
        expect(reply.body.errors[0].extensions.code).to.equal('BAD_USER_INPUT');
      }
    });

    it('when the cursor is not base64 JSON or lacks an order key, then the answer is "Invalid cursor: ..." with BAD_USER_INPUT', async () => {
      for (const after of [
        '%%%not-a-cursor',
        encode({ updatedAt: '2026-01-01T00:00:00.000Z' }),
        encode([1, 2]),
        encode({ updatedAt: 'yesterday', id: 'x' }),
      ]) {
        const reply = await page(fake, { first: 5, after, orderBy: ASC });
        expect(reply.status).to.equal(200);
        expect(reply.body.data).to.equal(null);
        expect(reply.body.errors[0].message).to.match(/^Invalid cursor: /);
        expect(reply.body.errors[0].extensions.code).to.equal('BAD_USER_INPUT');
      }
    });

    it('when the document does not validate against the schema, then HTTP 400 with GRAPHQL_VALIDATION_FAILED', async () => {
      const reply = await gql(fake, '{ people(first: 1) { edges { node { id phone } } } }');
      expect(reply.status).to.equal(400);
      expect(reply.body.errors[0].extensions.code).to.equal('GRAPHQL_VALIDATION_FAILED');
    });

    it('when a variable has the wrong type, then HTTP 400 with BAD_USER_INPUT', async () => {
      const reply = await page(fake, { first: 'ten' });
      expect(reply.status).to.equal(400);
      expect(reply.body.errors[0].extensions.code).to.equal('BAD_USER_INPUT');
    });
  });

  describe('authentication and throttling', () => {
    const UNAUTHENTICATED = { errors: [{ message: 'Unauthenticated', extensions: { code: 'UNAUTHENTICATED' } }] };

    it('when the API key is missing or unknown, then HTTP 401 UNAUTHENTICATED; in "graphql" mode the same body with HTTP 200', async () => {
      const missing = await gql(fake, PAGE_QUERY, { first: 1 }, null);
      expect(missing.status).to.equal(401);
      expect(missing.body).to.deep.equal(UNAUTHENTICATED);
      const wrong = await gql(fake, PAGE_QUERY, { first: 1 }, 'other-key');
      expect(wrong.status).to.equal(401);
      fake.setOptions({ authFailureMode: 'graphql' });
      const graphqlMode = await gql(fake, PAGE_QUERY, { first: 1 }, 'other-key');
      expect(graphqlMode.status).to.equal(200);
      expect(graphqlMode.body).to.deep.equal(UNAUTHENTICATED);
    });

    it('when an API key exceeds its rate limit, then HTTP 429 LIMIT_REACHED with Retry-After, until the window passes on the store clock', async () => {
      fake.setOptions({ rateLimit: { limit: 2, windowMs: 60_000 }, apiKeys: [KEY, 'other'] });
      expect((await page(fake, { first: 1 })).status).to.equal(200);
      fake.store.advance(30_000);
      expect((await page(fake, { first: 1 })).status).to.equal(200);
      const throttled = await page(fake, { first: 1 });
      expect(throttled.status).to.equal(429);
      expect(throttled.headers.get('retry-after')).to.equal('30');
      expect(throttled.body).to.deep.equal({
        errors: [{ message: 'Limit reached (2 per 60000 ms)', extensions: { code: 'LIMIT_REACHED' } }],
      });
      expect((await gql(fake, PAGE_QUERY, { first: 1 }, 'other')).status, 'keys are counted separately').to.equal(200);
      fake.store.advance(30_000);
      expect((await page(fake, { first: 1 })).status).to.equal(200);
    });
  });

  describe('server versions', () => {
    it("when serving the typed-additional schema, then the bridge's full query fails validation (400) and the primary-only fallback works", async () => {
      fake.setOptions({ serverVersion: 'typed-additional' });
      fake.store.create({
        firstName: 'Ana',
        primaryEmail: 'ana@example.pt',
        primaryPhoneNumber: '912345678',
        primaryPhoneCountryCode: 'PT',
        primaryPhoneCallingCode: '+351',
      });
      const full = await post(fake, {
        query: bridgeDocument('TwentyPeoplePage'),
        operationName: 'TwentyPeoplePage',
        variables: { ...SYNC_ORDER_VARIABLES, first: 10 },
      });
      expect(full.status).to.equal(400);
      expect(full.body.errors[0].extensions.code).to.equal('GRAPHQL_VALIDATION_FAILED');
      expect(full.body.errors[0].message).to.include('additionalPhones');
      const fallback = await post(fake, {
        query: bridgeDocument('TwentyPeoplePagePrimaryOnly'),
        operationName: 'TwentyPeoplePagePrimaryOnly',
        variables: { ...SYNC_ORDER_VARIABLES, first: 10 },
      });
      expect(fallback.status, fallback.text).to.equal(200);
      expect(fallback.body.data.people.edges[0].node.phones).to.deep.equal({
        primaryPhoneNumber: '912345678',
        primaryPhoneCountryCode: 'PT',
        primaryPhoneCallingCode: '+351',
      });
    });

    it('when serving raw-json, then additional emails and phones come back as the stored JSON and company as a nested object', async () => {
      const company = fake.store.createCompany({
        name: 'Acme',
        domainUrl: 'https://acme.com',
        address: {
          addressStreet1: '1 Main St',
          addressStreet2: '',
          addressCity: 'Porto',
          addressState: '',
          addressPostcode: '4000',
          addressCountry: 'Portugal',
        },
      });
      fake.store.create({
        firstName: 'Rui',
        additionalEmails: ['rui@two.pt'],
        additionalPhones: [{ number: '912000000', countryCode: 'PT', callingCode: '+351' }],
        companyId: company.id,
      });
      fake.store.create({ firstName: 'Solo' });
      const reply = await post(fake, { query: bridgeDocument('TwentyPeoplePage'), variables: { ...SYNC_ORDER_VARIABLES, first: 10 } });
      const [withCompany, solo] = reply.body.data.people.edges.map((e: { node: Record<string, unknown> }) => e.node);
      expect(withCompany.emails.additionalEmails).to.deep.equal(['rui@two.pt']);
      expect(withCompany.phones.additionalPhones).to.deep.equal([{ number: '912000000', countryCode: 'PT', callingCode: '+351' }]);
      expect(withCompany.company).to.deep.equal({
        name: 'Acme',
        domainName: { primaryLinkUrl: 'https://acme.com' },
        address: {
          addressStreet1: '1 Main St',
          addressStreet2: '',
          addressCity: 'Porto',
          addressState: '',
          addressPostcode: '4000',
          addressCountry: 'Portugal',
        },
      });
      expect(solo.company).to.equal(null);
    });
  });

  describe('fault injection', () => {
    beforeEach(() => {
      fake.store.create({});
    });

    const cases: Array<{ kind: Parameters<FakeTwenty['injectFaults']>[0][number]; check: (r: Reply) => void }> = [
      {
        kind: 'http500',
        check: (r) => {
          expect(r.status).to.equal(500);
          expect(r.body).to.equal(null);
          expect(r.headers.get('content-type')).to.match(/text\/html/);
        },
      },
      {
        kind: 'http503',
        check: (r) => {
          expect(r.status).to.equal(503);
          expect(r.body).to.equal(null);
        },
      },
      {
        kind: 'not-json',
        check: (r) => {
          expect(r.status).to.equal(200);
          expect(r.body).to.equal(null);
          expect(r.text).to.match(/<html/);
        },
      },
      {
        kind: 'bad-shape',
        check: (r) => {
          expect(r.status).to.equal(200);
          expect(r.body).to.deep.equal({ data: { people: { edges: 'nope' } } });
        },
      },
      {
        kind: 'graphql-internal',
        check: (r) => {
          expect(r.status).to.equal(200);
          expect(r.body.data).to.equal(null);
          expect(r.body.errors[0].extensions.code).to.equal('INTERNAL_SERVER_ERROR');
        },
      },
      {
        kind: 'throttle',
        check: (r) => {
          expect(r.status).to.equal(429);
          expect(r.headers.get('retry-after')).to.match(/^\d+$/);
          expect(r.body.errors[0].message).to.match(/^Limit reached \(/);
        },
      },
      {
        kind: 'unauthenticated',
        check: (r) => {
          expect(r.status).to.equal(401);
          expect(r.body.errors[0].extensions.code).to.equal('UNAUTHENTICATED');
        },
      },
      {
        kind: 'invalid-cursor',
        check: (r) => {
          expect(r.status).to.equal(200);
          expect(r.body.data).to.equal(null);
          expect(r.body.errors[0].message).to.equal('Invalid cursor: abc');
          expect(r.body.errors[0].extensions.code).to.equal('BAD_USER_INPUT');
        },
      },
    ];
    for (const { kind, check } of cases) {
      it(`when a "${String(kind)}" fault is queued, then the next request gets it and the one after is served normally`, async () => {
        fake.injectFaults([kind]);
        check(await page(fake, { first: 1, after: 'abc' }));
        const normal = await page(fake, { first: 1 });
        expect(normal.status).to.equal(200);
        expect(normal.body.data.people.edges).to.have.length(1);
        expect(fake.requests.map((r) => r.fault)).to.deep.equal([typeof kind === 'string' ? kind : kind.kind, null]);
      });
    }

    it('when a "reset" fault is queued, then the connection is destroyed and fetch fails', async () => {
      fake.injectFaults(['reset']);
      let failed = false;
      try {
        await page(fake, { first: 1 });
      } catch {
        failed = true;
      }
      expect(failed).to.equal(true);
      expect(fake.requests[0]).to.include({ fault: 'reset', status: null });
    });

    it('when a "hang" fault is queued, then no answer comes and close() still completes promptly', async () => {
      fake.injectFaults(['hang']);
      const aborted = post(fake, { query: PAGE_QUERY, variables: { first: 1 } }, KEY, AbortSignal.timeout(5000)).then(
        () => 'answered',
        () => 'failed',
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(fake.requests).to.have.length(1);
      const started = Date.now();
      await fake.close();
      expect(Date.now() - started).to.be.lessThan(1000);
      expect(await aborted).to.equal('failed');
    });

    it('when a fault has afterMs, then the answer is delayed by about that long', async () => {
      fake.injectFaults([{ kind: 'http503', afterMs: 150 }]);
      const started = Date.now();
      const reply = await page(fake, { first: 1 });
      expect(reply.status).to.equal(503);
      expect(Date.now() - started).to.be.at.least(140);
    });
  });

  describe('request log', () => {
    it('when the bridge sends a query, then headers, query, variables and status are recorded; resetRequests empties the log', async () => {
      await page(fake, { first: 3, filter: { updatedAt: { gte: '2025-01-01T00:00:00.000Z' } } });
      expect(fake.requests).to.have.length(1);
      const [request] = fake.requests;
      expect(request!.headers['authorization']).to.equal(`Bearer ${KEY}`);
      expect(request!.query).to.equal(PAGE_QUERY);
      expect(request!.variables).to.deep.equal({ first: 3, filter: { updatedAt: { gte: '2025-01-01T00:00:00.000Z' } } });
      expect(request!.status).to.equal(200);
      const log = fake.requests;
      fake.resetRequests();
      expect(log).to.have.length(0);
    });
  });

  describe('store', () => {
    it('when updateMany runs, then every updated person gets the same updatedAt (the bulk tie)', () => {
      const ids = Array.from({ length: 5 }, () => fake.store.create({}).id);
      fake.store.advance(1234);
      const updated = fake.store.updateMany(ids, { jobTitle: 'Bulk' });
      expect(new Set(updated.map((p) => p.updatedAt))).to.deep.equal(new Set([fake.store.now()]));
    });

    it('when update is given an updatedAt, then it is ignored and now is used', () => {
      const p = fake.store.create({});
      fake.store.advance(10);
      const updated = fake.store.update(p.id, { city: 'Faro', ...({ updatedAt: 1 } as object) });
      expect(updated.updatedAt).to.equal(fake.store.now());
      expect(updated.city).to.equal('Faro');
    });

    it('when insertLate writes with an older updatedAt, then the person shows up behind positions already read', async () => {
      fake.store.create({});
      fake.store.advance(60_000);
      const latest = fake.store.create({});
      const first = await page(fake, { first: 10, orderBy: ASC });
      expect(first.body.data.people.pageInfo.endCursor).to.not.equal(null);
      const late = fake.store.insertLate({ firstName: 'Late', updatedAt: latest.updatedAt - 30_000 });
      const resumed = await page(fake, { first: 10, after: first.body.data.people.pageInfo.endCursor, orderBy: ASC });
      expect(resumed.body.data.people.edges).to.have.length(0);
      const all = await page(fake, { first: 10, orderBy: ASC });
      expect(all.body.data.people.edges[1].node.id).to.equal(late.id);
    });

    it('when returned records are mutated by the caller, then the store is unaffected', () => {
      const p = fake.store.create({ additionalEmails: ['a@b.c'] });
      p.additionalEmails!.push('mutated');
      fake.store.get(p.id)!.additionalEmails!.push('mutated again');
      expect(fake.store.get(p.id)!.additionalEmails).to.deep.equal(['a@b.c']);
    });
  });
});

describe('seedPeople', () => {
  const seeded = (seed: number, count = 400): PersonRecord[] => seedPeople(new TwentyStore(), { count, seed });

  it('when called twice with the same seed on equal stores, then the people are identical; another seed gives other people', () => {
    expect(seeded(42)).to.deep.equal(seeded(42));
    expect(seeded(43).map((p) => p.id)).to.not.deep.equal(seeded(42).map((p) => p.id));
  });

  it('when seeding, then updatedAt spans the past two years with ties of 2-50 and one group larger than a 60-record page', () => {
    const store = new TwentyStore();
    const people = seedPeople(store, { count: 1000, seed: 5 });
    const now = store.now();
    const groups = new Map<number, number>();
    for (const p of people) {
      expect(p.updatedAt).to.be.lessThan(now);
      expect(p.updatedAt).to.be.greaterThan(now - 2 * 366 * 24 * 3600 * 1000);
      expect(p.createdAt).to.be.at.most(p.updatedAt);
      groups.set(p.updatedAt, (groups.get(p.updatedAt) ?? 0) + 1);
    }
    const sizes = [...groups.values()];
    expect(sizes.filter((n) => n > 60)).to.have.length(1);
    expect(sizes.filter((n) => n >= 2 && n <= 50).length).to.be.greaterThan(10);
  });

  it('when seeding, then the data is varied: no-name people, people with nothing, companies, deleted ones, non-Latin names, X handles in several forms', () => {
    const people = seeded(9, 2000);
    const blank = (s: string | null): boolean => s === null || s.trim() === '';
    const noName = people.filter((p) => blank(p.firstName) && blank(p.lastName));
    const nothing = noName.filter((p) => blank(p.primaryEmail) && (p.additionalEmails ?? []).every(blank) && blank(p.primaryPhoneNumber));
    expect(noName.length).to.be.greaterThan(20);
    expect(nothing.length).to.be.within(1, noName.length - 1);
    const withCompany = people.filter((p) => p.companyId !== null).length / people.length;
    expect(withCompany).to.be.within(0.6, 0.8);
    expect(people.filter((p) => p.deletedAt !== null).length).to.be.within(5, 100);
    expect(people.some((p) => /[^\u0000-\u024f]/.test(`${p.firstName ?? ''}${p.lastName ?? ''}`))).to.equal(true);
    const xForms = new Set(
      people
        .map((p) => p.xUrl)
        .filter((x): x is string => !blank(x))
        .map((x) => x.replace(/[\w]+$/, '')),
    );
    expect(xForms).to.include.members(['https://x.com/', 'https://twitter.com/', 'x.com/', '@']);
    expect(people.some((p) => p.primaryEmail === '' && (p.additionalEmails ?? []).length > 0)).to.equal(true);
    expect(people.some((p) => p.primaryPhoneNumber?.startsWith('+'))).to.equal(true);
  });

  it('when checking seeded phones with libphonenumber-js, then most numbers with a country code are valid for that country', () => {
    let total = 0;
    let valid = 0;
    const countries = new Set<string>();
    for (const p of seeded(21, 2000)) {
      const phones = [...(p.additionalPhones ?? [])];
      if (!blank(p.primaryPhoneNumber))
        phones.push({
          number: p.primaryPhoneNumber!,
          countryCode: p.primaryPhoneCountryCode ?? '',
          callingCode: p.primaryPhoneCallingCode ?? '',
        });
      for (const phone of phones) {
        if (!/^[A-Z]{2}$/.test(phone.countryCode)) continue;
        countries.add(phone.countryCode);
        total++;
        if (parsePhoneNumberFromString(phone.number, phone.countryCode as CountryCode)?.isValid() === true) valid++;
      }
    }
    expect(countries.size).to.be.at.least(12);
    expect(valid / total).to.be.greaterThan(0.9);
    expect(valid).to.be.lessThan(total); // and some garbage
  });
});

function blank(s: string | null): boolean {
  return s === null || s.trim() === '';
}
