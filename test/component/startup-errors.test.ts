import { expect } from 'chai';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { killAll, listening, startProcess, waitFor, type Proc } from '../support/process.js';

/** Start-up failures an operator meets: one line naming the variable, exit 1, no stack trace. */
describe('start-up failures', function () {
  this.timeout(40_000);
  const started: Proc[] = [];
  let blocker: net.Server | undefined;
  afterEach(async () => {
    killAll(started);
    await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
    blocker = undefined;
  });

  async function failure(env: Record<string, string>): Promise<string> {
    const p = startProcess(env);
    started.push(p);
    expect(await p.exited).to.equal(1);
    expect(p.stdout() + p.stderr()).not.to.match(/unhandled|\n\s+at /);
    return p.stderr();
  }

  it('when PORT is already in use, then a configuration error names PORT', async () => {
    blocker = net.createServer();
    await new Promise<void>((resolve) => blocker!.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    expect(await failure({ PORT: String(port) })).to.equal(
      `talkdesk-crm-bridge: configuration error: PORT ${port} is already in use on HOST 127.0.0.1: stop what holds it or choose another PORT\n`,
    );
  });

  it('when HOST is not an address of this machine or does not resolve, then a configuration error names HOST', async () => {
    expect(await failure({ HOST: '192.0.2.1' })).to.match(
      /^talkdesk-crm-bridge: configuration error: HOST 192\.0\.2\.1 is not an address of this machine/,
    );
    expect(await failure({ HOST: 'no-such-host.invalid' })).to.match(
      /^talkdesk-crm-bridge: configuration error: HOST no-such-host\.invalid does not resolve to an address/,
    );
  });

  it('when NODE_ENV=production and BRIDGE_TOKEN is unset, then start-up is refused naming it and the opt-out', async () => {
    expect(await failure({ NODE_ENV: 'production' })).to.match(
      /^talkdesk-crm-bridge: configuration error: BRIDGE_TOKEN is required when NODE_ENV is "production".*BRIDGE_AUTH_EXTERNAL=true/,
    );
  });

  it('when NODE_ENV=production with BRIDGE_AUTH_EXTERNAL=true, then it starts, without the demo CRM', async () => {
    const p = startProcess({ NODE_ENV: 'production', BRIDGE_AUTH_EXTERNAL: 'true', DEMO_CRM: '' });
    started.push(p);
    const worker = await waitFor('listening', () => listening(p)[0]);
    expect(worker).to.include({ demoCrm: false });
    p.child.kill('SIGTERM');
    expect(await p.exited).to.equal(0);
  });
});
