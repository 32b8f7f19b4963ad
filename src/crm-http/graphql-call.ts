import { ClientError, GraphQLClient } from 'graphql-request';
import { AppError } from '../errors.js';
import type { CrmFetch } from './crm-fetch.js';

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
  fetch: CrmFetch;
  /** CRM name for messages, e.g. "Twenty". */
  crm: string;
  /** The connector's reading of GraphQL errors; return undefined to use the generic crm_error. */
  classify?: (errors: CrmGraphQLError[], httpStatus: number) => AppError | undefined;
}

/**
 * One GraphQL call with graphql-request, every failure turned into an AppError with a stable code.
 * graphql-request's own errors embed the whole request and response (credentials included in
 * headers we pass), so they are never logged or surfaced: only status, codes and a short message.
 */
export async function callGraphQL<T>(options: GraphQLCallOptions): Promise<T> {
  const client = new GraphQLClient(options.endpoint, {
    fetch: options.fetch as unknown as typeof fetch,
    headers: options.headers,
    excludeOperationName: true,
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
    return new AppError('crm_rate_limited', `${crm} is throttling requests; retry later.`, {
      retryAfterSeconds: retryAfter(err.response.headers),
    });
  }
  const classified = errors.length > 0 ? options.classify?.(errors, status) : undefined;
  if (classified) return classified;
  if (status >= 500) return new AppError('crm_error', `${crm} failed with HTTP ${status}.`, { logDetail: { crmStatus: status } });
  if (errors.length > 0) {
    const first = errors[0] as CrmGraphQLError;
    return new AppError('crm_error', `${crm} returned an error${first.code ? ` (${first.code})` : ''}: ${safeMessage(first.message, options)}`, {
      logDetail: { crmStatus: status, crmCodes: errors.map((e) => e.code) },
    });
  }
  if (status >= 300 && status < 400) return new AppError('crm_bad_response', `${crm} answered with a redirect (HTTP ${status}), which is not followed.`);
  return new AppError('crm_bad_response', `${crm} answered HTTP ${status} without a GraphQL result.`);
}

/** Seconds from a Retry-After header (delta-seconds or HTTP date); undefined when absent. */
export function retryAfter(headers: { get(name: string): string | null } | undefined): number | undefined {
  const raw = headers?.get('retry-after');
  if (!raw) return undefined;
  if (/^\d+$/.test(raw.trim())) return Math.min(Number(raw.trim()), 3600);
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
