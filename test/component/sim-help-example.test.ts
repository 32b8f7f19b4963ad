import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeTwenty, type FakeTwenty } from '../../fake-crms/twenty/index.js';
import { projectRoot } from '../../src/project-root.js';
import { USAGE } from '../../src/sim/cli-options.js';
import { startBridge, type TestBridge } from '../support/bridge.js';

/**
 * The simulator's help is what an operator copies: its "bridge behind a token" example, run as
 * printed (only the URL, the files and $BRIDGE_TOKEN filled in) against a real bridge that has a
 * BRIDGE_TOKEN, must complete a sync.
 */
const TOKEN = 'help-example-token-0123456789';

/** The example's arguments after the command name: its lines joined, split the way a shell would. */
function tokenExample(): string[] {
  const lines = USAGE.split('\n');
  const start = lines.findIndex((l) => l.includes('# a bridge behind a token'));
  expect(start, 'the help has a token example').to.be.greaterThan(-1);
  let command = '';
  for (const line of lines.slice(start + 1)) {
    command += line.replace(/\\$/, ' ');
    if (!line.endsWith('\\')) break;
  }
  const words = [...command.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
  expect(words[0]).to.equal('talkdesk-sync-sim');
  return words.slice(1).map((w) => w.replaceAll('$BRIDGE_TOKEN', TOKEN));
}

describe('talkdesk-sync-sim --help', function () {
  this.timeout(30_000);
  let fake: FakeTwenty;
  let bridge: TestBridge;
  let dir: string;

  before(async () => {
    fake = await startFakeTwenty({ apiKeys: ['crm-key-help'] });
    bridge = await startBridge({ env: { BRIDGE_TOKEN: TOKEN }, allowedHosts: [new URL(fake.url).host] });
    dir = await mkdtemp(join(tmpdir(), 'sim-help-'));
  });
  after(async () => {
    await bridge.close();
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('when the token example is run as printed against a bridge with BRIDGE_TOKEN, then the sync completes (exit 0)', async () => {
    const ids = [fake.store.create({ firstName: 'Ada' }).id, fake.store.create({ firstName: 'Grace' }).id];
    await writeFile(join(dir, 'auth.json'), JSON.stringify({ api_key: 'crm-key-help', base_url: fake.url }));
    await writeFile(join(dir, 'ids.json'), JSON.stringify(ids));
    const args = tokenExample().map((w) => {
      if (w.startsWith('https://bridge.example.com/')) return `${bridge.url}/twenty/contacts`;
      return w.endsWith('.json') ? join(dir, w) : w;
    });
    const run = await new Promise<{ code: number; out: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', join(projectRoot, 'src/cli/talkdesk-sync-sim.ts'), ...args, '--quiet'],
        { cwd: projectRoot, timeout: 20_000 },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? -1) : 0, out: stdout + stderr }),
      );
    });
    expect(run.code, run.out).to.equal(0);
    expect(bridge.logs.filter((l) => l['msg'] === 'request' && l['status'] === 200)).to.have.length.greaterThan(0);
    expect(bridge.logs.some((l) => l['status'] === 403)).to.equal(false);
  });
});
