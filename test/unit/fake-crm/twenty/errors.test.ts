import { expect } from 'chai';

import { startFakeTwenty, throttledAnswer, type FakeTwenty } from '../../../../fake-crms/twenty/index.js';
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
      fake.setOptions({ serverVersion: 'v0.53' });
      const reply = await page(fake, { first: 61 });
      expect(reply.status).to.equal(200);
      expect(reply.body.data).to.equal(null);
      expect(reply.body.errors[0]).to.include({ message: 'Maximum number of records to fetch is 60' });
      expect(reply.body.errors[0].extensions.code).to.equal('BAD_USER_INPUT');
    });

    it('when the generation is current, then first up to 200 is served and 201 is refused (QUERY_MAX_RECORDS by generation)', async () => {
      for (let i = 0; i < 201; i++) fake.store.create({});
      const full = await page(fake, { first: 200 });
      expect(full.body.data.people.edges).to.have.length(200);
      const refused = await page(fake, { first: 201 });
      expect(refused.body.errors[0]).to.include({ message: 'Maximum number of records to fetch is 200' });
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

    it('when the API key is missing or unknown, then HTTP 200 with UNAUTHENTICATED, on both generations (middleware.service.ts)', async () => {
      for (const serverVersion of ['current', 'v0.53'] as const) {
        fake.setOptions({ serverVersion });
        const missing = await gql(fake, PAGE_QUERY, { first: 1 }, null);
        expect(missing.status).to.equal(200);
        expect(missing.body).to.deep.equal(UNAUTHENTICATED);
        const wrong = await gql(fake, PAGE_QUERY, { first: 1 }, 'other-key');
        expect(wrong.status).to.equal(200);
        expect(wrong.body).to.deep.equal(UNAUTHENTICATED);
      }
    });

    it('when an API key exceeds its rate limit on a current server, then HTTP 200 BAD_USER_INPUT "Limit reached (N tokens per M ms)" without Retry-After, until the window passes on the store clock', async () => {
      fake.setOptions({ rateLimit: { limit: 2, windowMs: 60_000 }, apiKeys: [KEY, 'other'] });
      expect((await page(fake, { first: 1 })).body.errors).to.equal(undefined);
      fake.store.advance(30_000);
      expect((await page(fake, { first: 1 })).body.errors).to.equal(undefined);
      const throttled = await page(fake, { first: 1 });
      expect(throttled.status).to.equal(200);
      expect(throttled.headers.get('retry-after')).to.equal(null);
      expect(throttled.body).to.deep.equal({
        data: null,
        errors: [{ message: 'Limit reached (2 tokens per 60000 ms)', extensions: { code: 'BAD_USER_INPUT' } }],
      });
      expect((await gql(fake, PAGE_QUERY, { first: 1 }, 'other')).body.errors, 'keys are counted separately').to.equal(undefined);
      fake.store.advance(30_000);
      expect((await page(fake, { first: 1 })).body.errors).to.equal(undefined);
    });

    it('when an API key exceeds its rate limit on a v0.53 server, then HTTP 200 "Too many requests." (use-throttler.ts), data null, no Retry-After', async () => {
      fake.setOptions({ serverVersion: 'v0.53', rateLimit: { limit: 1, windowMs: 60_000 } });
      expect((await page(fake, { first: 1 })).body.errors).to.equal(undefined);
      const throttled = await page(fake, { first: 1 });
      expect(throttled.status).to.equal(200);
      expect(throttled.headers.get('retry-after')).to.equal(null);
      expect(throttled.body).to.deep.equal({
        data: null,
        errors: [{ message: 'Too many requests.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
      });
    });

    it('when the fake is asked for the throttled answer of each generation, then the builder alone gives it (separate from the accounting)', () => {
      expect(throttledAnswer('current', { limit: 100, windowMs: 1000 }).body).to.deep.equal({
        data: null,
        errors: [{ message: 'Limit reached (100 tokens per 1000 ms)', extensions: { code: 'BAD_USER_INPUT' } }],
      });
      expect(throttledAnswer('v0.53', { limit: 100, windowMs: 1000 }).status).to.equal(200);
    });
  });
});
