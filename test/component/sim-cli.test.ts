import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../src/project-root.js';
import { contact, pagingHandler, startStub, threeGoodPages, type StubBridge, type StubHandler } from '../support/stub-bridge.js';

/** The real CLI in a child process, against stub bridges served from this process. */

const CLI = join(projectRoot, 'src/cli/talkdesk-sync-sim.ts');
const SECRET = 'sk-live-9f8e7d6c5b4a';
const TOKEN = 'bridge-token-77aa88bb';

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function runCli(args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: projectRoot, timeout: 15_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function expectNoSecrets(run: CliRun): void {
  for (const secret of [SECRET, TOKEN]) {
    expect(run.stdout, 'stdout').to.not.contain(secret);
    expect(run.stderr, 'stderr').to.not.contain(secret);
  }
}

describe('talkdesk-sync-sim CLI', function () {
  this.timeout(30_000);
  let bridge: StubBridge | undefined;
  let dir: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sync-sim-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  afterEach(async () => {
    await bridge?.close();
    bridge = undefined;
  });

  async function serve(handler: StubHandler): Promise<string> {
    bridge = await startStub(handler);
    return bridge.url;
  }

  it('when the bridge honours the contract, then it exits 0 and the --json report has every field', async () => {
    const url = await serve(pagingHandler(threeGoodPages()));
    const run = await runCli([url, '--auth', `api_key=${SECRET}`, '--header', `X-Bridge-Token: ${TOKEN}`, '--json']);

    expect(run.code, run.stderr).to.equal(0);
    const report = JSON.parse(run.stdout);
    expect(report).to.include({ ok: true, url, pages: 3, contacts: 7, uniqueContacts: 7, duplicateIds: 0, finalCheckpoint: 'cp-3' });
    expect(report.violations).to.deep.equal([]);
    expect(report.elapsedMs).to.be.a('number');
    expect(report.pageLatencyMs).to.have.all.keys('p50', 'p95', 'max');
    expect(report).to.not.have.property('error');
    expect(bridge!.requests[0]!.headers['x-bridge-token']).to.equal(TOKEN);
    expectNoSecrets(run);
  });

  it('when the URL carries credentials, then the human report shows the URL without them', async () => {
    const url = await serve(pagingHandler(threeGoodPages()));
    const run = await runCli([url.replace('http://', `http://ops:${SECRET}@`), '--auth', 'api_key=k', '--quiet']);

    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.contain('PASSED');
    expect(run.stdout).to.contain(url);
    expect(run.stdout).to.not.contain('ops:');
    expectNoSecrets(run);
  });

  it('when a page lacks synchronization_checkpoint, then it exits 1 and reports the page', async () => {
    const pages = threeGoodPages();
    pages[1]!.omitCheckpoint = true;
    const url = await serve(pagingHandler(pages));
    const run = await runCli([url, '--auth', `api_key=${SECRET}`, '--json']);

    expect(run.code).to.equal(1);
    const report = JSON.parse(run.stdout);
    expect(report.ok).to.equal(false);
    expect(report.violations.map((v: { page: number; kind: string }) => [v.page, v.kind])).to.deep.equal([[2, 'missing_checkpoint']]);
  });

  it('when next_offset loops, then it exits 1 with offset_loop', async () => {
    const pages = threeGoodPages();
    pages[2]!.nextOffset = 'o1';
    const url = await serve(pagingHandler(pages));
    const run = await runCli([url, '--auth', 'api_key=k', '--json']);
    expect(run.code).to.equal(1);
    expect(JSON.parse(run.stdout).violations[0]).to.include({ page: 3, kind: 'offset_loop' });
  });

  it('when ids repeat, then it exits 0 with a warning, and 1 with --strict-duplicates', async () => {
    const url = await serve(pagingHandler([{ contacts: [contact('1'), contact('2')] }, { contacts: [contact('2')] }]));
    const lenient = await runCli([url, '--auth', 'api_key=k', '--json']);
    const strict = await runCli([url, '--auth', 'api_key=k', '--json', '--strict-duplicates']);

    expect(lenient.code).to.equal(0);
    expect(JSON.parse(lenient.stdout)).to.deep.include({ duplicateIds: 1, uniqueContacts: 2 });
    expect(JSON.parse(lenient.stdout).violations[0]).to.include({ kind: 'duplicate_ids', severity: 'warning' });
    expect(strict.code).to.equal(1);
  });

  it('when an id in --expect-ids is not delivered, then it exits 1 and names the id', async () => {
    const url = await serve(pagingHandler(threeGoodPages()));
    const ids = join(dir, 'ids.json');
    await writeFile(ids, JSON.stringify(['1', '7', 'lost-42']));
    const run = await runCli([url, '--auth', 'api_key=k', '--expect-ids', ids]);

    expect(run.code).to.equal(1);
    expect(run.stdout).to.contain('FAILED');
    expect(run.stdout).to.contain('lost-42');
  });

  it('when --output is given, then the delivered contacts are written in delivery order', async () => {
    const url = await serve(pagingHandler(threeGoodPages()));
    const out = join(dir, 'contacts.json');
    const run = await runCli([url, '--auth', 'api_key=k', '--output', out, '--quiet']);

    expect(run.code, run.stderr).to.equal(0);
    const contacts = JSON.parse(await readFile(out, 'utf8')) as Array<{ id: string }>;
    expect(contacts.map((c) => c.id)).to.deep.equal(['1', '2', '3', '4', '5', '6', '7']);
  });

  it('when the bridge answers 500 and echoes the credentials, then it exits 2 and never prints them', async () => {
    const url = await serve(({ body }) => ({
      status: 500,
      body: { error: { code: 'internal_error', message: `failed for ${body.auth.api_key}` }, seen: body.auth },
    }));
    const human = await runCli([url, '--auth', `api_key=${SECRET}`, '--bearer', TOKEN]);
    const json = await runCli([url, '--auth', `api_key=${SECRET}`, '--bearer', TOKEN, '--json']);

    expect(human.code).to.equal(2);
    expect(human.stdout).to.contain('HTTP 500');
    expect(json.code).to.equal(2);
    expect(JSON.parse(json.stdout).error).to.include({ kind: 'http_status', status: 500 });
    expectNoSecrets(human);
    expectNoSecrets(json);
  });

  it('when the Content-Type is wrong, then it exits 1 with content_type', async () => {
    const pages = threeGoodPages();
    pages[0]!.contentType = 'text/html';
    const url = await serve(pagingHandler(pages));
    const run = await runCli([url, '--auth', 'api_key=k', '--json']);
    expect(run.code).to.equal(1);
    expect(JSON.parse(run.stdout).violations[0]).to.include({ page: 1, kind: 'content_type' });
  });

  it('when the bridge cannot be reached, then it exits 2 and the report says so', async () => {
    const url = await serve(pagingHandler([]));
    await bridge!.close();
    bridge = undefined;
    const run = await runCli([url, '--auth', `api_key=${SECRET}`, '--json']);

    expect(run.code).to.equal(2);
    expect(JSON.parse(run.stdout).error).to.include({ kind: 'unreachable' });
    expectNoSecrets(run);
  });

  it('when the flags are wrong, then it exits 64 with the usage on stderr and no secret echoed', async () => {
    const insecure = await runCli(['http://127.0.0.1:1/contacts', '--insecure']);
    const noUrl = await runCli(['--auth', 'api_key=k']);
    const badAuth = await runCli(['http://127.0.0.1:1/contacts', '--auth', SECRET]);

    for (const run of [insecure, noUrl, badAuth]) {
      expect(run.code).to.equal(64);
      expect(run.stderr).to.contain('Usage: talkdesk-sync-sim');
      expect(run.stdout).to.equal('');
    }
    expect(insecure.stderr).to.contain("Unknown option '--insecure'");
    expectNoSecrets(badAuth);
  });

  it('when --help is given, then it exits 0 and shows the demo example', async () => {
    const run = await runCli(['--help']);
    expect(run.code).to.equal(0);
    expect(run.stdout).to.contain(
      'talkdesk-sync-sim http://localhost:3000/twenty/contacts --auth api_key=demo-api-key --auth base_url=http://127.0.0.1:4100',
    );
  });
});
