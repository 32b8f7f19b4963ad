import bodyParser from 'koa-bodyparser';
import type { Context, Next } from 'koa';
import { AppError } from '../errors.js';

/**
 * JSON bodies only, strict (an object or array at the top), limited in size: a larger body is a
 * 413 before it is buffered whole. A POST that is not JSON is a 415 rather than an empty body
 * that would later read as "auth is required". An empty body is a 400 saying so, whatever its
 * Content-Type: type-is, behind ctx.is(), answers "no body, no type" for it (a request without
 * Content-Length or Transfer-Encoding has no body, RFC 9112 §6.3), so a JSON POST with nothing in
 * it would otherwise read as "not JSON".
 */
export function jsonBody(limitBytes: number) {
  const parse = bodyParser({ enableTypes: ['json'], jsonLimit: `${limitBytes}b`, strict: true });
  return async function jsonBodyMiddleware(ctx: Context, next: Next): Promise<void> {
    if (ctx.method === 'POST' || ctx.method === 'PUT' || ctx.method === 'PATCH') {
      if (isEmpty(ctx)) {
        throw new AppError('invalid_request', 'The request body is empty; send a JSON object (Content-Type: application/json).');
      }
      if (!ctx.is('application/json', '+json')) {
        throw new AppError('unsupported_media_type', 'The request body must be JSON (Content-Type: application/json).');
      }
    }
    await parse(ctx, next);
  };
}

function isEmpty(ctx: Context): boolean {
  const length = ctx.get('content-length');
  return ctx.get('transfer-encoding') === '' && (length === '' || Number(length) === 0);
}
