import cluster, { type Worker } from 'node:cluster';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp, type Lifecycle } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createConnectors } from './connectors/registry.js';
import { createCrmDeps } from './crm-http/crm-deps.js';
import { DemoUnavailableError, startDemoCrm, type DemoCrm } from './demo/demo-crm.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics } from './metrics.js';
import { projectRoot } from './project-root.js';
import type { Tracing } from './tracing/tracing.js';
import { compileAllSchemas } from './validation/validators.js';

/**
 * The process: configuration, the optional embedded demo CRM, the HTTP server, signals and
 * graceful shutdown; with WEB_CONCURRENCY > 1, a primary that runs that many workers sharing the
 * port (node:cluster) and replaces any that die. Everything else is built by createApp() and is
 * testable without a port.
 */

/** Set by the primary for its workers: the demo CRM it started, so there is one, not one each. */
const DEMO_URL_ENV = 'BRIDGE_INTERNAL_DEMO_CRM_URL';

function describe(reason: unknown): Record<string, unknown> {
  return reason instanceof Error ? { name: reason.name, message: reason.message, stack: reason.stack } : { value: String(reason) };
}

function loadOrExit(): Config {
  try {
    const config = loadConfig();
    compileAllSchemas();
    return config;
  } catch (err) {
    process.stderr.write(`talkdesk-crm-bridge: ${err instanceof ConfigError ? 'configuration error: ' : ''}${(err as Error).message}\n`);
    process.exit(1);
  }
}

function exitOnUnhandledRejection(logger: Logger): void {
  process.on('unhandledRejection', (reason) => {
    // A promise nobody awaited failed: the process state is unknown, so end it cleanly.
    logger.fatal({ err: describe(reason) }, 'unhandled promise rejection; exiting');
    logger.flush();
    process.exit(1);
  });
}

/**
 * OpenTelemetry tracing when OTEL_EXPORTER_OTLP_ENDPOINT is set, else none: no middleware, and the
 * SDK is not even loaded (a dynamic import), so a bridge without tracing runs as it did before it.
 */
async function startTracing(config: Config): Promise<Tracing | undefined> {
  if (config.otelEndpoint === undefined) return undefined;
  const { createTracing } = await import('./tracing/tracing.js');
  const { version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };
  return createTracing({ endpoint: config.otelEndpoint, serviceName: config.otelServiceName, serviceVersion: version });
}

/** Serve HTTP in this process until SIGTERM/SIGINT. Resolves with the port once listening. */
async function runServer(config: Config, logger: Logger, demoUrl: string | undefined): Promise<number> {
  // The demo CRM is on loopback: it is allowed explicitly, the rest of the address policy unchanged.
  const metrics = createMetrics();
  const crm = createCrmDeps(config, demoUrl ? [new URL(demoUrl).host] : [], metrics, logger);
  const lifecycle: Lifecycle = { accepting: true };
  const tracing = await startTracing(config);
  const app = createApp({ config, logger, connectors: createConnectors(crm), lifecycle, metrics, tracing });
  const server = http.createServer(app.callback());
  // Longer than the idle timeouts of common load balancers, so they close idle sockets first.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = config.requestDeadlineMs + 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  logger.info(
    { host: config.host, port, pid: process.pid, demoCrm: Boolean(demoUrl), tracing: tracing ? 'otlp' : 'off' },
    'bridge listening',
  );

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    lifecycle.accepting = false;
    logger.info({ signal, graceMs: config.shutdownGraceMs, pid: process.pid }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      logger.warn('grace period over: closing remaining connections');
      server.closeAllConnections();
    }, config.shutdownGraceMs);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      // The last requests' spans are still in the batch: send them before exiting.
      void (tracing?.shutdown() ?? Promise.resolve())
        .catch(() => undefined)
        .finally(() => {
          logger.info({ pid: process.pid }, 'stopped');
          logger.flush();
          process.exit(0);
        });
    });
    server.closeIdleConnections();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  return port;
}

async function runSingle(config: Config, logger: Logger): Promise<void> {
  // The demo lives in this process and ends with it.
  const demo = config.demoCrm ? await startDemoCrm(config, logger) : undefined;
  const port = await runServer(config, logger, demo?.url);
  if (demo) process.stdout.write(demo.banner(port));
}

/**
 * The primary of WEB_CONCURRENCY workers. It serves nothing itself: it forks, replaces workers that
 * die (no faster than once a second each), forwards SIGTERM/SIGINT and exits 0 once all are gone.
 */
async function runPrimary(config: Config, logger: Logger): Promise<void> {
  const demo: DemoCrm | undefined = config.demoCrm ? await startDemoCrm(config, logger) : undefined;
  const env = demo ? { [DEMO_URL_ENV]: demo.url } : {};
  let stopping = false;
  let bannerShown = false;
  const fork = (): Worker => cluster.fork(env);

  cluster.on('listening', (_worker, address) => {
    if (demo && !bannerShown) {
      bannerShown = true;
      process.stdout.write(demo.banner(address.port));
    }
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        logger.info('all workers stopped');
        void (demo?.close() ?? Promise.resolve()).finally(() => {
          logger.flush();
          process.exit(0);
        });
      }
      return;
    }
    logger.error({ pid: worker.process.pid, code, signal }, 'worker died; starting a replacement');
    setTimeout(fork, 1000).unref();
  });

  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping workers');
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));

  logger.info({ workers: config.webConcurrency }, 'starting workers');
  for (let i = 0; i < config.webConcurrency; i++) fork();
}

async function main(): Promise<void> {
  const config = loadOrExit();
  const logger = createLogger(config.logLevel, undefined, config.logFormat);
  exitOnUnhandledRejection(logger);
  if (cluster.isWorker) {
    // A worker's demo, if any, runs in the primary.
    await runServer(config, logger, process.env[DEMO_URL_ENV]);
  } else if (config.webConcurrency > 1) {
    await runPrimary(config, logger);
  } else {
    await runSingle(config, logger);
  }
}

main().catch((err: unknown) => {
  if (!(err instanceof DemoUnavailableError)) throw err;
  process.stderr.write(`talkdesk-crm-bridge: configuration error: ${err.message}\n`);
  process.exit(1);
});
