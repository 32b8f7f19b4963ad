import { expect } from 'chai';
import { startFakeTwenty, type FakeTwenty } from '../../fake-crms/twenty/index.js';
import { killAll, listeningPort, startProcess, waitFor, type Proc } from '../support/process.js';

/**
 * SIGTERM as load balancers see it: SHUTDOWN_DELAY_MS of "not ready, still serving", then no new
 * connections while in-flight pages finish within SHUTDOWN_GRACE_MS, then a 503 for what remains.
 */
describe('shutdown that load balancers can see', function () {
  this.timeout(60_000);
  const started: Proc[] = [];
  let fake: FakeTwenty;
  beforeEach(async () => {
    fake = await startFakeTwenty({ apiKeys: ['k-shutdown-1'] });
    fake.store.create({ firstName: 'Draining' });
  });
  afterEach(async () => {
    killAll(started);
    await fake.close();
  });

  function start(env: Record<string, string>): Proc {
    const p = startProcess({ CRM_ALLOWED_HOSTS: new URL(fake.url).host, ...env });
    started.push(p);
    return p;
  }
  const sync = (port: number): Promise<Response> =>
    fetch(`http://127.0.0.1:${port}/twenty/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', connection: 'close' },
      body: JSON.stringify({ auth: { api_key: 'k-shutdown-1', base_url: fake.url } }),
    });

  it('when SIGTERM arrives, then during SHUTDOWN_DELAY_MS /ready is 503 and new connections are still served', async () => {
    const p = start({ SHUTDOWN_DELAY_MS: '4000' });
    const port = await waitFor('listening', () => listeningPort(p));
    const signalled = Date.now();
    p.child.kill('SIGTERM');
    await waitFor('shutdown to begin', () => (p.stdout().includes('shutting down') ? true : undefined));
    const ready = await fetch(`http://127.0.0.1:${port}/ready`, { headers: { connection: 'close' } });
    expect(ready.status).to.equal(503);
    expect(await ready.json()).to.deep.equal({ status: 'shutting_down' });
    const res = await sync(port);
    expect(res.status).to.equal(200);
    expect(Date.now() - signalled).to.be.below(4000, 'the sync was answered within the delay');
    expect(await p.exited).to.equal(0);
    const order = p.logs().map((l) => l['msg']);
    expect(order.indexOf('no longer accepting connections: finishing in-flight requests')).to.be.greaterThan(order.indexOf('request'));
  });

  it('when a page is still running at the end of the grace period, then it is answered 503 shutting_down, logged and counted, and the process exits', async () => {
    const p = start({ SHUTDOWN_GRACE_MS: '300', CRM_TIMEOUT_MS: '20000', REQUEST_DEADLINE_MS: '30000' });
    const port = await waitFor('listening', () => listeningPort(p));
    fake.injectFaults([{ kind: 'slow', afterMs: 15_000 }]);
    const inflight = sync(port);
    await waitFor('the CRM call', () => (fake.requests.length > 0 ? true : undefined));
    p.child.kill('SIGTERM');
    const res = await inflight;
    expect(res.status).to.equal(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).to.equal('shutting_down');
    expect(await p.exited).to.equal(0);
    const logs = p.logs();
    expect(logs.find((l) => l['msg'] === 'grace period over: answering requests still running 503 shutting_down')).to.include({
      stillRunning: 1,
    });
    expect(logs.find((l) => l['path'] === '/twenty/contacts')).to.include({ status: 503, code: 'shutting_down' });
    expect(p.stdout()).not.to.include('k-shutdown-1');
  });
});
