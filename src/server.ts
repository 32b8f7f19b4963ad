import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type Lifecycle } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createConnectors } from './connectors/registry.js';
import { createCrmDeps } from './crm-http/crm-deps.js';
import { startDemoCrm, type DemoCrm } from './demo/start-demo-crm.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';
import { compileAllSchemas } from './validation/validators.js';

/**
 * The process: configuration, the optional embedded demo CRM, the HTTP server, signals and
 * graceful shutdown. Everything else is built by createApp() and is testable without a port.
 */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
    compileAllSchemas();
  } catch (err) {
    process.stderr.write(`talkdesk-crm-bridge: ${err instanceof ConfigError ? 'configuration error: ' : ''}${(err as Error).message}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  process.on('unhandledRejection', (reason) => {
    // A promise nobody awaited failed: the process state is unknown, so end it cleanly.
    logger.fatal({ err: describe(reason) }, 'unhandled promise rejection; exiting');
    process.exit(1);
  });

  let demo: DemoCrm | undefined;
  if (config.demoCrm) demo = await startDemoCrm(config, logger);

  // The demo CRM is on loopback: it is allowed explicitly, the rest of the policy unchanged.
  const metrics = createMetrics();
  const crm = createCrmDeps(config, demo ? [new URL(demo.url).host] : [], metrics);
  const lifecycle: Lifecycle = { accepting: true };
  const app = createApp({ config, logger, connectors: createConnectors(crm), lifecycle, metrics });
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
  logger.info({ host: config.host, port, demoCrm: Boolean(demo) }, 'bridge listening');
  if (demo) process.stdout.write(demo.banner(port));

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    lifecycle.accepting = false;
    logger.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      logger.warn('grace period over: closing remaining connections');
      server.closeAllConnections();
    }, config.shutdownGraceMs);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      void (demo?.close() ?? Promise.resolve()).finally(() => {
        logger.info('stopped');
        logger.flush();
        process.exit(0);
      });
    });
    server.closeIdleConnections();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

function describe(reason: unknown): Record<string, unknown> {
  return reason instanceof Error ? { name: reason.name, message: reason.message, stack: reason.stack } : { value: String(reason) };
}

void main();
