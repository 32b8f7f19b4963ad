/**
 * The bridge under test, in its own process, assembled as src/server.ts's runServer() assembles it:
 * configuration from the environment (bench/run.ts passes NODE_ENV=production, LOG_LEVEL=info,
 * PAGE_SIZE and CRM_ALLOWED_HOSTS), every schema compiled at start, the real logger, metrics (with
 * Node's default process metrics, as in production), CRM deps and connectors, createApp() and the
 * same server timeouts. The only differences: it listens on 127.0.0.1:0 and reports its URL over
 * IPC, and it answers the benchmark's memory/CPU probes on that IPC channel (no extra route).
 *
 * Logging: the logger is created exactly as in production (no destination given, so pino's own
 * destination, a synchronous SonicBoom on fd 1), and run.ts starts this process with stdout on
 * /dev/null. Every access-log line is therefore formatted and written with a real write(2), as it
 * is when stdout is a file or a pipe to a log shipper.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createConnectors } from '../src/connectors/registry.js';
import { createCrmDeps } from '../src/crm-http/crm-deps.js';
import { createLogger } from '../src/logger.js';
import { createMetrics } from '../src/metrics.js';
import { compileAllSchemas } from '../src/validation/validators.js';
import { announce, serveProbe } from './child-probe.js';

const config = loadConfig();
compileAllSchemas();
const logger = createLogger(config.logLevel, undefined, config.logFormat);
const metrics = createMetrics();
const app = createApp({ config, logger, connectors: createConnectors(createCrmDeps(config, [], metrics, logger)), metrics });
const server = http.createServer(app.callback());
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.requestTimeout = config.requestDeadlineMs + 5_000;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

serveProbe(() => {
  server.close();
  server.closeAllConnections();
  logger.flush();
  process.exit(0);
});
announce({
  type: 'ready',
  url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  info: { nodeEnv: config.nodeEnv, logLevel: config.logLevel, logFormat: config.logFormat, pageSize: config.pageSize },
});
