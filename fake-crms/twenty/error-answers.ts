/**
 * What a refused Twenty request LOOKS like (status, body, codes), per server generation. When a
 * request is refused is decided elsewhere (the server's limiter and key check): these only build
 * the answer, so that how limits are counted and how a refusal reads stay separate.
 *
 * Sources (twentyhq/twenty, packages/twenty-server/src/):
 * - Authentication, both generations: engine/middlewares/middleware.service.ts answers a failed
 *   token check from writeGraphqlResponseOnExceptionCaught with HTTP 200 and `{ errors: [...] }`
 *   (no `data`), the error converted by handleExceptionAndConvertToGraphQLError: code
 *   UNAUTHENTICATED for a missing, unknown or revoked key.
 * - Throttling, current servers: engine/core-modules/throttler/throttler.service.ts throws
 *   `Limit reached (${maxTokens} tokens per ${timeWindow} ms)` (code LIMIT_REACHED), which
 *   utils/throttler-to-graphql-api-exception-handler.util.ts turns into a UserInputError: code
 *   BAD_USER_INPUT, HTTP 200, no Retry-After. Thrown while resolving the root field, so `data`
 *   is null (`people` is non-null).
 * - Throttling, v0.53: engine/api/graphql/graphql-config/hooks/use-throttler.ts (a Yoga plugin
 *   on each root field's resolve) throws a plain Error `Too many requests.`; the error hook
 *   reports errors that are not Twenty's own under INTERNAL_SERVER_ERROR keeping the message
 *   (core-modules/graphql/utils/generate-graphql-error-from-error.util.ts). HTTP 200, `data` null.
 *   (Read from source; the code was not seen on a running v0.53 server.)
 */

export type TwentyGeneration = 'v0.53' | 'current';

export interface RefusedAnswer {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

export function errorBody(message: string, code: string, withNullData = false): Record<string, unknown> {
  const errors = [{ message, extensions: { code } }];
  return withNullData ? { data: null, errors } : { errors };
}

/** A request without a valid API key (both generations). */
export function unauthenticatedAnswer(): RefusedAnswer {
  return { status: 200, body: errorBody('Unauthenticated', 'UNAUTHENTICATED'), headers: {} };
}

/** A key that is valid but may not read people (a role without that permission). */
export function forbiddenAnswer(): RefusedAnswer {
  // The code is FORBIDDEN (docs/crm-twenty.md); the message wording is not confirmed.
  return { status: 200, body: errorBody('Forbidden resource', 'FORBIDDEN', true), headers: {} };
}

/** The limit that refused the call: its size and window, as the server names them. */
export interface ThrottleLimit {
  limit: number;
  windowMs: number;
}

/** A throttled request, as each generation answers it. */
export function throttledAnswer(generation: TwentyGeneration, limit: ThrottleLimit): RefusedAnswer {
  if (generation === 'v0.53') {
    return { status: 200, body: errorBody('Too many requests.', 'INTERNAL_SERVER_ERROR', true), headers: {} };
  }
  return {
    status: 200,
    body: errorBody(`Limit reached (${limit.limit} tokens per ${limit.windowMs} ms)`, 'BAD_USER_INPUT', true),
    headers: {},
  };
}
