import { randomUUID } from 'node:crypto';
import type { Context, Next } from 'koa';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { AppError } from '../errors.js';

const INBOUND_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Outermost middleware: a request id (the caller's X-Request-Id when it is sane, else a new one),
 * echoed in the response, and one access-log line per request with its outcome. The body, the
 * query string and the headers are never logged: they can hold credentials.
 */
export function requestContext(logger: Logger, metrics: Metrics) {
  return async function requestContextMiddleware(ctx: Context, next: Next): Promise<void> {
    const started = process.hrtime.bigint();
    const inbound = ctx.get('x-request-id');
    const requestId = INBOUND_ID.test(inbound) ? inbound : randomUUID();
    ctx.state['requestId'] = requestId;
    ctx.set('X-Request-Id', requestId);
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const connector = (ctx.state['connector'] as string | undefined) ?? '';
      // The route pattern, not the path: label values must stay few.
      const route = (ctx as { _matchedRoute?: string })._matchedRoute ?? 'unmatched';
      metrics.httpDuration.observe({ connector, route, status: String(ctx.status) }, ms / 1000);
      if (typeof ctx.state['contacts'] === 'number') metrics.contactsReturned.inc({ connector }, ctx.state['contacts']);
      const err = ctx.state['error'] as Error | undefined;
      const line: Record<string, unknown> = {
        req_id: requestId,
        method: ctx.method,
        path: ctx.path,
        status: ctx.status,
        ms: Math.round(ms * 10) / 10,
      };
      // Set by the tracing middleware (src/tracing/) when tracing is on: the log line and the trace meet.
      if (ctx.state['traceId']) line['trace_id'] = ctx.state['traceId'];
      if (ctx.state['connector']) line['connector'] = ctx.state['connector'];
      if (typeof ctx.state['contacts'] === 'number') line['contacts'] = ctx.state['contacts'];
      if (err instanceof AppError) {
        line['code'] = err.code;
        if (err.logDetail) line['detail'] = err.logDetail;
      }
      if (ctx.status >= 500) logger.warn(line, 'request failed');
      else logger.info(line, 'request');
    }
  };
}
