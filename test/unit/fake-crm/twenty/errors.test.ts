import { expect } from 'chai';

import { startFakeTwenty, type FakeTwenty } from '../../../../fake-crms/twenty/index.js';
import { KEY, PAGE_QUERY, gql, page, ASC, encode } from './fake-twenty-client.js';

describe('fake Twenty CRM: errors, authentication and throttling', function () {
  let fake: FakeTwenty;

  beforeEach(async () => {
    fake = await startFakeTwenty({ apiKeys: [KEY] });
  });

  afterEach(async () => {
    await fake.close();
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
});
