import type { CrmFetch, CrmResponse } from '../../crm-http/crm-fetch.js';
import { retryAfter, type CrmGraphQLError } from '../../crm-http/graphql-call.js';
import { AppError } from '../../errors.js';

/**
 * Error codes, from the REST API's documented error bodies: `[{ "message", "errorCode" }]`.
 * - INVALID_SESSION_ID with HTTP 401: the access token expired or was revoked (documented for
 *   GraphQL too: https://developer.salesforce.com/docs/platform/graphql/guide/query-status.html).
 * - REQUEST_LIMIT_EXCEEDED: the org's API request limit is exhausted. The GraphQL endpoint answers
 *   it with HTTP 503 ("When you exceed the rate limit, the endpoint returns a 503 Service
 *   Unavailable error code", https://developer.salesforce.com/docs/platform/graphql/guide/rate-limit.html);
 *   the REST API with 403. (unconfirmed) the body of the GraphQL 503: the code is looked for in a
 *   REST-style array, anywhere in another body, and in GraphQL error messages.
 */
export const SESSION_INVALID = 'INVALID_SESSION_ID';
export const REQUEST_LIMIT_EXCEEDED = 'REQUEST_LIMIT_EXCEEDED';

/** A REST-style error body: a non-empty JSON array of `{ errorCode, message }` objects. */
export function restErrorCodes(body: string): string[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length === 0) return null;
  const codes: string[] = [];
  for (const item of parsed as unknown[]) {
    const code = typeof item === 'object' && item !== null ? (item as { errorCode?: unknown }).errorCode : undefined;
    if (typeof code === 'string') codes.push(code);
  }
  return codes.length > 0 ? codes : null;
}

/**
 * How long Talkdesk should wait after REQUEST_LIMIT_EXCEEDED when Salesforce gives no Retry-After.
 * The code means "you've exceeded API request limits in your org"
 * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm): the
 * rolling 24-hour allowance, which clears slowly, or a concurrency limit, which clears in seconds.
 * No wait suits both; a minute does not hammer an exhausted org and is short after a spike. It is
 * also longer than any request deadline, so the page fails at once with 429 instead of spending
 * its deadline on retries that cannot succeed.
 */
export const REQUEST_LIMIT_RETRY_AFTER_SECONDS = 60;

function rateLimited(retryAfterSeconds: number | undefined): AppError {
  return new AppError(
    'crm_rate_limited',
    'Salesforce refused the request: the org has exceeded its API request limit (REQUEST_LIMIT_EXCEEDED).',
    {
      retryAfterSeconds: retryAfterSeconds ?? REQUEST_LIMIT_RETRY_AFTER_SECONDS,
      retryable: true,
    },
  );
}

/**
 * Salesforce answers failures outside GraphQL (authentication, limits, unknown paths) the way its
 * REST API does: an HTTP status with a JSON array body `[{ "message", "errorCode" }]`
 * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm).
 * The shared GraphQL call reads HTTP 401 and 403 as "credentials refused" and 503 as a passing
 * outage before any connector hook runs, which is right for 401 INVALID_SESSION_ID but wrong for
 * REQUEST_LIMIT_EXCEEDED (503 from GraphQL, 403 from REST): a 401 would make Talkdesk refresh a
 * perfectly good token, and retrying an exhausted allowance only spends the deadline. This wrapper around the CRM fetch reads
 * those bodies first and raises the right AppError itself; every other answer passes through
 * untouched (the body is read once and handed on).
 */
export function readSalesforceErrors(fetch: CrmFetch): CrmFetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (response.ok) return response;
    const body = await response.text();
    const codes = restErrorCodes(body) ?? [];
    // A 503 without the code is an outage (retried), not the allowance.
    if (codes.includes(REQUEST_LIMIT_EXCEEDED) || body.includes(REQUEST_LIMIT_EXCEEDED)) throw rateLimited(retryAfter(response.headers));
    if (response.status === 401 || codes.includes(SESSION_INVALID)) {
      throw new AppError(
        'crm_unauthorized',
        `Salesforce rejected the access token (${codes.includes(SESSION_INVALID) ? SESSION_INVALID : `HTTP ${response.status}`}).`,
      );
    }
    if (response.status === 404) {
      throw new AppError(
        'crm_bad_response',
        'Salesforce has no GraphQL API at this address (HTTP 404): check auth.instance_url and auth.api_version.',
      );
    }
    return replay(response, body);
  };
}

function replay(response: CrmResponse, body: string): CrmResponse {
  return { status: response.status, ok: response.ok, headers: response.headers, text: () => Promise.resolve(body) };
}

/**
 * Errors inside a GraphQL answer. Salesforce's GraphQL errors carry graphql-java's
 * `extensions.classification` (ValidationError, DataFetchingException…) rather than a `code`, so
 * the codes that matter are looked for in the messages too (unconfirmed: see the error codes above).
 * Everything else is the generic crm_error.
 */
export function classifySalesforceErrors(errors: CrmGraphQLError[]): AppError | undefined {
  const mentions = (code: string): boolean => errors.some((e) => e.code === code || e.message.includes(code));
  if (mentions(SESSION_INVALID)) return new AppError('crm_unauthorized', `Salesforce rejected the access token (${SESSION_INVALID}).`);
  if (mentions(REQUEST_LIMIT_EXCEEDED)) return rateLimited(undefined);
  return undefined;
}
