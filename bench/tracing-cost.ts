/**
 * What OpenTelemetry tracing costs the bridge (npm run bench:tracing). Three bridges, each the
 * real server (src/server.ts, production settings) in its own process, take turns under the same
 * load against the same fake Twenty CRM:
 *
 *   before  the commit before tracing was added (git archive of BENCH_BEFORE_COMMIT, default the
 *           parent of the commit that added src/tracing/), with this tree's node_modules
 *   off     this tree, OTEL_EXPORTER_OTLP_ENDPOINT unset (the default)
 *   on      this tree, exporting every span to an in-process OTLP/HTTP sink that discards them
 *
 * Rounds alternate the three so that drift in the machine's load hits all alike. For each run it
 * records requests per second and the target process's CPU time per request (utime + stime from
 * /proc/<pid>/stat): on a shared, loaded machine throughput mostly measures the neighbours, while
 * CPU per request stays close to the bridge's own cost. It prints both per round, the medians, and
 * the ratios off/before and on/before beside the spread between rounds of one target (the noise a
 * ratio must be read against).
 *
 *   BENCH_ROUNDS (5)  BENCH_SECONDS (8)  BENCH_WARMUP_SECONDS (5)  BENCH_CONNECTIONS (8)
 */
import autocannon from 'autocannon';
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/project-root.js';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 8);
const WARMUP = Number(process.env['BENCH_WARMUP_SECONDS'] ?? 5);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 8);
const TOKEN = 'bench-tracing-token-0123456789';
const API_KEY = 'bench-api-key';

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: projectRoot, encoding: 'utf8' }).trim();
}

function beforeCommit(): string {
  if (process.env['BENCH_BEFORE_COMMIT']) return process.env['BENCH_BEFORE_COMMIT'];
  const added = git('log', '--diff-filter=A', '--format=%H', '--', 'src/tracing/tracing.ts').split('\n').at(-1);
  if (!added) throw new Error('no commit adds src/tracing/tracing.ts; set BENCH_BEFORE_COMMIT');
  return git('rev-parse', `${added}^`);
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function startFake(): Promise<{ url: string; child: ChildProcess }> {
  const child = fork(join(projectRoot, 'bench/fake-crm-child.ts'), {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_PEOPLE: '2000', BENCH_FAKE_MAX_PAGE: '200' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.on('message', (m: { type?: string; url?: string }) => m.type === 'ready' && resolve(m.url!));
    child.once('exit', (code) => reject(new Error(`fake CRM exited with ${code}`)));
  });
  return { url, child };
}

/** An OTLP/HTTP collector that accepts and discards: the exporter's cost without a collector's. */
async function startSink(): Promise<{ url: string; server: http.Server }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

interface Target {
  name: string;
  url: string;
  child: ChildProcess;
}

async function startBridge(name: string, root: string, crmHost: string, extraEnv: Record<string, string>): Promise<Target> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', '--max-semi-space-size=64', join(root, 'src/server.ts')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      DEMO_CRM: 'off',
      WEB_CONCURRENCY: '1',
      PAGE_SIZE: '200',
      BRIDGE_TOKEN: TOKEN,
      CRM_ALLOWED_HOSTS: crmHost,
      ...extraEnv,
    },
    // Access-log lines are written for real, to /dev/null, as to a file or a log shipper.
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 600) throw new Error(`${name} did not start`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { name, url, child };
}

/** CPU seconds (user + system) a process has used, from /proc (Linux; clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // After "pid (comm) ": state is field 3, utime 14 and stime 15 (proc(5)).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function load(target: Target, crmUrl: string, seconds: number): Promise<{ rps: number; cpuMsPerRequest: number }> {
  const cpuBefore = cpuSeconds(target.child.pid!);
  const result = await autocannon({
    url: `${target.url}/twenty/contacts`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ auth: { api_key: API_KEY, base_url: crmUrl }, meta: {} }),
    connections: CONNECTIONS,
    duration: seconds,
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${target.name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  const cpu = cpuSeconds(target.child.pid!) - cpuBefore;
  return { rps: result.requests.average, cpuMsPerRequest: (cpu * 1000) / Math.max(1, result.requests.total) };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function main(): Promise<void> {
  const commit = beforeCommit();
  const beforeRoot = mkdtempSync(join(tmpdir(), 'bench-before-'));
  execFileSync('sh', ['-c', `git archive ${commit} | tar -x -C "${beforeRoot}"`], { cwd: projectRoot });
  symlinkSync(join(projectRoot, 'node_modules'), join(beforeRoot, 'node_modules'));

  const fake = await startFake();
  const sink = await startSink();
  const crmHost = new URL(fake.url).host;
  const targets = [
    await startBridge('before', beforeRoot, crmHost, {}),
    await startBridge('off', projectRoot, crmHost, {}),
    await startBridge('on', projectRoot, crmHost, { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url }),
  ];
  try {
    console.log(`tracing cost: ${ROUNDS} rounds × ${SECONDS} s, ${CONNECTIONS} connections, 200-contact Twenty pages`);
    console.log(`before = ${commit.slice(0, 10)} (no tracing code); off = this tree, tracing off; on = this tree, OTLP export`);
    for (const t of targets) await load(t, fake.url, WARMUP);
    const rps: Record<string, number[]> = { before: [], off: [], on: [] };
    const cpu: Record<string, number[]> = { before: [], off: [], on: [] };
    for (let round = 1; round <= ROUNDS; round++) {
      // Rotate the order each round, so no target always runs first or last.
      const order = targets.map((_, i) => targets[(i + round) % targets.length]!);
      for (const t of order) {
        const r = await load(t, fake.url, SECONDS);
        rps[t.name]!.push(r.rps);
        cpu[t.name]!.push(r.cpuMsPerRequest);
      }
      console.log(
        `round ${round}: ${targets.map((t) => `${t.name} ${rps[t.name]!.at(-1)!.toFixed(0)} req/s ${cpu[t.name]!.at(-1)!.toFixed(2)} ms CPU/req`).join(', ')}`,
      );
    }
    const spread = (xs: number[]): string =>
      `${((Math.min(...xs) / median(xs) - 1) * 100).toFixed(1)}% … +${((Math.max(...xs) / median(xs) - 1) * 100).toFixed(1)}%`;
    console.log('');
    for (const [label, data, unit] of [
      ['CPU per request', cpu, 'ms'],
      ['throughput', rps, 'req/s'],
    ] as const) {
      const m = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, median(v)])) as Record<string, number>;
      console.log(`${label}:`);
      for (const t of targets)
        console.log(`  ${t.name.padEnd(6)} median ${m[t.name]!.toFixed(2)} ${unit}, rounds spread ${spread(data[t.name]!)}`);
      console.log(`  ratio off/before ${(m['off']! / m['before']!).toFixed(3)}, on/before ${(m['on']! / m['before']!).toFixed(3)}`);
      console.log(`  round by round off/before: ${data['off']!.map((v, i) => (v / data['before']![i]!).toFixed(3)).join(' ')}`);
    }
  } finally {
    for (const t of targets) t.child.kill('SIGTERM');
    fake.child.kill('SIGTERM');
    sink.server.close();
    sink.server.closeAllConnections();
    rmSync(beforeRoot, { recursive: true, force: true });
  }
}

await main();
