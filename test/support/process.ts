import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/** The real bridge process (src/server.ts under tsx) as a child, with its output captured. */
export interface Proc {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
  /** Parsed JSON log lines written so far. */
  logs: () => Array<Record<string, unknown>>;
}

export function startProcess(env: Record<string, string>, command: { file: string; args: string[] } = serverCommand()): Proc {
  const child = spawn(command.file, command.args, {
    env: { PATH: process.env['PATH'] ?? '', HOST: '127.0.0.1', PORT: '0', DEMO_CRM: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  // 'close', not 'exit': when the child exits, its last lines may still be in the pipe.
  const exited = once(child, 'close').then(([code]) => code as number | null);
  const logs = (): Array<Record<string, unknown>> =>
    out
      .split('\n')
      .filter((l) => l.startsWith('{') && l.endsWith('}'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { child, stdout: () => out, stderr: () => err, exited, logs };
}

function serverCommand(): { file: string; args: string[] } {
  return { file: process.execPath, args: ['--import', 'tsx', 'src/server.ts'] };
}

export async function waitFor<T>(what: string, probe: () => T | undefined, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const v = probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The workers (or the single process) that have logged "bridge listening", in order. */
export function listening(p: Proc): Array<{ pid: number; port: number; node: string }> {
  return p.logs().filter((l) => l['msg'] === 'bridge listening') as unknown as Array<{ pid: number; port: number; node: string }>;
}

export function listeningPort(p: Proc): number | undefined {
  return listening(p)[0]?.port;
}

/** True while a process with this pid exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stop whatever a test started and has not stopped yet (SIGKILL: it is cleanup, not the test). */
export function killAll(started: Proc[]): void {
  for (const p of started.splice(0)) {
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  }
}
