import { expect } from 'chai';
import { alive, killAll, listening, startProcess, waitFor, type Proc } from '../support/process.js';

/**
 * The README's `npm start`, as a supervisor (a terminal, systemd, a container runtime) runs it:
 * one process to signal. It builds first (prestart), then hands its process over to the server
 * (`exec`), so SIGTERM to npm reaches the server and nothing is left running. The server runs on
 * the project's Node 24 (installed by `npm ci`), whatever Node the machine has.
 */
describe('npm start', function () {
  this.timeout(240_000);
  const started: Proc[] = [];
  let serverPid: number | undefined;
  afterEach(() => {
    killAll(started);
    if (serverPid !== undefined && alive(serverPid)) process.kill(serverPid, 'SIGKILL');
  });

  it('when npm start is sent SIGTERM, then the server stops with it (no orphan), and it ran on Node 24', async () => {
    const env = { HOME: process.env['HOME'] ?? '', LOG_LEVEL: 'info' };
    const p = startProcess(env, { file: 'npm', args: ['start'] });
    started.push(p);
    const server = await waitFor('the server to listen', () => listening(p)[0], 200_000);
    serverPid = server.pid;
    expect(server.node).to.match(/^v24\./);
    expect((await fetch(`http://127.0.0.1:${server.port}/health`, { headers: { connection: 'close' } })).status).to.equal(200);
    p.child.kill('SIGTERM');
    expect(await p.exited).to.equal(0);
    await waitFor('the server to be gone', () => (alive(server.pid) ? undefined : true), 10_000);
    expect(p.stdout()).to.include('"stopped"');
  });
});
