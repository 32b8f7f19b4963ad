import { expect } from 'chai';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakeTwenty, type FakeTwenty } from '../../fake-crms/twenty/index.js';
import { encodeOffset } from '../../src/sync/offset.js';
import { check } from '../../src/validation/validators.js';
import { startBridge, type TestBridge } from '../support/bridge.js';

const SECRET = 'sk-live-0123456789abcdef';

/** Every error: the right status, a stable code, a JSON body matching the error schema, no secret. */
describe('POST /twenty/contacts: errors', () => {
  let fake: FakeTwenty;
  let bridge: TestBridge;
  let auth: { api_key: string; base_url: string };

  beforeEach(async () => {
    fake = await startFakeTwenty({ apiKeys: [SECRET], maxPageSize: 60 });
    fake.store.create({ firstName: 'Somebody' });
    bridge = await startBridge({ env: { CRM_TIMEOUT_MS: '300', REQUEST_DEADLINE_MS: '2000' }, allowedHosts: [new URL(fake.url).host] });
    auth = { api_key: SECRET, base_url: fake.url };
  });
  afterEach(async () => {
    expect(bridge.logText()).not.to.include(SECRET);
    await bridge.close();
    await fake.close();
  });

  async function expectError(
    res: { status: number; body: any; text: string; headers: Headers },
    status: number,
    code: string,
  ): Promise<void> {
    expect(res.status, res.text).to.equal(status);
    expect(res.headers.get('content-type')).to.match(/^application\/json/);
    expect(check('talkdesk-bridge/error', res.body, 'error')).to.equal(null);
    expect(res.body.error.code).to.equal(code);
    expect(res.text).not.to.include(SECRET);
    expect(res.body.error.request_id).to.equal(res.headers.get('x-request-id'));
  }

  describe('bad requests (no CRM call is made)', () => {
    afterEach(() => expect(fake.requests).to.have.length(0));

    it('when the body is not JSON, then 400 invalid_request', async () => {
      await expectError(await bridge.post('/twenty/contacts', '{"auth": '), 400, 'invalid_request');
    });
    it('when the content type is not JSON, then 415 unsupported_media_type', async () => {
      await expectError(
        await bridge.post('/twenty/contacts', 'auth=x', { 'content-type': 'application/x-www-form-urlencoded' }),
        415,
        'unsupported_media_type',
      );
    });
    it('when auth is missing, then 400 invalid_request naming it', async () => {
      const res = await bridge.post('/twenty/contacts', { meta: {} });
      await expectError(res, 400, 'invalid_request');
      expect(res.body.error.message).to.include('body.auth is required');
    });
    it('when the offset has the wrong type, then 400 invalid_request', async () => {
      await expectError(await bridge.post('/twenty/contacts', { auth, meta: { offset: { page: 2 } } }), 400, 'invalid_request');
    });
    it('when api_key is missing, then 400 invalid_auth', async () => {
      const res = await bridge.post('/twenty/contacts', { auth: { base_url: fake.url }, meta: {} });
      await expectError(res, 400, 'invalid_auth');
      expect(res.body.error.message).to.include('auth.api_key is required');
    });
    it('when base_url carries credentials, then 400 invalid_auth', async () => {
      const url = new URL(fake.url);
      url.username = 'user';
      url.password = 'pw';
      await expectError(await bridge.post('/twenty/contacts', { auth: { api_key: SECRET, base_url: url.href } }), 400, 'invalid_auth');
    });
    it('when the offset is garbage, then 400 invalid_offset', async () => {
      await expectError(await bridge.post('/twenty/contacts', { auth, meta: { offset: 'page-2' } }), 400, 'invalid_offset');
    });
    it('when the offset was issued for another connector, then 400 invalid_offset', async () => {
      const offset = encodeOffset({ connector: 'shopify', updatedSince: null, cursor: 'x', position: null, lastDelivered: null });
      await expectError(await bridge.post('/twenty/contacts', { auth, meta: { offset } }), 400, 'invalid_offset');
    });
    it('when the checkpoint is garbage, then 400 invalid_checkpoint', async () => {
      await expectError(
        await bridge.post('/twenty/contacts', { auth, meta: { synchronization_checkpoint: 'last tuesday' } }),
        400,
        'invalid_checkpoint',
      );
    });
    it('when the connector is unknown, then 404 not_found', async () => {
      await expectError(await bridge.post('/hubspot/contacts', { auth, meta: {} }), 404, 'not_found');
    });
    it('when the connector is unknown, then 404 not_found whatever the body (not JSON, empty, invalid)', async () => {
      await expectError(await bridge.post('/hubspot/contacts', 'auth=x', { 'content-type': 'text/plain' }), 404, 'not_found');
      await expectError(await bridge.post('/hubspot/auth', ''), 404, 'not_found');
      await expectError(await bridge.post('/hubspot/contacts', { meta: 7 }), 404, 'not_found');
    });
    it('when the body is empty but declared JSON, then 400 invalid_request saying it is empty (not 415)', async () => {
      const res = await bridge.post('/twenty/contacts', '');
      await expectError(res, 400, 'invalid_request');
      expect(res.body.error.message).to.include('empty');
    });
    it('when the path is unknown, then 404 not_found', async () => {
      await expectError(await bridge.post('/contacts', { auth }), 404, 'not_found');
    });
    it('when the method is wrong, then 405 method_not_allowed', async () => {
      const res = await fetch(bridge.url + '/twenty/contacts');
      const text = await res.text();
      await expectError({ status: res.status, headers: res.headers, text, body: JSON.parse(text) }, 405, 'method_not_allowed');
    });
    it('when the method is wrong, then the 405 names the allowed methods in an Allow header', async () => {
      const res = await fetch(bridge.url + '/twenty/contacts', { method: 'DELETE' });
      expect(res.status).to.equal(405);
      expect(res.headers.get('allow')).to.equal('POST');
      const health = await fetch(bridge.url + '/health', { method: 'POST' });
      expect(health.status).to.equal(405);
      expect(health.headers.get('allow')).to.match(/GET/);
    });
    it('when the body is over the limit, then 413 payload_too_large', async () => {
      const big = { auth, meta: { context: 'x'.repeat(1_100_000) } };
      await expectError(await bridge.post('/twenty/contacts', big), 413, 'payload_too_large');
    });
  });

  describe('CRM addresses', () => {
    let strict: TestBridge;
    beforeEach(async () => {
      strict = await startBridge();
    });
    afterEach(async () => {
      expect(strict.logText()).not.to.include(SECRET);
      await strict.close();
      expect(fake.requests).to.have.length(0);
    });
    for (const base of [
      'http://127.0.0.1:9',
      'https://127.0.0.1',
      'https://10.0.0.8',
      'https://169.254.169.254',
      'https://[::1]',
      'https://localhost',
      'https://[::ffff:7f00:1]',
    ]) {
      it(`when base_url is ${base}, then 400 crm_host_not_allowed and no request is made`, async () => {
        await expectError(
          await strict.post('/twenty/contacts', { auth: { api_key: SECRET, base_url: base } }),
          400,
          'crm_host_not_allowed',
        );
      });
    }
    it('when base_url is a loopback fake CRM and private hosts are not allowed, then it is refused', async () => {
      await expectError(await strict.post('/twenty/contacts', { auth }), 400, 'crm_host_not_allowed');
    });
    it('when CRM_ALLOW_PRIVATE_HOSTS=true, then a loopback CRM is reached', async () => {
      const open = await startBridge({ env: { CRM_ALLOW_PRIVATE_HOSTS: 'true' } });
      try {
        const res = await open.post('/twenty/contacts', { auth });
        expect(res.status).to.equal(200);
      } finally {
        await open.close();
      }
      fake.resetRequests();
    });
  });

  describe('CRM failures', () => {
    const rows: Array<[string, number, string]> = [
      ['unauthenticated', 401, 'crm_unauthorized'],
      ['throttle', 429, 'crm_rate_limited'],
      ['http500', 502, 'crm_error'],
      ['http503', 502, 'crm_error'],
      ['graphql-internal', 502, 'crm_error'],
      ['not-json', 502, 'crm_bad_response'],
      ['bad-shape', 502, 'crm_bad_response'],
      ['reset', 502, 'crm_unreachable'],
      ['hang', 504, 'crm_timeout'],
    ];
    for (const [fault, status, code] of rows) {
      it(`when the CRM keeps answering "${fault}", then ${status} ${code}`, async () => {
        // Three in a row: more than the default retries (2), so the failure reaches Talkdesk.
        fake.injectFaults([fault, fault, fault] as never);
        const res = await bridge.post('/twenty/contacts', { auth, meta: {} });
        await expectError(res, status, code);
        if (status === 429) expect(Number(res.headers.get('retry-after'))).to.be.above(0);
      });
    }

    for (const serverVersion of ['current', 'v0.53'] as const) {
      it(`when the API key is wrong (${serverVersion}: HTTP 200, UNAUTHENTICATED), then 401 crm_unauthorized`, async () => {
        fake.setOptions({ serverVersion });
        await expectError(await bridge.post('/twenty/contacts', { auth: { ...auth, api_key: 'wrong-key' } }), 401, 'crm_unauthorized');
      });

      it(`when Twenty throttles the workspace (${serverVersion}, HTTP 200 as that generation words it), then 429 crm_rate_limited with a Retry-After`, async () => {
        fake.setOptions({ serverVersion });
        // Warm: the bridge has looked at the server's shape, so the next call is the page.
        expect((await bridge.post('/twenty/contacts', { auth })).status).to.equal(200);
        fake.setOptions({ rateLimit: { limit: 0, windowMs: 60_000 } });
        const res = await bridge.post('/twenty/contacts', { auth });
        await expectError(res, 429, 'crm_rate_limited');
        expect(Number(res.headers.get('retry-after'))).to.be.above(0);
      });
    }

    it('when the key may not read people (HTTP 200, FORBIDDEN), then 401 crm_unauthorized', async () => {
      fake.injectFaults(['forbidden']);
      await expectError(await bridge.post('/twenty/contacts', { auth }), 401, 'crm_unauthorized');
    });

    it('when PAGE_SIZE exceeds what Twenty accepts, then the page is asked again at the maximum Twenty names, and later pages start there', async () => {
      for (let i = 0; i < 70; i++) {
        fake.store.advance(1);
        fake.store.create({});
      }
      const big = await startBridge({ env: { PAGE_SIZE: '500' }, allowedHosts: [new URL(fake.url).host] });
      try {
        fake.resetRequests();
        const res = await big.post('/twenty/contacts', { auth });
        expect(res.status, res.text).to.equal(200);
        expect(res.body.contacts).to.have.length(60);
        const firsts = fake.requests.filter((r) => (r.query ?? '').includes('query TwentyPeoplePage(')).map((r) => r.variables?.['first']);
        expect(firsts).to.deep.equal([500, 60]);
        fake.resetRequests();
        await big.post('/twenty/contacts', { auth, meta: { offset: res.body.next_offset } });
        expect(fake.requests.map((r) => r.variables?.['first'])).to.deep.equal([60]);
      } finally {
        await big.close();
      }
    });

    it('when nothing listens at base_url, then 502 crm_unreachable', async () => {
      const closed = http.createServer();
      await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((r) => closed.close(() => r()));
      const open = await startBridge({ env: { CRM_ALLOW_PRIVATE_HOSTS: 'true' } });
      try {
        await expectError(
          await open.post('/twenty/contacts', { auth: { api_key: SECRET, base_url: `http://127.0.0.1:${port}` } }),
          502,
          'crm_unreachable',
        );
      } finally {
        await open.close();
      }
    });

    for (const fault of ['http500', 'http503', 'reset', 'hang', 'graphql-internal']) {
      it(`when the CRM answers "${fault}" once, then a retry recovers and the page is served`, async () => {
        // Warm: the bridge has looked at the server's shape, so the fault hits the page call.
        await bridge.post('/twenty/contacts', { auth });
        fake.resetRequests();
        fake.injectFaults([fault as never]);
        const res = await bridge.post('/twenty/contacts', { auth });
        expect(res.status, res.text).to.equal(200);
        expect(res.body.contacts).to.have.length(1);
        expect(fake.requests.length).to.equal(2);
      });
    }

    it('when the CRM throttles with a Retry-After longer than the deadline allows, then 429 at once with that Retry-After', async () => {
      fake.injectFaults(['throttle']);
      fake.resetRequests();
      const res = await bridge.post('/twenty/contacts', { auth });
      await expectError(res, 429, 'crm_rate_limited');
      expect(fake.requests.length).to.equal(1);
    });

    it('when a CRM fault happens, then the bridge keeps serving the next request', async () => {
      fake.injectFaults(['not-json', 'bad-shape']);
      await bridge.post('/twenty/contacts', { auth });
      await bridge.post('/twenty/contacts', { auth });
      const ok = await bridge.post('/twenty/contacts', { auth });
      expect(ok.status).to.equal(200);
      expect(ok.body.contacts).to.have.length(1);
    });
  });

  it('when a request fails, then its log line has the request id, status and code, and no credential', async () => {
    await bridge.post('/twenty/contacts', { auth: { ...auth, api_key: 'wrong-key' } }, { 'x-request-id': 'td-req-42' });
    const line = bridge.logs.find((l) => l['req_id'] === 'td-req-42');
    expect(line).to.deep.include({ status: 401, code: 'crm_unauthorized', path: '/twenty/contacts', connector: 'twenty' });
    expect(bridge.logText()).not.to.include('wrong-key');
  });
});

describe('health and readiness', () => {
  it('when the bridge runs, then /health is 200 and /ready turns 503 once shutdown begins', async () => {
    const bridge = await startBridge();
    try {
      expect((await fetch(bridge.url + '/health')).status).to.equal(200);
      expect((await fetch(bridge.url + '/ready')).status).to.equal(200);
      bridge.lifecycle.accepting = false;
      const res = await fetch(bridge.url + '/ready');
      expect(res.status).to.equal(503);
      expect(await res.json()).to.deep.equal({ status: 'shutting_down' });
    } finally {
      await bridge.close();
    }
  });
});
