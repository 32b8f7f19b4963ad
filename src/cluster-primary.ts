import cluster, { type Worker } from 'node:cluster';
import type { Config } from './config.js';
import { serveClusterMetrics } from './cluster-metrics.js';
import type { DemoCrm } from './demo/demo-crm.js';
import type { Logger } from './logger.js';

/**
 * The primary of WEB_CONCURRENCY workers (node:cluster). It serves nothing itself: it forks,
 * replaces workers that die, merges their metrics, forwards SIGTERM/SIGINT and exits 0 once all
 * have stopped. It never exits quietly with the port dead: a crash loop (too many deaths within
 * a window) or a worker that cannot listen ends it non-zero with one clear line, so a supervisor
 * (Kubernetes, systemd) sees a failure and can act on it.
 */

/** A worker that cannot listen tells the primary why (once), then exits with this code. */
export const LISTEN_FAILED = 'bridge:listen-failed';
/** sysexits(3) EX_CONFIG: what a worker exits with when it cannot listen. */
export const EXIT_CONFIG = 78;

/** Replacement of a dead worker waits this long, so a fast crash does not spin the CPU. */
const REPLACE_AFTER_MS = 1_000;
/** A crash loop: more deaths than this within CRASH_WINDOW_MS (at least 5, or 2 per worker). */
const CRASH_WINDOW_MS = 60_000;

export function crashLimit(workers: number): number {
  return Math.max(5, 2 * workers);
}

export interface PrimaryOptions {
  config: Config;
  logger: Logger;
  demo: DemoCrm | undefined;
  /** Environment the workers get on top of this process's. */
  workerEnv: Record<string, string>;
}

export function runPrimary({ config, logger, demo, workerEnv }: PrimaryOptions): void {
  let stopping = false;
  let bannerShown = false;
  const deaths: number[] = [];
  const limit = crashLimit(config.webConcurrency);
  const fork = (): Worker => cluster.fork(workerEnv);

  serveClusterMetrics(logger);

  let exitCode = 0;
  /** End the primary: stop every worker, then exit with `code` once they are gone. */
  const finish = (code: number, signal: NodeJS.Signals = 'SIGTERM'): void => {
    stopping = true;
    exitCode = code;
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    for (const worker of alive) worker.process.kill(signal);
    if (alive.length === 0) exit();
  };
  const exit = (): void => {
    void (demo?.close() ?? Promise.resolve()).finally(() => {
      logger.flush();
      process.exit(exitCode);
    });
  };

  let listenFailureSaid = false;
  const listenFailed = (message: string): void => {
    if (listenFailureSaid) return;
    listenFailureSaid = true;
    process.stderr.write(`talkdesk-crm-bridge: configuration error: ${message}\n`);
    finish(1);
  };

  cluster.on('message', (_worker, message: { type?: unknown; message?: unknown }) => {
    if (message?.type === LISTEN_FAILED) listenFailed(String(message.message));
  });
  cluster.on('listening', (_worker, address) => {
    if (demo && !bannerShown) {
      bannerShown = true;
      process.stdout.write(demo.banner(address.port));
    }
  });
  cluster.on('exit', (worker, code, signal) => {
    if (code === EXIT_CONFIG && !stopping) listenFailed('a worker could not listen on HOST:PORT');
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        logger.info('all workers stopped');
        exit();
      }
      return;
    }
    const now = Date.now();
    deaths.push(now);
    while (deaths.length > 0 && deaths[0]! <= now - CRASH_WINDOW_MS) deaths.shift();
    if (deaths.length > limit) {
      logger.fatal(
        { pid: worker.process.pid, code, signal, deaths: deaths.length, windowSeconds: CRASH_WINDOW_MS / 1000 },
        `workers are crash-looping: ${deaths.length} died within ${CRASH_WINDOW_MS / 1000} s; stopping the bridge`,
      );
      finish(1);
      return;
    }
    logger.error({ pid: worker.process.pid, code, signal, recentDeaths: deaths.length }, 'worker died; starting a replacement');
    // Not unref'd: a primary whose workers have all died must stay up to replace them.
    setTimeout(() => {
      if (!stopping) fork();
    }, REPLACE_AFTER_MS);
  });

  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    logger.info({ signal }, 'stopping workers');
    finish(0, signal);
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));

  logger.info({ workers: config.webConcurrency }, 'starting workers');
  for (let i = 0; i < config.webConcurrency; i++) fork();
}
