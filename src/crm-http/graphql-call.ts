import { setTimeout as sleep } from 'node:timers/promises';
import { ClientError, GraphQLClient } from 'graphql-request';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { startAttemptSpan } from '../tracing/crm-attempt-span.js';
import type { CrmFetch } from './crm-fetch.js';

export interface RetryPolicy {
  /** Retries after the first attempt (0 = none). */
  maxRetries: number;
  /** First backoff step; doubles each retry, with full jitter, capped at 8 steps. */
  baseDelayMs: number;
}

/** What every connector needs to call its CRM. */
export interface CrmDeps {
  fetch: CrmFetch;
  retry: RetryPolicy;
  metrics?: Metrics | undefined;
  /** Twenty's rate limits assumed until a workspace states its own (TWENTY_RATE_LIMITS); default Twenty's. */
  twentyRateLimits?: readonly { readonly tokens: number; readonly windowMs: number }[] | undefined;
  /** For facts about a CRM worth an operator's attention (never a credential). */
  logger?: Logger | undefined;
  /**
   * The bridge's clock (epoch ms), for a connector that judges how far in the past a record's
   * time is. Date.now when absent; tests pass the fake CRM's clock.
   */
  now?: (() => number) | undefined;
}

/** Time a retry must leave for the call itself, or it is not worth starting. */
const MIN_CALL_BUDGET_MS = 500;

/** A GraphQL error as CRMs send it (only the parts we read). */
export interface CrmGraphQLError {
  message: string;
  code: string | undefined;
}

export interface GraphQLCallOptions {
  endpoint: string;
  headers: Record<string, string>;
  /** The operation, printed once at module load (graphql-request would print an AST per call). */
  query: string;
  variables: Record<string, unknown>;
  signal: AbortSignal;
  /** Epoch ms by which the Talkdesk request must be answered; retries and waits fit before it. */
  deadline: number;
  fetch: CrmFetch;
  retry: RetryPolicy;
  metrics?: Metrics | undefined;
  /** CRM name for messages, e.g. "Twenty". */
  crm: string;
  /**
   * Before every attempt: the connector's pacing under the CRM's limits (src/pacing/), which may
   * wait inside the deadline or fail the page with crm_rate_limited.
   */
  pace?: (() => Promise<void>) | undefined;
  /** The connector's reading of GraphQL errors; return undefined to use the generic crm_error. */
  classify?: (errors: CrmGraphQLError[], httpStatus: number) => AppError | undefined;
}

/**
 * One GraphQL call with graphql-request, every failure turned into an AppError with a stable code.
 * graphql-request's own errors embed the whole request and response (credentials included in
 * headers we pass), so they are never logged or surfaced: only status, codes and a short message.
 */
export async function callGraphQL<T>(options: GraphQLCallOptions): Promise<T> {
  const connector = options.crm.toLowerCase();
  const metrics = options.metrics;
  for (let attempt = 0; ; attempt++) {
    if (options.pace) {
      const pacing = performance.now();
      await options.pace();
      const waited = performance.now() - pacing;
      if (waited >= 1) metrics?.crmPacingWait.observe({ connector }, waited / 1000);
    }
    const started = performance.now();
    const span = startAttemptSpan(connector, attempt + 1);
    try {
      const data = await callOnce<T>(options, span.wrap(options.fetch));
      metrics?.crmCallDuration.observe({ connector, outcome: 'ok' }, (performance.now() - started) / 1000);
      span.end({ outcome: 'ok' });
      return data;
    } catch (err) {
      const error = err as AppError;
      metrics?.crmCallDuration.observe({ connector, outcome: error.code }, (performance.now() - started) / 1000);
      // A caller that hung up cancelled the call: not an error of the CRM's.
      if (error.code !== 'client_closed') metrics?.crmErrors.inc({ connector, code: error.code });
      const delay = retryDelay(error, attempt, options);
      span.end({ outcome: error.code, retryWaitMs: delay ?? undefined });
      if (delay === null) throw attempt > 0 ? error.addLogDetail({ retries: attempt }) : error;
      metrics?.crmRetries.inc({ connector });
      try {
        await sleep(delay, undefined, { signal: options.signal });
      } catch {
        if (options.signal.reason instanceof AppError) throw options.signal.reason.addLogDetail({ retries: attempt });
        throw new AppError('crm_timeout', `${options.crm} did not answer in time.`, { logDetail: { retries: attempt } });
      }
    }
  }
}

/**
 * How long to wait before retrying, or null to give up: only transient failures are retried,
 * at most `maxRetries` times, honouring the CRM's Retry-After, and only while the wait plus a
 * useful call still fit before the request's deadline. A rate limit that cannot be waited out
 * is answered 429 with its Retry-After, so Talkdesk retries the page later.
 */
function retryDelay(error: AppError, attempt: number, options: GraphQLCallOptions): number | null {
  if (!error.retryable || attempt >= options.retry.maxRetries || options.signal.aborted) return null;
  const backoff = options.retry.baseDelayMs * 2 ** Math.min(attempt, 8);
  const delay = error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : Math.random() * backoff;
  return Date.now() + delay + MIN_CALL_BUDGET_MS <= options.deadline ? delay : null;
}

/**
 * What graphql-request reads as the body of an answer this call has already parsed from its bytes
 * (CrmResponse.json): it hands the text straight back to the serializer below, which returns the
 * parsed value. Never shown to anyone: graphql-request keeps the body only inside its errors,
 * which toAppError reads for status, headers and the parsed errors alone.
 */
const PARSED_BODY = '(the CRM answer, parsed from its bytes by the bridge)';

/** Content types graphql-request parses as JSON (its isGraphQLContentType). */
const JSON_CONTENT = /application\/(?:graphql-response\+)?json/i;

/**
 * The CRM fetch as graphql-request sees it, with a JSON answer parsed from its bytes
 * (json-from-bytes.ts: no string the size of the whole answer) and given to graphql-request's
 * parse as the value it would have produced. An answer that is not JSON, or whose bytes do not
 * parse, is handed over as text, so graphql-request fails on it exactly as before.
 */
function parsingFromBytes(crmFetch: CrmFetch): { fetch: CrmFetch; parse: (text: string) => unknown } {
  let parsed: { value: unknown } | undefined;
  const fetchParsed: CrmFetch = async (input, init) => {
    const response = await crmFetch(input, init);
    if (response.json === undefined || !JSON_CONTENT.test(response.headers.get('content-type') ?? '')) return response;
    try {
      parsed = { value: response.json() };
    } catch {
      return response;
    }
    return { status: response.status, ok: response.ok, headers: response.headers, text: () => Promise.resolve(PARSED_BODY) };
  };
  const parse = (text: string): unknown => (parsed !== undefined && text === PARSED_BODY ? parsed.value : JSON.parse(text));
  return { fetch: fetchParsed, parse };
}

async function callOnce<T>(options: GraphQLCallOptions, crmFetch: CrmFetch): Promise<T> {
  const fromBytes = parsingFromBytes(crmFetch);
  const client = new GraphQLClient(options.endpoint, {
    fetch: fromBytes.fetch as unknown as typeof fetch,
    headers: options.headers,
    excludeOperationName: true,
    jsonSerializer: { stringify: JSON.stringify, parse: fromBytes.parse },
  });
  let data: T | undefined;
  try {
    const response = await client.rawRequest<T>({ query: options.query, variables: options.variables, signal: options.signal });
    data = response.data;
  } catch (err) {
    throw toAppError(err, options);
  }
  if (data === null || data === undefined || typeof data !== 'object') {
    throw new AppError('crm_bad_response', `${options.crm} answered without data.`);
  }
  return data;
}

function toAppError(err: unknown, options: GraphQLCallOptions): AppError {
  if (err instanceof AppError) return err;
  const crm = options.crm;
  if (!(err instanceof ClientError)) {
    // graphql-request throws plain errors when a 2xx body is not a GraphQL result (HTML, junk).
    return new AppError('crm_bad_response', `${crm} answered something that is not a GraphQL response.`);
  }
  const status = err.response.status;
  const errors: CrmGraphQLError[] = Array.isArray(err.response.errors)
    ? err.response.errors.map((e) => ({
        message: typeof e?.message === 'string' ? e.message : '',
        code: typeof e?.extensions?.['code'] === 'string' ? (e.extensions['code'] as string) : undefined,
      }))
    : [];
  if (status === 401 || status === 403) {
    return new AppError('crm_unauthorized', `${crm} rejected the credentials (HTTP ${status}).`);
  }
  if (status === 429) {
    // A connector that reads the throttling answer itself (Twenty's stated limit) knows the wait.
    const classified = errors.length > 0 ? options.classify?.(errors, status) : undefined;
    if (classified?.code === 'crm_rate_limited') return classified;
    return new AppError('crm_rate_limited', `${crm} is throttling requests; retry later.`, {
      retryAfterSeconds: retryAfter(err.response.headers) ?? 1,
      retryable: true,
    });
  }
  const classified = errors.length > 0 ? options.classify?.(errors, status) : undefined;
  if (classified) return classified;
  if (status >= 500) {
    return new AppError('crm_error', `${crm} failed with HTTP ${status}.`, { logDetail: { crmStatus: status }, retryable: true });
  }
  if (errors.length > 0) {
    const first = errors[0] as CrmGraphQLError;
    return new AppError(
      'crm_error',
      `${crm} returned an error${first.code ? ` (${first.code})` : ''}: ${safeMessage(first.message, options)}`,
      {
        logDetail: { crmStatus: status, crmCodes: errors.map((e) => e.code) },
      },
    );
  }
  if (status >= 300 && status < 400)
    return new AppError('crm_bad_response', `${crm} answered with a redirect (HTTP ${status}), which is not followed.`);
  return new AppError('crm_bad_response', `${crm} answered HTTP ${status} without a GraphQL result.`);
}

/** Seconds from a Retry-After header (delta-seconds or HTTP date); undefined when absent. */
export function retryAfter(headers: { get(name: string): string | null } | undefined): number | undefined {
  const raw = headers?.get('retry-after');
  if (!raw) return undefined;
  // delta-seconds; some servers send fractions ("0.5"), which must not be read as a date.
  if (/^\d+(?:\.\d+)?$/.test(raw.trim())) return Math.min(Math.ceil(Number(raw.trim())), 3600);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.min(3600, Math.ceil((at - Date.now()) / 1000)));
}

/**
 * A CRM's error message, shortened and with anything credential-like removed: some servers echo
 * request headers or variables in their messages.
 */
export function safeMessage(message: string, options: Pick<GraphQLCallOptions, 'headers'>): string {
  let text = message.replace(/\s+/g, ' ').trim().slice(0, 300);
  for (const value of Object.values(options.headers)) {
    const secret = value.replace(/^Bearer\s+/i, '');
    if (secret.length >= 4) text = text.split(secret).join('[redacted]');
  }
  return text || 'no message';
}
