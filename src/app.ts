import Router from '@koa/router';
import Koa from 'koa';
import type { Config } from './config.js';
import type { Connector } from './connectors/connector.js';
import { AppError } from './errors.js';
import { errorHandler } from './http/error-handler.js';
import { inboundAuth } from './http/inbound-auth.js';
import { jsonBody } from './http/json-body.js';
import { requestContext } from './http/request-context.js';
import { validateBody } from './http/validate-body.js';
import type { Logger } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';
import { buildOpenApiDocument } from './openapi/openapi-document.js';
import { authRoute, contactsRoute, knownConnector } from './routes/contacts.js';

export interface Lifecycle {
  /** False once shutdown has begun: /ready answers 503 so load balancers stop sending work. */
  accepting: boolean;
  /** Aborted when the shutdown grace period ends: requests still running answer 503 `shutting_down`. */
  halted?: AbortSignal;
}

export interface AppDeps {
  config: Config;
  logger: Logger;
  connectors: ReadonlyMap<string, Connector<unknown>>;
  lifecycle?: Lifecycle;
  /** Pass the same Metrics given to the CRM deps so CRM calls are counted too. */
  metrics?: Metrics;
  /** What GET /metrics serves; default this process's registry (a cluster worker asks for the whole tree). */
  scrapeMetrics?: () => Promise<string>;
}

/** Build the Koa application. It never listens: src/server.ts does, and tests use port 0. */
export function createApp(deps: AppDeps): Koa {
  const { config, logger, connectors } = deps;
  const lifecycle = deps.lifecycle ?? { accepting: true };
  const metrics = deps.metrics ?? createMetrics();
  const app = new Koa({ proxy: false });

  // The single place unexpected errors are logged (the error handler emits them here).
  app.on('error', (err: Error & { code?: string }, ctx?: Koa.Context) => {
    if (err.code === 'ECONNRESET' || err.code === 'EPIPE') return; // the client went away
    logger.error({ req_id: ctx?.state['requestId'], err: { name: err.name, message: err.message, stack: err.stack } }, 'unexpected error');
  });

  const router = new Router();
  router.get('/health', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/metrics', async (ctx) => {
    ctx.type = metrics.registry.contentType;
    ctx.body = await (deps.scrapeMetrics ?? (() => metrics.registry.metrics()))();
  });
  const openapi = buildOpenApiDocument(connectors.values());
  router.get('/openapi.json', (ctx) => {
    ctx.body = openapi;
  });
  router.get('/ready', (ctx) => {
    ctx.status = lifecycle.accepting ? 200 : 503;
    ctx.body = { status: lifecycle.accepting ? 'ready' : 'shutting_down' };
  });
  // Health and readiness stay open for load balancers; Talkdesk's endpoints need the token.
  const talkdeskOnly = inboundAuth(config.bridgeToken);
  const connector = knownConnector(connectors);
  const routeDeps = { config, connectors, halted: lifecycle.halted };
  router.post(
    '/:connector/contacts',
    connector,
    talkdeskOnly,
    jsonBody(config.bodyLimitBytes),
    validateBody('talkdesk-bridge/sync-request'),
    contactsRoute(routeDeps),
  );
  router.post(
    '/:connector/auth',
    connector,
    talkdeskOnly,
    jsonBody(config.bodyLimitBytes),
    validateBody('talkdesk-bridge/auth-request'),
    authRoute(routeDeps),
  );

  // Order matters: the request id and access log wrap everything, then the error handler turns
  // every failure below it into a JSON error body.
  app.use(requestContext(logger, metrics));
  app.use(errorHandler);
  // Runs after routing (and after allowedMethods has had its chance to answer 405).
  app.use(async (ctx, next) => {
    await next();
    if (ctx.body !== undefined) return;
    if (ctx.status === 404) {
      throw new AppError('not_found', 'No such endpoint. Talkdesk posts to /{connector}/contacts, e.g. /twenty/contacts.');
    }
    // allowedMethods has set the Allow header (RFC 9110 §15.5.6 requires it on a 405); keep it.
    if (ctx.status === 405) throw new AppError('method_not_allowed', 'This method is not allowed on this path.');
    if (ctx.status === 501) throw new AppError('method_not_allowed', 'This method is not supported.');
  });
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}
