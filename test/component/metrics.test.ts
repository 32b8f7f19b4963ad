import { expect } from 'chai';
import { startFakeTwenty, type FakeTwenty } from '../../fake-crms/twenty/index.js';
import { startBridge, type TestBridge } from '../support/bridge.js';

describe('GET /metrics', () => {
  let fake: FakeTwenty;
  let bridge: TestBridge;
  before(async () => {
    fake = await startFakeTwenty({ apiKeys: ['metrics-key'] });
    for (let i = 0; i < 3; i++) fake.store.create({ firstName: `M${i}` });
    bridge = await startBridge({ allowedHosts: [new URL(fake.url).host] });
  });
  after(async () => {
    await bridge.close();
    await fake.close();
  });

  const metricsText = async (): Promise<string> => {
    const res = await fetch(bridge.url + '/metrics');
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/plain/);
    return res.text();
  };

  it('when syncs succeed, fail and retry, then Prometheus sees requests, CRM calls, errors, retries and contacts', async () => {
    const auth = { api_key: 'metrics-key', base_url: fake.url };
    expect((await bridge.post('/twenty/contacts', { auth })).status).to.equal(200);
    fake.injectFaults(['http500']);
    expect((await bridge.post('/twenty/contacts', { auth })).status).to.equal(200);
    expect((await bridge.post('/twenty/contacts', { auth: { ...auth, api_key: 'nope' } })).status).to.equal(401);
    const text = await metricsText();
    expect(text).to.match(/bridge_http_request_duration_seconds_count\{connector="twenty",route="\/:connector\/contacts",status="200"\} 2/);
    expect(text).to.match(/bridge_http_request_duration_seconds_count\{connector="twenty",route="\/:connector\/contacts",status="401"\} 1/);
    expect(text).to.match(/bridge_contacts_returned_total\{connector="twenty"\} 6/);
    expect(text).to.match(/bridge_crm_retries_total\{connector="twenty"\} 1/);
    expect(text).to.match(/bridge_crm_errors_total\{connector="twenty",code="crm_error"\} 1/);
    expect(text).to.match(/bridge_crm_errors_total\{connector="twenty",code="crm_unauthorized"\} 1/);
    // The one-time look at the workspace's schema, then the two pages.
    expect(text).to.match(/bridge_crm_call_duration_seconds_count\{connector="twenty",outcome="ok"\} 3/);
  });

  it('when the caller hangs up while the CRM is slow, then the request is logged and counted as 499 client_closed, not as a CRM timeout', async () => {
    const auth = { api_key: 'metrics-key', base_url: fake.url };
    fake.injectFaults(['hang']);
    const callsBefore = fake.requests.length;
    const caller = new AbortController();
    const pending = fetch(bridge.url + '/twenty/contacts', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ auth }),
      signal: caller.signal,
    }).catch((err: Error) => err);
    // Hang up once the bridge is waiting on the CRM.
    const waitedSince = Date.now();
    while (fake.requests.length === callsBefore && Date.now() - waitedSince < 5000) await new Promise((r) => setTimeout(r, 10));
    caller.abort();
    expect(await pending).to.be.instanceOf(Error);

    let line: Record<string, unknown> | undefined;
    while (!line && Date.now() - waitedSince < 5000) {
      line = bridge.logs.find((l) => l['code'] === 'client_closed');
      if (!line) await new Promise((r) => setTimeout(r, 10));
    }
    expect(line, 'access-log line').to.include({ status: 499, path: '/twenty/contacts' });
    const text = await metricsText();
    expect(text).to.match(/bridge_http_request_duration_seconds_count\{connector="twenty",route="\/:connector\/contacts",status="499"\} 1/);
    expect(text).not.to.match(/bridge_crm_errors_total\{[^}]*code="crm_timeout"/);
    expect(text).not.to.match(/bridge_crm_errors_total\{[^}]*code="client_closed"/);
    expect(text).not.to.match(/status="504"/);
  });

  it('when an unknown path is requested, then its label is "unmatched", not the path', async () => {
    await fetch(bridge.url + '/random-' + Math.random());
    const text = await metricsText();
    expect(text).to.match(/route="unmatched",status="404"/);
    expect(text).not.to.match(/random-/);
  });
});
