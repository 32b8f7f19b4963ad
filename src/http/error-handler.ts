import type { Context, Next } from 'koa';
import { AppError, type ErrorCode } from '../errors.js';

/** The only place an error code becomes an HTTP status. */
export const STATUS_BY_CODE: Readonly<Record<ErrorCode, number>> = {
  invalid_request: 400,
  invalid_auth: 400,
  invalid_checkpoint: 400,
  invalid_offset: 400,
  crm_host_not_allowed: 400,
  bridge_unauthorized: 403,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  // 401 makes Talkdesk refresh an OAuth access token and retry: only for the CRM's refusal.
  crm_unauthorized: 401,
  crm_rate_limited: 429,
  crm_error: 502,
  crm_bad_response: 502,
  crm_unreachable: 502,
  internal_error: 500,
  crm_timeout: 504,
  // nginx's convention for a caller that hung up: never sent, but logged and counted as such, so
  // that an abandoned request is not mistaken for a CRM timeout.
  client_closed: 499,
  // The bridge was stopping and its shutdown grace period ended before this answer was ready.
  shutting_down: 503,
};

/** Errors thrown by koa-bodyparser / raw-body carry a status and a type. */
function fromHttpError(err: { status?: number; type?: string }): AppError | undefined {
  if (err.status === 413) return new AppError('payload_too_large', 'The request body is too large.');
  if (err.status === 415) return new AppError('unsupported_media_type', 'The request body must be JSON (Content-Type: application/json).');
  if (err.status === 400) return new AppError('invalid_request', 'The request body is not valid JSON.');
  return undefined;
}

/**
 * First middleware: every failure becomes a JSON error body with a stable code. Messages of
 * AppErrors are written for clients and carry no secrets; anything else is a bug, answered with a
 * generic 500 and reported through `app.emit('error')`, the single place that logs it.
 */
export async function errorHandler(ctx: Context, next: Next): Promise<void> {
  try {
    await next();
  } catch (caught) {
    const err = caught as Error & { status?: number; type?: string };
    const appError = err instanceof AppError ? err : fromHttpError(err);
    const code: ErrorCode = appError?.code ?? 'internal_error';
    ctx.status = STATUS_BY_CODE[code];
    ctx.body = {
      error: {
        code,
        message: appError?.message ?? 'The bridge failed unexpectedly; the error was logged.',
        request_id: ctx.state['requestId'] as string,
      },
    };
    if (appError?.retryAfterSeconds !== undefined) ctx.set('Retry-After', String(appError.retryAfterSeconds));
    ctx.state['error'] = appError ?? err;
    if (!appError) ctx.app.emit('error', err, ctx);
  }
}
