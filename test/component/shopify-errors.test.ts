import { expect } from 'chai';
import { startFakeShopify, type FakeShopify, type FaultKind } from '../../fake-crms/shopify/index.js';
import { check } from '../../src/validation/validators.js';
import { startBridge, type TestBridge } from '../support/bridge.js';

const TOKEN = 'shpat_secret0123456789abcdef0123456';
const PATH = '/shopify/contacts';

type Res = { status: number; body: any; text: string; headers: Headers };

/** Every error: the right status, a stable code, a JSON body matching the error schema, no token. */
describe('POST /shopify/contacts and /shopify/auth: errors', () => {
  let fake: FakeShopify;
  let bridge: TestBridge;
  let auth: { shop: string; access_token: string; base_url: string };

  beforeEach(async () => {
    fake = await startFakeShopify({ accessTokens: [TOKEN] });
    fake.store.create({ firstName: 'Somebody', email: 'somebody@example.com' });
    bridge = await startBridge({ env: { CRM_TIMEOUT_MS: '300', REQUEST_DEADLINE_MS: '2000' }, allowedHosts: [new URL(fake.url).host] });
    auth = { shop: 'lumiere-boutique', access_token: TOKEN, base_url: fake.url };
  });
  afterEach(async () => {
    expect(bridge.logText()).not.to.include(TOKEN);
    await bridge.close();
    await fake.close();
  });

  function expectError(res: Res, status: number, code: string): void {
    expect(res.status, res.text).to.equal(status);
    expect(res.headers.get('content-type')).to.match(/^application\/json/);
    expect(check('talkdesk-bridge/error', res.body, 'error')).to.equal(null);
    expect(res.body.error.code).to.equal(code);
    expect(res.text).not.to.include(TOKEN);
  }

  describe('bad auth fields (no call to Shopify)', () => {
    afterEach(() => expect(fake.requests).to.have.length(0));

    for (const [label, fields] of [
      ['the access token is missing', { shop: 'acme' }],
      ['the shop is a URL', { shop: 'https://acme.myshopify.com', access_token: TOKEN }],
      ['the shop names another host', { shop: 'acme.evil.com', access_token: TOKEN }],
      ['the shop smuggles a host', { shop: 'evil.com/x#', access_token: TOKEN }],
      ['the API version is not YYYY-MM', { shop: 'acme', access_token: TOKEN, api_version: 'latest' }],
    ] as const) {
      it(`when ${label}, then 400 invalid_auth`, async () => {
        expectError(await bridge.post(PATH, { auth: fields, meta: {} }), 400, 'invalid_auth');
        expectError(await bridge.post('/shopify/auth', { auth: fields }), 400, 'invalid_auth');
      });
    }

    it('when base_url carries credentials, then 400 invalid_auth', async () => {
      const url = new URL(fake.url);
      url.username = 'u';
      url.password = 'p';
      expectError(await bridge.post(PATH, { auth: { ...auth, base_url: url.href } }), 400, 'invalid_auth');
    });

    it('when base_url is a loopback address the bridge may not reach, then 400 crm_host_not_allowed', async () => {
      const strict = await startBridge();
      try {
        expectError(await strict.post(PATH, { auth }), 400, 'crm_host_not_allowed');
      } finally {
        await strict.close();
      }
    });
  });

  describe('authorization validator', () => {
    it('when the token is valid, then /shopify/auth answers 204 after one cheap read of customers', async () => {
      const res = await bridge.post('/shopify/auth', { auth });
      expect(res.status, res.text).to.equal(204);
      expect(fake.requests).to.have.length(1);
      expect(fake.requests[0]?.requestedCost).to.equal(3);
    });

    it('when the token is wrong, then /shopify/auth answers 401 crm_unauthorized', async () => {
      expectError(await bridge.post('/shopify/auth', { auth: { ...auth, access_token: 'shpat_wrong' } }), 401, 'crm_unauthorized');
    });

    it('when the token lacks read_customers, then /shopify/auth answers 401 naming the scope', async () => {
      fake.setOptions({ scopes: [] });
      const res = await bridge.post('/shopify/auth', { auth });
      expectError(res, 401, 'crm_unauthorized');
      expect(res.body.error.message).to.include('read_customers');
    });
  });

  describe('Shopify failures', () => {
    const rows: Array<[FaultKind, number, string]> = [
      ['unauthenticated', 401, 'crm_unauthorized'],
      ['access-denied', 401, 'crm_unauthorized'],
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
      it(`when Shopify keeps answering "${fault}", then ${status} ${code}`, async () => {
        // Three in a row: more than the default retries (2), so the failure reaches Talkdesk.
        fake.injectFaults([fault, fault, fault]);
        const res = await bridge.post(PATH, { auth, meta: {} });
        expectError(res, status, code);
        if (status === 429) expect(Number(res.headers.get('retry-after'))).to.be.above(0);
      });
    }

    for (const fault of ['http500', 'http503', 'reset', 'hang', 'graphql-internal'] as const) {
      it(`when Shopify answers "${fault}" once, then a retry recovers and the page is served`, async () => {
        fake.injectFaults([fault]);
        const res = await bridge.post(PATH, { auth });
        expect(res.status, res.text).to.equal(200);
        expect(res.body.contacts).to.have.length(1);
        expect(fake.requests).to.have.length(2);
      });
    }

    it('when the token is wrong, then 401 crm_unauthorized and the log names the code, not the token', async () => {
      const wrong = 'shpat_wrong_but_secret_too';
      const res = await bridge.post(PATH, { auth: { ...auth, access_token: wrong } }, { 'x-request-id': 'td-req-7' });
      expectError(res, 401, 'crm_unauthorized');
      const line = bridge.logs.find((l) => l['req_id'] === 'td-req-7');
      expect(line).to.deep.include({ status: 401, code: 'crm_unauthorized', path: PATH, connector: 'shopify' });
      expect(bridge.logText()).not.to.include(wrong);
    });

    it('when a page costs more than Shopify allows in one query, then 502 crm_error telling to lower PAGE_SIZE', async () => {
      fake.setOptions({ maxQueryCost: 300 });
      const res = await bridge.post(PATH, { auth });
      expectError(res, 502, 'crm_error');
      expect(res.body.error.message).to.include('PAGE_SIZE');
      expect(fake.requests).to.have.length(1);
    });
  });

  describe('cost-based throttling', () => {
    let patient: TestBridge;
    beforeEach(async () => {
      patient = await startBridge({ env: { CRM_TIMEOUT_MS: '2000', REQUEST_DEADLINE_MS: '6000' }, allowedHosts: [new URL(fake.url).host] });
    });
    afterEach(async () => {
      expect(patient.logText()).not.to.include(TOKEN);
      await patient.close();
    });

    for (const throttleStatusCode of [200, 429] as const) {
      it(`when the bucket is empty but refills before the deadline (THROTTLED with HTTP ${throttleStatusCode}), then the bridge waits and the page is served`, async () => {
        // A page of 100 costs 502 points; at 1000 points/s the bucket holds that again within 1 s.
        fake.setOptions({ bucket: { maximumAvailable: 1000, restoreRate: 1000 }, throttleStatusCode });
        fake.setBucketLevel(0);
        const started = Date.now();
        const res = await patient.post(PATH, { auth });
        expect(res.status, res.text).to.equal(200);
        expect(res.body.contacts).to.have.length(1);
        expect(fake.requests.map((r) => r.errorCodes)).to.deep.equal([['THROTTLED'], []]);
        expect(Date.now() - started).to.be.at.least(900);
      });
    }

    it('when the bucket refills too slowly for the deadline, then 429 at once with the refill time as Retry-After', async () => {
      // 502 points at 10 points/s: 51 s, far beyond the 6 s deadline.
      fake.setOptions({ bucket: { maximumAvailable: 1000, restoreRate: 10 } });
      fake.setBucketLevel(0);
      const started = Date.now();
      const res = await patient.post(PATH, { auth });
      expectError(res, 429, 'crm_rate_limited');
      expect(res.headers.get('retry-after')).to.equal('51');
      expect(fake.requests).to.have.length(1);
      expect(Date.now() - started).to.be.below(1000);
    });

    it('when Shopify answers 429 and the refill does not fit the deadline, then 429 with the refill time, not a guess', async () => {
      fake.setOptions({ bucket: { maximumAvailable: 1000, restoreRate: 10 }, throttleStatusCode: 429 });
      fake.setBucketLevel(100);
      const res = await patient.post(PATH, { auth });
      expectError(res, 429, 'crm_rate_limited');
      expect(res.headers.get('retry-after')).to.equal(String(Math.ceil((502 - 100) / 10)));
    });

    it('when a run drains the bucket, then later pages wait for the refill before calling (none is throttled) and the run completes', async () => {
      for (let i = 0; i < 250; i++) fake.store.create();
      // 3 pages of 100 at 502 points; the bucket holds one page and refills one in about 0.5 s.
      fake.setOptions({ bucket: { maximumAvailable: 600, restoreRate: 1000 } });
      let offset: string | null = null;
      const ids = new Set<string>();
      do {
        const res = await patient.post(PATH, { auth, meta: { offset } });
        expect(res.status, res.text).to.equal(200);
        for (const c of res.body.contacts) ids.add(c.id);
        offset = res.body.next_offset ?? null;
      } while (offset !== null);
      expect(ids.size).to.equal(fake.store.size);
      expect(fake.requests.filter((r) => r.errorCodes.includes('THROTTLED'))).to.have.length(0);
    });
  });
});
