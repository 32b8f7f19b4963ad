import { validate } from '@readme/openapi-parser';
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { STATUS_BY_CODE } from '../../src/http/error-handler.js';
import { projectRoot } from '../../src/project-root.js';
import { check } from '../../src/validation/validators.js';
import { startBridge, type TestBridge } from '../support/bridge.js';

const run = promisify(execFile);

describe('GET /openapi.json', () => {
  let bridge: TestBridge;
  before(async () => {
    bridge = await startBridge();
  });
  after(() => bridge.close());

  it('when fetched, then it is a valid OpenAPI 3.1 document describing every connector endpoint', async () => {
    const res = await fetch(bridge.url + '/openapi.json');
    expect(res.status).to.equal(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).to.equal('3.1.0');
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid, JSON.stringify((result as { errors?: unknown }).errors)).to.equal(true);
    expect(Object.keys(doc.paths)).to.include.members(['/twenty/contacts', '/twenty/auth', '/health', '/ready']);
    expect(Object.keys(doc.components.schemas)).to.include.members(['SyncRequest', 'SyncResponse', 'Contact', 'Error', 'TwentyAuth']);
  });

  it('when the document is built, then its schemas are the ones the server validates with', async () => {
    const doc = (await (await fetch(bridge.url + '/openapi.json')).json()) as { components: { schemas: Record<string, any> } };
    expect(doc.components.schemas['Contact'].required).to.include.members(['id', 'name', 'phones', 'url']);
    expect(doc.components.schemas['SyncResponse'].properties.contacts.items.$ref).to.equal('#/components/schemas/Contact');
  });
});

describe('OpenAPI document under a linter (Redocly CLI, recommended rules)', () => {
  let bridge: TestBridge;
  let doc: any;
  let dir: string;
  before(async () => {
    bridge = await startBridge();
    doc = await (await fetch(bridge.url + '/openapi.json')).json();
    dir = await mkdtemp(join(tmpdir(), 'openapi-lint-'));
  });
  after(async () => {
    await bridge.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function lint(
    document: unknown,
  ): Promise<{ totals: { errors: number; warnings: number }; problems: Array<{ ruleId: string; message: string }> }> {
    const file = join(dir, `openapi-${Math.random().toString(36).slice(2)}.json`);
    await writeFile(file, JSON.stringify(document));
    const cli = join(projectRoot, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
    const { stdout } = await run(process.execPath, [cli, 'lint', '--extends=recommended', '--format=json', file], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 16 * 1024 * 1024,
    }).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
    return JSON.parse(stdout.slice(stdout.indexOf('{'))) as never;
  }

  it('when linted with the recommended rules, then there is no error and no warning', async function () {
    this.timeout(60_000);
    const result = await lint(doc);
    expect(result.totals, JSON.stringify(result.problems.map((p) => `${p.ruleId}: ${p.message}`))).to.deep.include({
      errors: 0,
      warnings: 0,
    });
    expect(doc.info.license).to.deep.equal({ name: 'MIT', identifier: 'MIT' });
    expect(doc.paths['/metrics'].get.responses['200'].content).to.have.property('text/plain');
  });

  it('when the document lacks a licence and operation ids, then the linter reports it (the check can fail)', async function () {
    this.timeout(60_000);
    const broken = structuredClone(doc);
    delete broken.info.license;
    delete broken.paths['/health'].get.operationId;
    const rules = (await lint(broken)).problems.map((p) => p.ruleId);
    expect(rules).to.include.members(['info-license', 'operation-operationId']);
  });

  it('when an example is given, then it is valid under the schema the server validates that body with', () => {
    let checked = 0;
    for (const connector of ['twenty', 'shopify', 'salesforce']) {
      const sync = doc.paths[`/${connector}/contacts`].post;
      const request = sync.requestBody.content['application/json'].example;
      expect(check('talkdesk-bridge/sync-request', request, 'body'), connector).to.equal(null);
      expect(check(`talkdesk-bridge/auth/${connector}`, request.auth, 'auth'), connector).to.equal(null);
      const auth = doc.paths[`/${connector}/auth`].post.requestBody.content['application/json'].example;
      expect(check('talkdesk-bridge/auth-request', auth, 'body'), connector).to.equal(null);
      expect(check('talkdesk-bridge/sync-response', sync.responses['200'].content['application/json'].example, 'response')).to.equal(null);
      for (const [status, response] of Object.entries(sync.responses as Record<string, any>)) {
        const example = response.content?.['application/json']?.example;
        if (status === '200' || example === undefined) continue;
        expect(check('talkdesk-bridge/error', example, 'error'), status).to.equal(null);
        expect(STATUS_BY_CODE[example.error.code as keyof typeof STATUS_BY_CODE], `${status} ${example.error.code}`).to.equal(
          Number(status),
        );
        checked++;
      }
    }
    expect(checked).to.be.at.least(27);
  });
});
