import cluster from 'node:cluster';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { workerMetrics } from './cluster-metrics.js';
import { EXIT_CONFIG, LISTEN_FAILED, runPrimary } from './cluster-primary.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createConnectors } from './connectors/registry.js';
import { createCrmDeps } from './crm-http/crm-deps.js';
import { DemoUnavailableError, startDemoCrm } from './demo/demo-crm.js';
import { gracefulShutdown } from './graceful-shutdown.js';
import { listenFailure } from './listen-error.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics } from './metrics.js';
import { compileAllSchemas } from './validation/validators.js';

/**
 * The process: configuration, the optional embedded demo CRM, the HTTP server, signals and
 * graceful shutdown (src/graceful-shutdown.ts); with WEB_CONCURRENCY > 1, a primary that runs that
 * many workers sharing the port (src/cluster-primary.ts). Everything else is built by createApp()
 * and is testable without a port. A configuration problem, a port that cannot be listened on
 * included, ends the process with exit code 1 and one line naming the variable, never a stack.
 */

/** Set by the primary for its workers: the demo CRM it started, so there is one, not one each. */
const DEMO_URL_ENV = 'BRIDGE_INTERNAL_DEMO_CRM_URL';

/** A configuration problem found after start-up began: said once on stderr, exit 1. */
class StartupError extends Error {}

function describe(reason: unknown): Record<string, unknown> {
  return reason instanceof Error ? { name: reason.name, message: reason.message, stack: reason.stack } : { value: String(reason) };
}

function configurationError(message: string): never {
  process.stderr.write(`talkdesk-crm-bridge: configuration error: ${message}\n`);
  process.exit(1);
}

function loadOrExit(): Config {
  try {
    const config = loadConfig();
    compileAllSchemas();
    return config;
  } catch (err) {
    if (err instanceof ConfigError) configurationError(err.message);
    process.stderr.write(`talkdesk-crm-bridge: ${(err as Error).message}\n`);
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

/** Serve HTTP in this process until SIGTERM/SIGINT. Resolves with the port once listening. */
async function runServer(config: Config, logger: Logger, demoUrl: string | undefined): Promise<number> {
  // The demo CRM is on loopback: it is allowed explicitly, the rest of the address policy unchanged.
  const metrics = createMetrics();
  const crm = createCrmDeps(config, demoUrl ? [new URL(demoUrl).host] : [], metrics, logger);
  const server = http.createServer();
  const shutdown = gracefulShutdown(server, config, logger);
  const scrapeMetrics = cluster.isWorker ? workerMetrics(metrics.registry) : undefined;
  const app = createApp({ config, logger, connectors: createConnectors(crm), lifecycle: shutdown.lifecycle, metrics, scrapeMetrics });
  server.on('request', app.callback());
  // Longer than the idle timeouts of common load balancers, so they close idle sockets first.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = config.requestDeadlineMs + 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) => {
      const why = listenFailure(err, config.host, config.port);
      reject(why === undefined ? err : new StartupError(why));
    });
    server.listen(config.port, config.host, () => resolve());
  });
  shutdown.install();
  const { port } = server.address() as AddressInfo;
  logger.info({ host: config.host, port, pid: process.pid, node: process.version, demoCrm: Boolean(demoUrl) }, 'bridge listening');
  return port;
}

async function runSingle(config: Config, logger: Logger): Promise<void> {
  // The demo lives in this process and ends with it.
  const demo = config.demoCrm ? await startDemoCrm(config, logger) : undefined;
  const port = await runServer(config, logger, demo?.url);
  if (demo) process.stdout.write(demo.banner(port));
}

async function runWorker(config: Config, logger: Logger): Promise<void> {
  try {
    // A worker's demo, if any, runs in the primary.
    await runServer(config, logger, process.env[DEMO_URL_ENV]);
  } catch (err) {
    if (!(err instanceof StartupError)) throw err;
    // Every worker meets the same problem: the primary says it once and stops them all.
    process.send?.({ type: LISTEN_FAILED, message: err.message }, () => process.exit(EXIT_CONFIG));
  }
}

async function main(): Promise<void> {
  const config = loadOrExit();
  const logger = createLogger(config.logLevel, undefined, config.logFormat);
  exitOnUnhandledRejection(logger);
  if (cluster.isWorker) {
    await runWorker(config, logger);
  } else if (config.webConcurrency > 1) {
    const demo = config.demoCrm ? await startDemoCrm(config, logger) : undefined;
    runPrimary({ config, logger, demo, workerEnv: demo ? { [DEMO_URL_ENV]: demo.url } : {} });
  } else {
    await runSingle(config, logger);
  }
}

main().catch((err: unknown) => {
  if (err instanceof DemoUnavailableError || err instanceof StartupError) configurationError(err.message);
  throw err;
});
