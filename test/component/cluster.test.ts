import { expect } from 'chai';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { crashLimit } from '../../src/cluster-primary.js';
import { alive, killAll, listening, startProcess, waitFor, type Proc } from '../support/process.js';

/** WEB_CONCURRENCY > 1: the primary keeps the port served, or fails loudly; metrics cover all workers. */
describe('the cluster primary (WEB_CONCURRENCY=2)', function () {
  this.timeout(90_000);
  const started: Proc[] = [];
  let blocker: net.Server | undefined;
  afterEach(async () => {
    killAll(started);
    await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
    blocker = undefined;
  });

  function start(env: Record<string, string> = {}): Proc {
    const p = startProcess({ WEB_CONCURRENCY: '2', ...env });
    started.push(p);
    return p;
  }

  it('when every worker is killed, then the primary replaces them and keeps serving (it does not exit)', async () => {
    const p = start();
    await waitFor('two workers', () => (listening(p).length >= 2 ? true : undefined), 40_000);
    const [a, b] = listening(p);
    process.kill(a!.pid, 'SIGKILL');
    process.kill(b!.pid, 'SIGKILL');
    await waitFor('two replacements', () => (listening(p).length >= 4 ? true : undefined), 40_000);
    expect(p.child.exitCode).to.equal(null);
    // With PORT=0 the replacements listen on a new port (the old one closed with its last worker).
    const res = await fetch(`http://127.0.0.1:${listening(p)[3]!.port}/health`, { headers: { connection: 'close' } });
    expect(res.status).to.equal(200);
    p.child.kill('SIGTERM');
    expect(await p.exited).to.equal(0);
  });

  it('when workers keep dying (a crash loop), then the primary says so and exits non-zero', async () => {
    const p = start();
    const killed = new Set<number>();
    const limit = crashLimit(2);
    const code = await Promise.race([
      p.exited,
      (async () => {
        // Kill each worker as soon as it listens, more times than the limit allows within its window.
        while (killed.size <= limit + 2) {
          const next = await waitFor('a worker', () => listening(p).find((w) => !killed.has(w.pid)), 40_000);
          killed.add(next.pid);
          if (alive(next.pid)) process.kill(next.pid, 'SIGKILL');
        }
        return 'still running' as const;
      })(),
    ]);
    expect(code).to.equal(1);
    const line = p.logs().find((l) => String(l['msg']).includes('crash-looping'));
    expect(line, p.stdout()).to.not.equal(undefined);
    expect(line!['msg']).to.match(/workers are crash-looping: \d+ died within 60 s/);
    for (const pid of killed) expect(alive(pid)).to.equal(false);
  });

  it('when the port is taken, then the configuration error is said once and the primary exits 1', async () => {
    blocker = net.createServer();
    await new Promise<void>((resolve) => blocker!.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    const p = start({ PORT: String(port) });
    expect(await p.exited).to.equal(1);
    const said = p.stderr().match(/configuration error: PORT \d+ is already in use on HOST 127\.0\.0\.1/g) ?? [];
    expect(said, p.stderr()).to.have.length(1);
    expect(p.stderr() + p.stdout()).not.to.match(/worker died|\n\s+at /);
  });

  it('when /metrics is scraped, then the counts are those of every worker together', async () => {
    const p = start();
    await waitFor('two workers', () => (listening(p).length >= 2 ? true : undefined), 40_000);
    const port = listening(p)[0]!.port;
    // New connections are dealt round-robin between the workers (node:cluster on Linux).
    const requests = 12;
    for (let i = 0; i < requests; i++) {
      expect((await fetch(`http://127.0.0.1:${port}/health`, { headers: { connection: 'close' } })).status).to.equal(200);
    }
    const healthCount = async (): Promise<number> => {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { connection: 'close' } })).text();
      const line = text
        .split('\n')
        .find((l) => l.startsWith('bridge_http_request_duration_seconds_count{') && l.includes('route="/health"'));
      return Number(line?.split(' ').pop());
    };
    // Two scrapes, answered by different workers, both see all the requests.
    expect(await healthCount()).to.equal(requests);
    expect(await healthCount()).to.equal(requests);
    p.child.kill('SIGTERM');
    expect(await p.exited).to.equal(0);
  });
});
