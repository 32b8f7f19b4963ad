import type { Context, Next } from 'koa';
import { AppError } from '../errors.js';
import { check } from '../validation/validators.js';

/** Validation middleware for one request schema (compiled once, looked up by `$id`). */
export function validateBody(schemaId: string) {
  return async function validateBodyMiddleware(ctx: Context, next: Next): Promise<void> {
    const problem = check(schemaId, ctx.request.body, 'body');
    if (problem) throw new AppError('invalid_request', `The request body is invalid: ${problem}.`);
    await next();
  };
}
