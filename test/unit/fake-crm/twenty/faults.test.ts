import { expect } from 'chai';

import { startFakeTwenty, type FakeTwenty } from '../../../../fake-crms/twenty/index.js';
import { KEY, PAGE_QUERY, type Reply, post, page } from './fake-twenty-client.js';

describe('fake Twenty CRM: fault injection and request log', function () {
  let fake: FakeTwenty;

  beforeEach(async () => {
    fake = await startFakeTwenty({ apiKeys: [KEY] });
  });

  afterEach(async () => {
    await fake.close();
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
          expect(r.status).to.equal(200);
          expect(r.headers.get('retry-after')).to.equal(null);
          expect(r.body.errors[0].message).to.match(/^Limit reached \(\d+ tokens per \d+ ms\)$/);
          expect(r.body.errors[0].extensions.code).to.equal('BAD_USER_INPUT');
        },
      },
      {
        kind: 'unauthenticated',
        check: (r) => {
          expect(r.status).to.equal(200);
          expect(r.body.errors[0].extensions.code).to.equal('UNAUTHENTICATED');
        },
      },
      {
        kind: 'forbidden',
        check: (r) => {
          expect(r.status).to.equal(200);
          expect(r.body.data).to.equal(null);
          expect(r.body.errors[0].extensions.code).to.equal('FORBIDDEN');
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
});
