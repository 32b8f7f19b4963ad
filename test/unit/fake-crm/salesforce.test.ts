import { expect } from 'chai';
import { startFakeSalesforce, to18, type FakeSalesforce } from '../../../fake-crms/salesforce/index.js';

/**
 * The fake reproduces Salesforce's paging limits so that the component tests can prove the bridge
 * never runs into them. These tests page the naive way (chaining `after`) and show the traps.
 */

const TOKEN = '00Dfake!token';
const PAGE = `
  query Page($first: Int, $after: String, $where: Contact_Filter, $orderBy: Contact_OrderBy, $upperBound: Int) {
    uiapi { query { Contact(first: $first, after: $after, where: $where, orderBy: $orderBy, upperBound: $upperBound) {
      edges { cursor node { Id Name { value } SystemModstamp { value } } }
      pageInfo { hasNextPage endCursor }
      totalCount
    } } }
  }`;

async function post(fake: FakeSalesforce, body: unknown, token: string | null = TOKEN, path = '/services/data/v62.0/graphql') {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers['authorization'] = `Bearer ${token}`;
  const res = await fetch(fake.url + path, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as any };
}

const page = (fake: FakeSalesforce, variables: Record<string, unknown>) => post(fake, { query: PAGE, variables });

type Node = { Id: string; Name: { value: string | null }; SystemModstamp: { value: string } };
const nodes = (res: { body: any }): Node[] => res.body.data.uiapi.query.Contact.edges.map((e: { node: Node }) => e.node);

describe('fake Salesforce', () => {
  let fake: FakeSalesforce;
  beforeEach(async () => {
    fake = await startFakeSalesforce({ accessTokens: [TOKEN] });
  });
  afterEach(() => fake.close());

  function createMany(n: number): void {
    for (let i = 0; i < n; i++) {
      fake.store.createContact({ LastName: `C${i}` });
      if (i % 7 === 0) fake.store.advance(1000);
    }
  }

  describe('paging limits (what the connector must avoid)', () => {
    it('when first is omitted, then 10 contacts come back', async () => {
      createMany(25);
      expect(nodes(await page(fake, {}))).to.have.length(10);
    });

    it('when first exceeds 2,000, then the query fails', async () => {
      const res = await page(fake, { first: 2001 });
      expect(res.body.data.uiapi.query.Contact).to.equal(null);
      expect(res.body.errors[0].message).to.match(/first/);
    });

    it('when 4,500 contacts are paged with after and first 2,000, then the window silently ends at 4,000', async () => {
      createMany(4500);
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const res = await page(fake, { first: 2000, after });
        seen.push(...nodes(res).map((n) => n.Id));
        const info = res.body.data.uiapi.query.Contact.pageInfo;
        if (!info.hasNextPage) break;
        after = info.endCursor;
      }
      expect(seen).to.have.length(4000);
      expect((await page(fake, { first: 1 })).body.data.uiapi.query.Contact.totalCount).to.equal(4500);
    });

    it('when paging with after and small pages, then a cursor past offset 2,000 is refused', async () => {
      createMany(2500);
      let after: string | null = null;
      let error: string | null = null;
      for (let i = 0; i < 20 && error === null; i++) {
        const res = await page(fake, { first: 200, after });
        if (res.body.errors) error = res.body.errors[0].message;
        else after = res.body.data.uiapi.query.Contact.pageInfo.endCursor;
      }
      expect(error).to.match(/2000/);
    });

    it('when upperBound is given, then first must be 200 to 2,000', async () => {
      const res = await page(fake, { first: 100, upperBound: 5000 });
      expect(res.body.errors[0].message).to.match(/200/);
    });

    it('when a cursor comes back, then it is the base64 offset Salesforce documents (v1:<index>)', async () => {
      createMany(12);
      const res = await page(fake, { first: 10 });
      expect(Buffer.from(res.body.data.uiapi.query.Contact.pageInfo.endCursor, 'base64').toString()).to.equal('v1:9');
    });
  });

  describe('filters and order', () => {
    it('when a keyset filter with wrapped date-time operands is sent, then only later positions match', async () => {
      const a = fake.store.createContact({ LastName: 'A' });
      const b = fake.store.createContact({ LastName: 'B' });
      fake.store.advance(1000);
      const c = fake.store.createContact({ LastName: 'C' });
      const [first, second] = [a, b].sort((x, y) => (x.Id < y.Id ? -1 : 1));
      const t = new Date(a.SystemModstamp).toISOString();
      const res = await page(fake, {
        first: 10,
        where: {
          or: [{ SystemModstamp: { gt: { value: t } } }, { and: [{ SystemModstamp: { eq: { value: t } } }, { Id: { gt: first!.Id } }] }],
        },
        orderBy: { SystemModstamp: { order: 'ASC' }, Id: { order: 'ASC' } },
      });
      expect(nodes(res).map((n) => n.Id)).to.deep.equal([second!.Id, c.Id]);
    });

    describe('several orderBy keys', () => {
      /** Ten contacts a second apart, so that Id order and SystemModstamp order differ. */
      function spread() {
        const made = Array.from({ length: 10 }, (_, i) => (fake.store.advance(1000), fake.store.createContact({ LastName: `c${i}` })));
        const byId = [...made].sort((x, y) => (x.Id < y.Id ? -1 : 1)).map((c) => c.Id);
        expect(byId).not.to.deep.equal(made.map((c) => c.Id));
        return { byStamp: made.map((c) => c.Id), byId };
      }
      const order = { SystemModstamp: { order: 'ASC' }, Id: { order: 'ASC' } };

      it('when keys apply in schema order (graphql-java, the default), then Id takes precedence over SystemModstamp whatever the request wrote first', async () => {
        const { byId } = spread();
        expect(nodes(await page(fake, { first: 10, orderBy: order })).map((n) => n.Id)).to.deep.equal(byId);
        // The same as a literal in the document.
        const literal = `{ uiapi { query { Contact(first: 10, orderBy: { SystemModstamp: { order: ASC }, Id: { order: ASC } }) {
          edges { node { Id } } } } } }`;
        const res = await post(fake, { query: literal });
        expect(res.body.data.uiapi.query.Contact.edges.map((e: { node: { Id: string } }) => e.node.Id)).to.deep.equal(byId);
      });

      it('when keys apply in request order (the switch), then the first key written takes precedence', async () => {
        fake.setOptions({ orderByKeyOrder: 'request' });
        const { byStamp, byId } = spread();
        expect(nodes(await page(fake, { first: 10, orderBy: order })).map((n) => n.Id)).to.deep.equal(byStamp);
        const reversed = { Id: { order: 'ASC' }, SystemModstamp: { order: 'DESC' } };
        expect(nodes(await page(fake, { first: 10, orderBy: reversed })).map((n) => n.Id)).to.deep.equal(byId);
      });

      it('when the schema lists Contact_OrderBy, then its fields are alphabetical, as Salesforce generated types list them', async () => {
        const res = await post(fake, { query: '{ __type(name: "Contact_OrderBy") { inputFields { name } } }' });
        const names = res.body.data.__type.inputFields.map((f: { name: string }) => f.name);
        expect(names).to.deep.equal([...names].sort());
        expect(names).to.include.members(['Id', 'SystemModstamp']);
      });
    });

    it('when not and a case-insensitive name comparison are combined, then SOQL semantics apply', async () => {
      fake.store.createContact({ FirstName: 'Ada', LastName: 'Lovelace' });
      const other = fake.store.createContact({ FirstName: 'Alan', LastName: 'Turing' });
      const res = await page(fake, { first: 10, where: { not: { Name: { eq: 'ADA LOVELACE' } } } });
      expect(nodes(res).map((n) => n.Id)).to.deep.equal([other.Id]);
    });

    it('when several operators are given on one field, then they are AND-ed', async () => {
      const early = fake.store.createContact({ LastName: 'early' });
      fake.store.advance(5000);
      const mid = fake.store.createContact({ LastName: 'mid' });
      fake.store.advance(5000);
      fake.store.createContact({ LastName: 'late' });
      const res = await page(fake, {
        first: 10,
        where: {
          SystemModstamp: {
            gt: { value: new Date(early.SystemModstamp).toISOString() },
            lt: { value: new Date(mid.SystemModstamp + 1).toISOString() },
          },
        },
      });
      expect(nodes(res).map((n) => n.Id)).to.deep.equal([mid.Id]);
    });
  });

  describe('store', () => {
    it('when the store is reset, then it is empty, its clock is back at the start and it hands out the Ids a new store would', async () => {
      const fresh = await startFakeSalesforce({ accessTokens: ['x'] });
      try {
        const start = fake.store.now();
        fake.store.createContact({ LastName: 'a' });
        fake.store.advance(5000);
        fake.store.reset();
        expect(fake.store.allContacts()).to.deep.equal([]);
        expect(fake.store.now()).to.equal(start);
        const ids = [fake.store.createContact({ LastName: 'b' }).Id, fake.store.createContact({ LastName: 'c' }).Id];
        expect(ids).to.deep.equal([fresh.store.createContact({ LastName: 'b' }).Id, fresh.store.createContact({ LastName: 'c' }).Id]);
      } finally {
        await fresh.close();
      }
    });

    it('when contacts are written within one second, then they share a whole-second SystemModstamp', () => {
      fake.store.advance(250);
      const a = fake.store.createContact({ LastName: 'a' });
      fake.store.advance(500);
      const b = fake.store.createContact({ LastName: 'b' });
      expect(a.SystemModstamp).to.equal(b.SystemModstamp);
      expect(a.SystemModstamp % 1000).to.equal(0);
    });

    it('when a system change happens, then SystemModstamp moves and LastModifiedDate does not', () => {
      const c = fake.store.createContact({ LastName: 'a' });
      fake.store.advance(5000);
      const touched = fake.store.touchSystem(c.Id);
      expect(touched.SystemModstamp).to.be.above(c.SystemModstamp);
      expect(touched.LastModifiedDate).to.equal(c.LastModifiedDate);
    });

    it('when Ids are generated, then they are 18-character Ids with a valid checksum suffix', () => {
      const c = fake.store.createContact({ LastName: 'a' });
      expect(c.Id).to.match(/^003[A-Za-z0-9]{15}$/);
      expect(to18(c.Id.slice(0, 15))).to.equal(c.Id);
      expect(fake.store.getContact(c.Id.slice(0, 15))?.Id).to.equal(c.Id);
    });
  });

  describe('HTTP', () => {
    it('when the access token is wrong, then 401 with the INVALID_SESSION_ID error array', async () => {
      const res = await post(fake, { query: PAGE }, 'expired');
      expect(res.status).to.equal(401);
      expect(res.body).to.deep.equal([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    });

    it('when the request limit is exhausted, then 503 REQUEST_LIMIT_EXCEEDED, as the GraphQL docs answer it (REST answers 403)', async () => {
      fake.setOptions({ requestLimit: 1 });
      expect((await page(fake, {})).status).to.equal(200);
      const res = await page(fake, {});
      expect(res.status).to.equal(503);
      expect(res.body[0].errorCode).to.equal('REQUEST_LIMIT_EXCEEDED');
    });

    it('when the API version predates GraphQL or the path is wrong, then 404 NOT_FOUND', async () => {
      expect((await post(fake, { query: PAGE }, TOKEN, '/services/data/v55.0/graphql')).status).to.equal(404);
      expect((await post(fake, { query: PAGE }, TOKEN, '/graphql')).status).to.equal(404);
    });

    it('when the selection is not in the schema, then a ValidationError comes back', async () => {
      const res = await post(fake, { query: '{ uiapi { query { Contact { edges { node { Nope } } } } } }' });
      expect(res.body.errors[0].extensions.classification).to.equal('ValidationError');
    });
  });
});
