import { expect } from 'chai';
import { startFakeTwenty, type FakeTwenty } from '../../fake-crms/twenty/index.js';
import { killAll, listeningPort, startProcess, waitFor, type Proc } from '../support/process.js';

/** The real process (src/server.ts): start-up, the demo, signals and graceful shutdown. */
describe('the bridge process', function () {
  this.timeout(40_000);
  const started: Proc[] = [];
  let fake: FakeTwenty | undefined;
  afterEach(async () => {
    killAll(started);
    await fake?.close();
    fake = undefined;
  });

  it('when SIGTERM arrives during a sync, then the page in flight completes and the process exits 0', async () => {
    fake = await startFakeTwenty({ apiKeys: ['k-123456'] });
    fake.store.create({ firstName: 'Inflight' });
    const p = startProcess({ CRM_ALLOWED_HOSTS: new URL(fake.url).host, SHUTDOWN_GRACE_MS: '10000' });
    started.push(p);
    const port = await waitFor('listening', () => listeningPort(p));
    fake.injectFaults([{ kind: 'slow', afterMs: 800 }]);
    const inflight = fetch(`http://127.0.0.1:${port}/twenty/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ auth: { api_key: 'k-123456', base_url: fake.url } }),
    });
    await waitFor('the CRM call', () => (fake!.requests.length > 0 ? true : undefined));
    p.child.kill('SIGTERM');
    const res = await inflight;
    expect(res.status).to.equal(200);
    expect(((await res.json()) as { contacts: unknown[] }).contacts).to.have.length(1);
    expect(await p.exited).to.equal(0);
    expect(p.stdout()).to.include('shutting down').and.include('"stopped"');
    expect(p.stdout() + p.stderr()).not.to.include('k-123456');
  });

  it('when WEB_CONCURRENCY=2, then two workers share the port, a killed worker is replaced, and SIGTERM stops all', async () => {
    fake = await startFakeTwenty({ apiKeys: ['k-123456'] });
    fake.store.create({ firstName: 'Clustered' });
    const p = startProcess({ WEB_CONCURRENCY: '2', CRM_ALLOWED_HOSTS: new URL(fake.url).host });
    started.push(p);
    const workers = (): Array<{ pid: number; port: number }> =>
      p
        .stdout()
        .split('\n')
        .filter((l) => l.includes('"bridge listening"'))
        .map((l) => JSON.parse(l) as { pid: number; port: number });
    await waitFor('two workers', () => (workers().length >= 2 ? true : undefined));
    const [first, second] = workers() as [{ pid: number; port: number }, { pid: number; port: number }];
    expect(first.port).to.equal(second.port);
    expect(first.pid).not.to.equal(second.pid);
    const sync = async (): Promise<number> =>
      (
        await fetch(`http://127.0.0.1:${first.port}/twenty/contacts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', connection: 'close' },
          body: JSON.stringify({ auth: { api_key: 'k-123456', base_url: fake!.url } }),
        })
      ).status;
    expect(await sync()).to.equal(200);
    process.kill(first.pid, 'SIGKILL');
    await waitFor('a replacement worker', () => (workers().length >= 3 ? true : undefined));
    expect(p.stdout()).to.include('worker died; starting a replacement');
    for (let i = 0; i < 4; i++) expect(await sync()).to.equal(200);
    p.child.kill('SIGTERM');
    expect(await p.exited).to.equal(0);
    expect(p.stdout()).to.include('all workers stopped');
  });

  it('when a variable is invalid, then start-up fails at once naming it', async () => {
    const p = startProcess({ PAGE_SIZE: 'lots' });
    started.push(p);
    expect(await p.exited).to.equal(1);
    expect(p.stderr()).to.match(/configuration error: PAGE_SIZE must be a whole number/);
  });

  it('when started with the demo, then the curl it prints returns contacts', async () => {
    const p = startProcess({ DEMO_CRM: 'on', DEMO_CRM_PORT: '0', DEMO_CRM_PEOPLE: '250' });
    started.push(p);
    const curl = await waitFor('the demo banner', () => /curl -s -X POST (\S+) .* -d '([^']+)'/.exec(p.stdout()) ?? undefined);
    const res = await fetch(curl[1]!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: curl[2]! });
    expect(res.status).to.equal(200);
    const body = (await res.json()) as { contacts: unknown[]; next_offset?: string };
    // The demo serves the current Twenty schema generation, whose pages hold 200.
    expect(body.contacts).to.have.length(200);
    expect(body.next_offset).to.be.a('string');
    p.child.kill('SIGINT');
    expect(await p.exited).to.equal(0);
  });
});
