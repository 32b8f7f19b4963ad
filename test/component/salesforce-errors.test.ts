import { expect } from 'chai';
import { startFakeSalesforce, type FakeSalesforce, type FaultKind } from '../../fake-crms/salesforce/index.js';
import { check } from '../../src/validation/validators.js';
import { startBridge, type TestBridge } from '../support/bridge.js';

const PATH = '/salesforce/contacts';
const SECRET = '00D5g000004ABCD!AQ8AQL3sEcReT.t0ken_value';

/** Every Salesforce failure: the right status, a stable code, a JSON error body, and no token anywhere. */
describe('POST /salesforce/contacts: errors', () => {
  let fake: FakeSalesforce;
  let bridge: TestBridge;
  let auth: { instance_url: string; access_token: string };

  beforeEach(async () => {
    fake = await startFakeSalesforce({ accessTokens: [SECRET] });
    fake.store.createContact({ LastName: 'Somebody' });
    bridge = await startBridge({ env: { CRM_TIMEOUT_MS: '300', REQUEST_DEADLINE_MS: '2000' }, allowedHosts: [new URL(fake.url).host] });
    auth = { instance_url: fake.url, access_token: SECRET };
  });
  afterEach(async () => {
    expect(bridge.logText()).not.to.include(SECRET);
    await bridge.close();
    await fake.close();
  });

  function expectError(res: { status: number; body: any; text: string; headers: Headers }, status: number, code: string): void {
    expect(res.status, res.text).to.equal(status);
    expect(check('talkdesk-bridge/error', res.body, 'error')).to.equal(null);
    expect(res.body.error.code).to.equal(code);
    expect(res.text).not.to.include(SECRET);
  }

  describe('bad auth fields (no Salesforce call is made)', () => {
    afterEach(() => expect(fake.requests).to.have.length(0));

    it('when access_token is missing, then 400 invalid_auth naming it', async () => {
      const res = await bridge.post(PATH, { auth: { instance_url: fake.url } });
      expectError(res, 400, 'invalid_auth');
      expect(res.body.error.message).to.include('auth.access_token is required');
    });

    it('when instance_url is a Lightning page rather than the org URL, then 400 invalid_auth', async () => {
      expectError(await bridge.post(PATH, { auth: { ...auth, instance_url: `${fake.url}/lightning/page/home` } }), 400, 'invalid_auth');
    });

    it('when api_version predates v59.0 or is malformed, then 400 invalid_auth', async () => {
      for (const api_version of ['v58.0', '62.0', 'v62', 'latest']) {
        expectError(await bridge.post(PATH, { auth: { ...auth, api_version } }), 400, 'invalid_auth');
      }
    });

    it('when instance_url is a private address and not allowed, then 400 crm_host_not_allowed', async () => {
      const strict = await startBridge();
      try {
        expectError(await strict.post(PATH, { auth: { ...auth, instance_url: 'https://10.0.0.8' } }), 400, 'crm_host_not_allowed');
        expectError(await strict.post(PATH, { auth }), 400, 'crm_host_not_allowed');
        expect(strict.logText()).not.to.include(SECRET);
      } finally {
        await strict.close();
      }
    });
  });

  it('when the access token has expired, then 401 crm_unauthorized (Talkdesk refreshes it) and the token is in no log', async () => {
    const res = await bridge.post(PATH, { auth: { ...auth, access_token: `${SECRET}-expired` } }, { 'x-request-id': 'td-sf-1' });
    expectError(res, 401, 'crm_unauthorized');
    const line = bridge.logs.find((l) => l['req_id'] === 'td-sf-1');
    expect(line).to.deep.include({ status: 401, code: 'crm_unauthorized', connector: 'salesforce' });
    expect(bridge.logText()).not.to.include(`${SECRET}-expired`);
  });

  it('when the org has used up its API requests (the GraphQL endpoint answers 503 REQUEST_LIMIT_EXCEEDED), then 429 crm_rate_limited with Retry-After 60, without retrying in the request', async () => {
    fake.setOptions({ requestLimit: 0 });
    const res = await bridge.post(PATH, { auth });
    expect(fake.requests[0]?.status).to.equal(503);
    expectError(res, 429, 'crm_rate_limited');
    expect(res.headers.get('retry-after')).to.equal('60');
    expect(fake.requests).to.have.length(1);
  });

  const rows: Array<[FaultKind, number, string]> = [
    ['invalid-session', 401, 'crm_unauthorized'],
    ['request-limit', 429, 'crm_rate_limited'],
    ['http500', 502, 'crm_error'],
    ['http503', 502, 'crm_error'],
    ['graphql-error', 502, 'crm_error'],
    ['not-json', 502, 'crm_bad_response'],
    ['bad-shape', 502, 'crm_bad_response'],
    ['reset', 502, 'crm_unreachable'],
    ['hang', 504, 'crm_timeout'],
  ];
  for (const [fault, status, code] of rows) {
    it(`when Salesforce keeps answering "${fault}", then ${status} ${code}`, async () => {
      fake.injectFaults([fault, fault, fault]);
      expectError(await bridge.post(PATH, { auth, meta: {} }), status, code);
    });
  }

  for (const fault of ['http500', 'http503', 'reset', 'hang'] as const) {
    it(`when Salesforce answers "${fault}" once, then a retry recovers and the page is served`, async () => {
      fake.injectFaults([fault]);
      const res = await bridge.post(PATH, { auth });
      expect(res.status, res.text).to.equal(200);
      expect(res.body.contacts).to.have.length(1);
      expect(fake.requests).to.have.length(2);
    });
  }

  it('when /salesforce/auth meets a Salesforce outage, then the same error statuses apply', async () => {
    fake.injectFaults(['http500', 'http500', 'http500']);
    expectError(await bridge.post('/salesforce/auth', { auth }), 502, 'crm_error');
  });
});
