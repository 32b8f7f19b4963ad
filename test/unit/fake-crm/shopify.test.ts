import { expect } from 'chai';
import { print, type DocumentNode } from 'graphql';
import {
  CONNECTION_COST,
  LATEST_READ_COST,
  COST_PER_CUSTOMER,
  MAX_CONNECTION_FIRST,
  MAX_PAGE_SIZE,
  MAX_SINGLE_QUERY_COST,
} from '../../../src/connectors/shopify/query-cost.js';
import {
  compileSearch,
  CustomersQueryEngine,
  customerGid,
  decodeCursor,
  ShopifyStore,
  startFakeShopify,
  type CustomersArgs,
  type FakeShopify,
} from '../../../fake-crms/shopify/index.js';
import { ShopifyAuthCheckDocument, ShopifyCustomersPageDocument } from '../../../src/generated/shopify/graphql.js';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const DAY = 86_400_000;

function engineWith(store: ShopifyStore) {
  const engine = new CustomersQueryEngine(store);
  return (args: CustomersArgs, timeMatching: 'day' | 'exact' = 'day') => engine.find(args, { maxPageSize: 250, timeMatching });
}

describe('fake Shopify', () => {
  describe('store', () => {
    it('when the store is reset, then it is empty, its clock is back at the start and it hands out the ids a new store would', () => {
      const fresh = new ShopifyStore({ startTime: T0 });
      const store = new ShopifyStore({ startTime: T0 });
      store.create();
      store.advance(5000);
      store.reset();
      expect(store.all()).to.deep.equal([]);
      expect(store.now()).to.equal(T0);
      expect([store.create().id, store.create().id]).to.deep.equal([fresh.create().id, fresh.create().id]);
    });

    it('when customers are written, then their update times are whole seconds of the store clock', () => {
      const store = new ShopifyStore({ startTime: T0 + 1234 });
      const c = store.create({ firstName: 'Ana' });
      expect(c.updatedAt).to.equal(T0 + 1000);
      store.advance(2500);
      expect(store.update(c.id, { lastName: 'Silva' }).updatedAt).to.equal(T0 + 3000);
    });

    it('when several customers are updated together, then they share one update time', () => {
      const store = new ShopifyStore({ startTime: T0 });
      const ids = [store.create().id, store.create().id, store.create().id];
      store.advance(60_000);
      const updated = store.updateMany(ids, { lastName: 'Imported' });
      expect(new Set(updated.map((c) => c.updatedAt))).to.deep.equal(new Set([T0 + 60_000]));
    });

    it('when ids are handed out, then each is larger than the last', () => {
      const store = new ShopifyStore();
      const ids = Array.from({ length: 50 }, () => store.create().id);
      expect(ids).to.deep.equal([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).to.equal(50);
    });

    it('when a customer is deleted, then it is gone from every read', () => {
      const store = new ShopifyStore();
      const c = store.create();
      expect(store.delete(c.id)).to.equal(true);
      expect(store.get(c.id)).to.equal(undefined);
      expect(store.all()).to.deep.equal([]);
    });

    it('when a write becomes visible late, then it carries the older time it was made at', () => {
      const store = new ShopifyStore({ startTime: T0 });
      const late = store.insertLate({ firstName: 'Late', updatedAt: T0 - 30_000 });
      expect(late.updatedAt).to.equal(T0 - 30_000);
    });
  });

  describe('search syntax', () => {
    const at = (ms: number) => ({ id: 1, updatedAt: ms, createdAt: ms }) as never;

    it('when updated_at is compared by whole days (Shopify), then >= keeps the whole day and > drops it', () => {
      const search = compileSearch("updated_at:>='2026-03-02T15:00:00Z'");
      expect(search.matches(at(Date.UTC(2026, 2, 2, 1)))).to.equal(true);
      expect(search.matches(at(Date.UTC(2026, 2, 1, 23)))).to.equal(false);
      const strict = compileSearch("updated_at:>'2026-03-02T15:00:00Z'");
      expect(strict.matches(at(Date.UTC(2026, 2, 2, 16)))).to.equal(false);
      expect(strict.matches(at(Date.UTC(2026, 2, 3)))).to.equal(true);
    });

    it('when updated_at is compared exactly, then the bound is the instant', () => {
      const search = compileSearch('updated_at:>="2026-03-02T15:00:00Z"', 'exact');
      expect(search.matches(at(Date.UTC(2026, 2, 2, 15)))).to.equal(true);
      expect(search.matches(at(Date.UTC(2026, 2, 2, 14, 59, 59)))).to.equal(false);
    });

    it('when terms are joined by AND or a space, then all must hold', () => {
      const search = compileSearch("updated_at:>='2026-03-02' AND id:<=10 updated_at:<'2026-03-04'", 'exact');
      expect(search.matches({ id: 10, updatedAt: Date.UTC(2026, 2, 3), createdAt: 0 } as never)).to.equal(true);
      expect(search.matches({ id: 11, updatedAt: Date.UTC(2026, 2, 3), createdAt: 0 } as never)).to.equal(false);
    });

    it('when a field is unknown or a value unreadable, then the term is ignored with a warning', () => {
      const search = compileSearch("colour:blue updated_at:>='yesterday'");
      expect(search.warnings.map((w) => w.field)).to.deep.equal(['colour', 'updated_at']);
      expect(search.matches(at(0))).to.equal(true);
    });

    it('when the query uses syntax the fake does not model, then it is refused', () => {
      for (const query of ['updated_at:>2026 OR id:1', '(id:1)', 'Bob', '-id:1', 'id:1 AND']) {
        expect(() => compileSearch(query), query).to.throw();
      }
    });
  });

  describe('customers connection', () => {
    it('when sorted by UPDATED_AT, then ties are ordered by id and a cursor resumes strictly after its record', () => {
      const store = new ShopifyStore({ startTime: T0 });
      const ids = Array.from({ length: 7 }, () => store.create().id);
      store.advance(1000);
      store.updateMany(ids.slice(0, 5), {});
      const find = engineWith(store);
      const seen: number[] = [];
      let after: string | null = null;
      for (;;) {
        const page = find({ first: 2, after, sortKey: 'UPDATED_AT' });
        seen.push(...page.records.map((c) => c.id));
        const last = page.records.at(-1);
        if (!page.hasNextPage || !last) break;
        after = page.cursorOf(last);
      }
      expect(seen).to.deep.equal([ids[5], ids[6], ...ids.slice(0, 5)]);
    });

    it('when a customer already read is edited during paging, then it moves to the end and no other is skipped', () => {
      const store = new ShopifyStore({ startTime: T0 });
      const ids = Array.from({ length: 6 }, () => {
        store.advance(1000);
        return store.create().id;
      });
      const find = engineWith(store);
      const first = find({ first: 3, sortKey: 'UPDATED_AT' });
      store.advance(1000);
      store.update(ids[0]!, { firstName: 'Edited' });
      const rest = find({ first: 10, after: first.cursorOf(first.records.at(-1)!), sortKey: 'UPDATED_AT' });
      expect(rest.records.map((c) => c.id)).to.deep.equal([ids[3], ids[4], ids[5], ids[0]]);
    });

    it('when reversed or sorted by ID, then the order follows', () => {
      const store = new ShopifyStore({ startTime: T0 });
      const ids = Array.from({ length: 4 }, () => store.create().id);
      const find = engineWith(store);
      expect(find({ first: 10 }).records.map((c) => c.id)).to.deep.equal(ids);
      expect(find({ first: 10, reverse: true }).records.map((c) => c.id)).to.deep.equal([...ids].reverse());
      const page = find({ first: 2, reverse: true, sortKey: 'UPDATED_AT' });
      expect(
        find({ first: 5, after: page.cursorOf(page.records[1]!), reverse: true, sortKey: 'UPDATED_AT' }).records.map((c) => c.id),
      ).to.deep.equal([ids[1], ids[0]]);
    });

    it('when paging backwards with last/before, then the window ends before the cursor', () => {
      const store = new ShopifyStore({ startTime: T0 });
      const ids = Array.from({ length: 5 }, () => store.create().id);
      const find = engineWith(store);
      const tail = find({ last: 2 });
      expect(tail.records.map((c) => c.id)).to.deep.equal(ids.slice(3));
      expect(tail.hasPreviousPage).to.equal(true);
      expect(find({ last: 2, before: tail.cursorOf(tail.records[0]!) }).records.map((c) => c.id)).to.deep.equal(ids.slice(1, 3));
    });

    it("when a cursor is decoded, then it reads like Shopify's: last_id and last_value", () => {
      const store = new ShopifyStore({ startTime: T0 });
      const c = store.create();
      const page = engineWith(store)({ first: 1, sortKey: 'UPDATED_AT' });
      const decoded = JSON.parse(Buffer.from(page.cursorOf(page.records[0]!), 'base64').toString('utf8'));
      expect(decoded).to.deep.equal({ last_id: c.id, last_value: '2026-03-02 09:00:00.000000' });
      expect(decodeCursor('UPDATED_AT', page.cursorOf(page.records[0]!))).to.deep.equal({ value: T0, id: c.id });
    });

    it('when a cursor is foreign to the sort or malformed, then it is refused', () => {
      const store = new ShopifyStore({ startTime: T0 });
      store.create();
      const find = engineWith(store);
      const idCursor = find({ first: 1, sortKey: 'ID' }).cursorOf(store.customersView()[0]!);
      for (const after of [idCursor, 'not-base64!', Buffer.from('{"last_id":"x"}').toString('base64')]) {
        expect(() => find({ first: 1, after, sortKey: 'UPDATED_AT' }), after).to.throw(/Invalid cursor/);
      }
    });

    it('when a cursor chain would go past the pagination limit, then the page is refused, or (the other switch) ends silently at the limit', () => {
      const store = new ShopifyStore({ startTime: T0 });
      for (let i = 0; i < 12; i++) store.create();
      const engine = new CustomersQueryEngine(store);
      const page = (after: string | null, past: 'error' | 'end') =>
        engine.find(
          { first: 4, after, sortKey: 'ID' },
          { maxPageSize: 250, timeMatching: 'day', paginationLimit: 10, pastPaginationLimit: past },
        );
      const first = page(null, 'error');
      const second = page(first.cursorOf(first.records[3]!), 'error');
      expect(second.records).to.have.length(4);
      const atDepth8 = second.cursorOf(second.records[3]!);
      expect(() => page(atDepth8, 'error')).to.throw(/limited to 10 objects/);
      const cut = page(atDepth8, 'end');
      expect(cut.records.map((c) => c.id)).to.deep.equal([store.all()[8]!.id, store.all()[9]!.id]);
      expect(cut.hasNextPage).to.equal(false);
      // A fresh query narrowed by a search starts a new chain: its depth counts from its own first object.
      const fresh = engine.find(
        { first: 4, sortKey: 'ID', query: `id:>=${store.all()[8]!.id}` },
        { maxPageSize: 250, timeMatching: 'day', paginationLimit: 10, pastPaginationLimit: 'error' },
      );
      expect(fresh.records).to.have.length(4);
    });

    it('when first is missing, above 250 or combined with last, then the query is refused', () => {
      const find = engineWith(new ShopifyStore());
      expect(() => find({})).to.throw(/first or last/);
      expect(() => find({ first: 251 })).to.throw(/greater than 250/);
      expect(() => find({ first: 1, last: 1 })).to.throw();
    });
  });

  describe('query cost', () => {
    const schemaFake = async <T>(run: (fake: FakeShopify) => Promise<T>): Promise<T> => {
      const fake = await startFakeShopify({ accessTokens: ['t'] });
      try {
        return await run(fake);
      } finally {
        await fake.close();
      }
    };
    const post = async (fake: FakeShopify, document: DocumentNode, variables: Record<string, unknown> = {}, token = 't') => {
      const res = await fetch(`${fake.url}/admin/api/2026-07/graphql.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopify-access-token': token },
        body: JSON.stringify({ query: print(document), variables }),
      });
      return { status: res.status, headers: res.headers, body: (await res.json()) as any };
    };

    it("when the connector's page query is priced, then it costs what the connector assumes, and its largest page fits one query", async () => {
      await schemaFake(async (fake) => {
        for (const first of [1, 100, MAX_PAGE_SIZE]) {
          const res = await post(fake, ShopifyCustomersPageDocument, { first });
          expect(res.body.extensions.cost.requestedQueryCost, `first ${first}`).to.equal(
            LATEST_READ_COST + CONNECTION_COST + COST_PER_CUSTOMER * first,
          );
        }
        expect((await post(fake, ShopifyAuthCheckDocument)).body.extensions.cost.requestedQueryCost).to.equal(3);
      });
      expect(LATEST_READ_COST + CONNECTION_COST + COST_PER_CUSTOMER * MAX_PAGE_SIZE).to.be.at.most(MAX_SINGLE_QUERY_COST);
      expect(MAX_PAGE_SIZE).to.be.at.most(MAX_CONNECTION_FIRST);
    });

    it('when a query returns fewer customers than asked, then the actual cost counts those and the difference is refunded', async () => {
      await schemaFake(async (fake) => {
        fake.store.create();
        fake.store.create();
        const res = await post(fake, ShopifyCustomersPageDocument, { first: 100 });
        // The page (2 + 5 per customer asked) and the `latest` read (3); actual: 2 + 5 × 2 and 2 + 1.
        expect(res.body.extensions.cost).to.deep.include({ requestedQueryCost: 505, actualQueryCost: 15 });
        expect(res.body.extensions.cost.throttleStatus).to.deep.equal({
          maximumAvailable: 2000,
          currentlyAvailable: 1985,
          restoreRate: 100,
        });
      });
    });

    it('when a query would cost more than the single-query limit, then MAX_COST_EXCEEDED and nothing runs', async () => {
      await schemaFake(async (fake) => {
        const res = await post(fake, ShopifyCustomersPageDocument, { first: 250 });
        expect(res.status).to.equal(200);
        expect(res.body.errors[0].extensions.code).to.equal('MAX_COST_EXCEEDED');
        expect(res.body.data).to.equal(undefined);
      });
    });
  });

  describe('HTTP', () => {
    let fake: FakeShopify;
    let clock: number;
    beforeEach(async () => {
      clock = 0;
      fake = await startFakeShopify({ accessTokens: ['t'], bucket: { maximumAvailable: 1000, restoreRate: 50 }, bucketClock: () => clock });
    });
    afterEach(() => fake.close());

    const post = async (
      body: unknown,
      headers: Record<string, string> = { 'x-shopify-access-token': 't' },
      path = '/admin/api/2026-07/graphql.json',
    ) => {
      const res = await fetch(fake.url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: JSON.parse(text) as any };
    };
    const page = (first: number) => ({ query: print(ShopifyCustomersPageDocument), variables: { first } });

    it("when the token is missing or unknown, then 401 with Shopify's string error", async () => {
      for (const headers of [{}, { 'x-shopify-access-token': 'nope' }] as Array<Record<string, string>>) {
        const res = await post(page(1), headers);
        expect(res.status).to.equal(401);
        expect(res.body.errors).to.be.a('string');
      }
    });

    it('when the path is not an Admin API GraphQL endpoint, then 404; otherwise the version is echoed', async () => {
      expect((await post(page(1), undefined, '/graphql')).status).to.equal(404);
      const ok = await post(page(1));
      expect(ok.headers.get('x-shopify-api-version')).to.equal('2026-07');
      expect(fake.requests.at(-1)?.apiVersion).to.equal('2026-07');
    });

    it('when the bucket lacks the requested cost, then THROTTLED with the cost block, until it refills', async () => {
      expect((await post(page(100))).body.extensions.cost.throttleStatus.currentlyAvailable).to.equal(1000 - 4);
      fake.setBucketLevel(100);
      const throttled = await post(page(100));
      expect(throttled.status).to.equal(200);
      expect(throttled.body.errors[0]).to.deep.include({ message: 'Throttled' });
      expect(throttled.body.errors[0].extensions.code).to.equal('THROTTLED');
      expect(throttled.body.extensions.cost).to.deep.equal({
        requestedQueryCost: 505,
        actualQueryCost: null,
        throttleStatus: { maximumAvailable: 1000, currentlyAvailable: 100, restoreRate: 50 },
      });
      clock += Math.ceil((505 - 100) / 50) * 1000;
      expect((await post(page(100))).body.data.customers.nodes).to.deep.equal([]);
    });

    it('when throttling is configured to answer 429, then THROTTLED comes with HTTP 429', async () => {
      fake.setOptions({ throttleStatusCode: 429 });
      fake.setBucketLevel(0);
      expect((await post(page(1))).status).to.equal(429);
    });

    it('when the token lacks read_customers, then ACCESS_DENIED on customers', async () => {
      fake.setOptions({ scopes: [] });
      const res = await post(page(1));
      expect(res.status).to.equal(200);
      expect(res.body.data).to.equal(null);
      expect(res.body.errors[0].extensions.code).to.equal('ACCESS_DENIED');
    });

    it("when a selection is not in Shopify's schema, then a GraphQL error with HTTP 200", async () => {
      const res = await post({ query: '{ customers(first: 1) { nodes { id email } } }' });
      expect(res.status).to.equal(200);
      expect(res.body.errors[0].message).to.match(/Cannot query field "email"/);
    });

    it('when a search term is unknown, then the answer carries a search warning', async () => {
      const res = await post({ query: '{ customers(first: 1, query: "colour:blue") { nodes { id } } }' });
      expect(res.body.extensions.search[0].warnings[0]).to.deep.include({ field: 'colour' });
    });

    it('when customers exist, then they are served with GIDs and second-precision times', async () => {
      fake.store.setNow(T0 + 789);
      const c = fake.store.create({ firstName: 'Ana', email: 'ana@example.pt' });
      const res = await post(page(5));
      expect(res.body.data.customers.nodes[0]).to.deep.include({
        id: customerGid(c.id),
        legacyResourceId: String(c.id),
        displayName: 'Ana',
        updatedAt: '2026-03-02T09:00:00Z',
      });
    });

    it('when faults are queued, then each request consumes one', async () => {
      fake.injectFaults(['graphql-internal', 'access-denied']);
      expect((await post(page(1))).body.errors[0].extensions.code).to.equal('INTERNAL_SERVER_ERROR');
      expect((await post(page(1))).body.errors[0].extensions.code).to.equal('ACCESS_DENIED');
      expect((await post(page(1))).body.data.customers.nodes).to.deep.equal([]);
      expect(fake.requests.map((r) => r.fault)).to.deep.equal(['graphql-internal', 'access-denied', null]);
    });

    it('when a day-granular search is asked for, then the day before the bound is excluded and the rest of its day included', async () => {
      fake.store.setNow(T0 - DAY);
      const before = fake.store.create();
      fake.store.setNow(T0);
      const sameDay = fake.store.create();
      const res = await post({
        query: print(ShopifyCustomersPageDocument),
        variables: { first: 10, query: `updated_at:>='${new Date(T0 + 3_600_000).toISOString()}'` },
      });
      const ids = res.body.data.customers.nodes.map((n: { id: string }) => n.id);
      expect(ids).to.deep.equal([customerGid(sameDay.id)]);
      expect(ids).not.to.include(customerGid(before.id));
    });
  });
});
