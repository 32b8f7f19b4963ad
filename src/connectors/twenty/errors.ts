import type { CrmGraphQLError } from '../../crm-http/graphql-call.js';
import { AppError } from '../../errors.js';

/**
 * How Twenty reports failures in GraphQL errors (twentyhq/twenty, packages/twenty-server/src/):
 * - Authentication: HTTP 200 with `extensions.code` UNAUTHENTICATED (or FORBIDDEN when the key
 *   lacks access), written by `engine/middlewares/middleware.service.ts`
 *   (writeGraphqlResponseOnExceptionCaught). HTTP 401/403 (a proxy in front) is handled
 *   generically before this.
 * - Throttling, current servers: HTTP 200, code BAD_USER_INPUT, message
 *   `Limit reached (N tokens per M ms)` (`engine/core-modules/throttler/throttler.service.ts`,
 *   `utils/throttler-to-graphql-api-exception-handler.util.ts`), no Retry-After. The v0.53 line
 *   threw `Too many requests.` from a Yoga plugin on each root field
 *   (`engine/api/graphql/graphql-config/hooks/use-throttler.ts`), which its error hook reports
 *   under INTERNAL_SERVER_ERROR. Matched by wording, not code, and loosely: either phrase, or
 *   "rate limit", in any case, so that a reworded message still reads as throttling.
 * - GRAPHQL_VALIDATION_FAILED (HTTP 400, GraphQL Yoga): the server's schema does not have what we
 *   selected, e.g. it was upgraded to another generation; the connector looks at it again.
 * - A `first` above the server's maximum (BAD_USER_INPUT naming the number of records): the
 *   connector retries with the maximum it names.
 * - `Invalid cursor: …` (or a BAD_USER_INPUT about the cursor): the cursor we sent is not one this
 *   server accepts.
 */

/** The server's schema does not validate our document (a field or sub-field it does not have). */
export class TwentySelectionRejected extends AppError {
  constructor(message: string) {
    super('crm_error', `Twenty rejected the query: ${message}`);
  }
}

/** The server refused the page size; `cap` is the largest it named (null when none was named). */
export class TwentyPageTooLarge extends AppError {
  constructor(
    readonly cap: number | null,
    message: string,
  ) {
    super('crm_error', `Twenty refused the page size: ${message}`);
  }
}

const THROTTLED = /limit reached|too many requests|rate[ -]?limit/i;
const THROTTLE_CODES = new Set(['LIMIT_REACHED', 'TOO_MANY_REQUESTS', 'RATE_LIMITED']);
/** e.g. "Maximum number of records to fetch is 60". */
const PAGE_TOO_LARGE = /\brecords?\b/i;
const PAGE_TOO_LARGE_LIMIT = /\b(?:max(?:imum)?|limit(?:ed)?|at most|more than|exceeds?)\b/i;

export function classifyTwentyErrors(errors: CrmGraphQLError[]): AppError | undefined {
  for (const e of errors) {
    if (e.code === 'UNAUTHENTICATED' || e.code === 'FORBIDDEN') {
      return new AppError('crm_unauthorized', `Twenty rejected the API key (${e.code}).`);
    }
  }
  for (const e of errors) {
    if (THROTTLED.test(e.message) || (e.code !== undefined && THROTTLE_CODES.has(e.code))) {
      return new AppError('crm_rate_limited', 'Twenty is throttling requests for this workspace; retry later.', {
        retryAfterSeconds: 60,
        retryable: true,
      });
    }
  }
  for (const e of errors) {
    if (e.code === 'GRAPHQL_VALIDATION_FAILED') return new TwentySelectionRejected(e.message.slice(0, 300));
    if (e.code === 'INTERNAL_SERVER_ERROR' || e.code === 'TIMEOUT') {
      return new AppError('crm_error', `Twenty failed (${e.code}).`, { retryable: true });
    }
    // The prefix is what older servers say; newer ones word it differently under BAD_USER_INPUT.
    if (e.message.startsWith('Invalid cursor') || (e.code === 'BAD_USER_INPUT' && /cursor/i.test(e.message))) {
      return new AppError('crm_error', 'Twenty refused the pagination cursor.', { cursorRejected: true });
    }
    if ((e.code === 'BAD_USER_INPUT' || e.code === undefined) && PAGE_TOO_LARGE.test(e.message) && PAGE_TOO_LARGE_LIMIT.test(e.message)) {
      const named = /(\d{1,6})/.exec(e.message);
      const cap = named ? Number(named[1]) : null;
      return new TwentyPageTooLarge(cap !== null && cap > 0 ? cap : null, e.message.slice(0, 300));
    }
  }
  return undefined;
}
