import { expect } from 'chai';
import { startFakeTwenty, type FakeTwenty } from '../../fake-crms/twenty/index.js';
import { check } from '../../src/validation/validators.js';
import { startBridge, type TestBridge } from '../support/bridge.js';

const TOKEN = 'td-bridge-token-0123456789';

describe('BRIDGE_TOKEN: who may call the bridge', () => {
  let fake: FakeTwenty;
  let bridge: TestBridge;
  let body: unknown;

  before(async () => {
    fake = await startFakeTwenty({ apiKeys: ['crm-key-xyz'] });
    fake.store.create({ firstName: 'Zoe' });
    bridge = await startBridge({ env: { BRIDGE_TOKEN: TOKEN }, allowedHosts: [new URL(fake.url).host] });
    body = { auth: { api_key: 'crm-key-xyz', base_url: fake.url } };
  });
  after(async () => {
    expect(bridge.logText()).not.to.include(TOKEN);
    await bridge.close();
    await fake.close();
  });
  beforeEach(() => fake.resetRequests());

  const basic = (password: string): string => 'Basic ' + Buffer.from(`talkdesk:${password}`).toString('base64');

  it('when the token comes as a Bearer header, then the sync is served', async () => {
    const res = await bridge.post('/twenty/contacts', body, { authorization: `Bearer ${TOKEN}` });
    expect(res.status).to.equal(200);
    expect(res.body.contacts).to.have.length(1);
  });

  it('when the token comes as the HTTP Basic password (from the endpoint URL), then the sync is served', async () => {
    const res = await bridge.post('/twenty/contacts', body, { authorization: basic(TOKEN) });
    expect(res.status).to.equal(200);
  });

  for (const [what, header] of [
    ['no Authorization header', undefined],
    ['a wrong Bearer token', `Bearer ${TOKEN}x`],
    ['a prefix of the token', `Bearer ${TOKEN.slice(0, 10)}`],
    ['a wrong Basic password', basic('nope')],
    ['Basic without a colon', 'Basic ' + Buffer.from(TOKEN).toString('base64')],
    ['an unknown scheme', `Token ${TOKEN}`],
  ] as const) {
    it(`when the request has ${what}, then 403 bridge_unauthorized (not 401) and the CRM is not called`, async () => {
      const res = await bridge.post('/twenty/contacts', body, header ? { authorization: header } : {});
      expect(res.status).to.equal(403);
      expect(check('talkdesk-bridge/error', res.body, 'error')).to.equal(null);
      expect(res.body.error.code).to.equal('bridge_unauthorized');
      expect(fake.requests).to.have.length(0);
    });
  }

  it('when the connector is unknown, then 404 not_found even without the token', async () => {
    const res = await bridge.post('/hubspot/contacts', body);
    expect(res.status).to.equal(404);
    expect(res.body.error.code).to.equal('not_found');
  });

  it('when the token is required, then the auth validator needs it too, and health checks do not', async () => {
    expect((await bridge.post('/twenty/auth', body)).status).to.equal(403);
    expect((await bridge.post('/twenty/auth', body, { authorization: `Bearer ${TOKEN}` })).status).to.equal(204);
    expect((await fetch(bridge.url + '/health')).status).to.equal(200);
    expect((await fetch(bridge.url + '/ready')).status).to.equal(200);
  });
});

describe('POST /twenty/auth', () => {
  it('when the CRM accepts the key, then 204; when it refuses it, then 401 crm_unauthorized', async () => {
    const fake = await startFakeTwenty({ apiKeys: ['good-key-123'] });
    const bridge = await startBridge({ allowedHosts: [new URL(fake.url).host] });
    try {
      const ok = await bridge.post('/twenty/auth', { auth: { api_key: 'good-key-123', base_url: fake.url } });
      expect(ok.status).to.equal(204);
      expect(ok.text).to.equal('');
      const bad = await bridge.post('/twenty/auth', { auth: { api_key: 'bad-key-456', base_url: fake.url } });
      expect(bad.status).to.equal(401);
      expect(bad.body.error.code).to.equal('crm_unauthorized');
      const invalid = await bridge.post('/twenty/auth', { auth: {} });
      expect(invalid.status).to.equal(400);
      expect(invalid.body.error.code).to.equal('invalid_auth');
    } finally {
      await bridge.close();
      await fake.close();
    }
  });
});
