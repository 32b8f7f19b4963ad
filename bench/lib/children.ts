/**
 * The benchmark's child processes (fake CRMs and targets), each with its IPC probe
 * (bench/child-probe.ts), and the core each is pinned to.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { join } from 'node:path';
import type { ProbeReply, ProbeRequest, ProcessStats, ReadyMessage } from '../child-probe.js';
import { ROOT } from './settings.js';

/** A benchmark child with its IPC probe (see bench/child-probe.ts). */
export class Child {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: ProbeReply) => void>();
  private readonly exited: Promise<void>;

  private constructor(
    readonly name: string,
    readonly proc: ChildProcess,
    readonly url: string,
    readonly info: Record<string, unknown>,
  ) {
    proc.on('message', (reply: ProbeReply) => {
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
    });
    this.exited = new Promise((resolve) => proc.once('exit', () => resolve()));
  }

  /**
   * Start `script` with a clean environment (only PATH and `env`: nothing of the caller's own
   * configuration, e.g. a BRIDGE_TOKEN, leaks in): compiled by tsc, as production runs the bridge
   * (see compileTargets), or under tsx with BENCH_TSX=1. stdout is /dev/null (the bridge's log
   * sink); stderr is shared so a crash is visible. --expose-gc lets a probe measure the heap after
   * a full collection.
   */
  static start(name: string, script: string, env: Record<string, string>, nodeFlags: string[] = [], quiet = false): Promise<Child> {
    const args = COMPILED ? [join(COMPILED_DIR, script.replace(/\.ts$/, '.js'))] : ['--import', 'tsx', script];
    const child = spawn(process.execPath, ['--expose-gc', ...nodeFlags, ...args], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', ...env },
      // quiet: a child expected to run out of heap (smallestHeap) would print V8's fatal report.
      stdio: ['ignore', 'ignore', quiet ? 'ignore' : 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill();
        reject(new Error(`${name} did not start within 60 s`));
      }, 60_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited during start-up (code ${code})`));
      });
      child.once('message', (message: ReadyMessage) => {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve(new Child(name, child, message.url, message.info ?? {}));
      });
    });
  }

  private request(message: ProbeRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never): Promise<ProbeReply> {
    const id = this.nextId++;
    const answered = new Promise<ProbeReply>((resolve, reject) => {
      this.pending.set(id, resolve);
      // With a callback, a closed channel is reported here rather than as an 'error' event.
      this.proc.send({ ...message, id } as ProbeRequest, (err) => {
        if (err) reject(err);
      });
    });
    // A child that dies (one short of heap in smallestHeap does) never answers.
    const died = this.exited.then(() => {
      throw new Error(`${this.name} exited`);
    });
    return Promise.race([answered, died]);
  }

  async stats(gc = false): Promise<ProcessStats> {
    const reply = await this.request({ type: 'stats', gc });
    return reply.stats as ProcessStats;
  }

  /** Ask the child to exit by itself (so --cpu-prof writes its profile); kill it if it does not. */
  async stop(): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 15_000);
    await Promise.race([this.request({ type: 'exit' }), this.exited]);
    await this.exited;
    clearTimeout(timer);
  }
}

/**
 * Core pinning (BENCH_PIN, default on where `taskset` exists and there are at least 2 cores): each
 * target (bridge or baseline) runs alone on the last core, while the load generator (this process)
 * and the fake CRMs share the others. Unpinned, on 2 cores, the target competes with both for CPU
 * and the ratios swing by ±10% from round to round; pinned, each side is measured on a core of
 * its own, so the ratios compare the targets rather than the scheduler. `BENCH_PIN=0` turns it off.
 */
const CORES = os.availableParallelism();
export const PIN = process.env['BENCH_PIN'] !== '0' && CORES >= 2 && hasTaskset();
export const TARGET_CORE = String(CORES - 1);
export const OTHER_CORES = CORES === 2 ? '0' : `0-${CORES - 2}`;

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Every thread of process `pid` onto `cores` (a taskset list). */
export function pin(pid: number | undefined, cores: string): void {
  if (PIN && pid !== undefined) execFileSync('taskset', ['-a', '-p', '-c', cores, String(pid)], { stdio: 'ignore' });
}

export const children: Child[] = [];
/**
 * The targets run as tsc compiles them (production runs `dist/`, built by tsc), not through tsx:
 * tsx's transform differs (esbuild's `__name` wrapper around every function expression it keeps
 * a name for, its module hooks), and a profile showed it billing the bridge for code that
 * production does not run. BENCH_TSX=1 runs them under tsx instead.
 */
const COMPILED = process.env['BENCH_TSX'] !== '1';
const COMPILED_DIR = join(ROOT, 'dist');

/** Compile src/, fake-crms/ and bench/ into dist/ (tsconfig.bench.json), once per run, before any target starts. */
export function compileTargets(): void {
  if (!COMPILED) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.bench.json')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

export async function startChild(
  name: string,
  script: string,
  env: Record<string, string>,
  nodeFlags: string[] = [],
  quiet = false,
): Promise<Child> {
  const child = await Child.start(name, script, env, nodeFlags, quiet);
  pin(child.proc.pid, name.startsWith('fake') ? OTHER_CORES : TARGET_CORE);
  children.push(child);
  return child;
}
export async function stopChild(child: Child): Promise<void> {
  await child.stop();
  children.splice(children.indexOf(child), 1);
}

/** Stop every child still running, last started first (the run's `finally`). */
export async function stopAllChildren(): Promise<void> {
  for (const child of [...children].reverse()) await child.stop().catch(() => child.proc.kill('SIGKILL'));
}
