import type { CrmGraphQLError } from '../../crm-http/graphql-call.js';
import { AppError } from '../../errors.js';

/**
 * `extensions.cost` of a Shopify answer: what the call asked of the app's leaky bucket and what the
 * bucket holds (https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits).
 */
export interface ShopifyCost {
  requestedQueryCost: number;
  throttleStatus: {
    maximumAvailable: number;
    currentlyAvailable: number;
    restoreRate: number;
  };
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** The cost block of a response body, or null when the body has none (or is not JSON). */
export function parseCost(body: string): ShopifyCost | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  return costOf(parsed);
}

/** The cost block of a parsed answer, or null when it has none. */
export function costOf(parsed: unknown): ShopifyCost | null {
  const cost = (parsed as { extensions?: { cost?: unknown } } | null)?.extensions?.cost as Record<string, unknown> | undefined;
  const status = cost?.['throttleStatus'] as Record<string, unknown> | undefined;
  if (
    !isNumber(cost?.['requestedQueryCost']) ||
    !isNumber(status?.['maximumAvailable']) ||
    !isNumber(status?.['currentlyAvailable']) ||
    !isNumber(status?.['restoreRate'])
  ) {
    return null;
  }
  return {
    requestedQueryCost: cost['requestedQueryCost'],
    throttleStatus: {
      maximumAvailable: status['maximumAvailable'],
      currentlyAvailable: status['currentlyAvailable'],
      restoreRate: status['restoreRate'],
    },
  };
}

/** Retry-After values are capped like the shared parser caps a CRM's header. */
const MAX_WAIT_SECONDS = 3600;

/**
 * Seconds until the bucket holds the requested cost again: it refills continuously at
 * `restoreRate` points per second. At least 1 (a throttled call is never retried at once);
 * undefined when the numbers are missing or cannot describe a wait.
 */
export function throttleWaitSeconds(cost: ShopifyCost | null): number | undefined {
  if (cost === null) return undefined;
  const { requestedQueryCost, throttleStatus } = cost;
  if (!(throttleStatus.restoreRate > 0)) return undefined;
  const seconds = Math.ceil((requestedQueryCost - throttleStatus.currentlyAvailable) / throttleStatus.restoreRate);
  return Math.min(MAX_WAIT_SECONDS, Math.max(1, seconds));
}

/** A call that costs more than the bucket can ever hold would be throttled forever. */
function neverFits(cost: ShopifyCost | null): boolean {
  return cost !== null && cost.requestedQueryCost > cost.throttleStatus.maximumAvailable;
}

/**
 * How Shopify reports failures in GraphQL errors (`errors[].extensions.code`,
 * https://shopify.dev/docs/api/admin-graphql#status-and-error-codes). HTTP 401/403 and 5xx are
 * handled by the shared call before this; HTTP 429 too, with the wait put in its Retry-After by
 * the client (client.ts).
 * - THROTTLED: the leaky bucket lacks the requested cost. Retryable after the refill time, which
 *   the shared retry loop waits when it fits before the request's deadline; otherwise Talkdesk gets
 *   429 with that Retry-After.
 * - ACCESS_DENIED: the token lacks `read_customers` (or protected customer data access).
 * - MAX_COST_EXCEEDED: the page is too costly for a single query; PAGE_SIZE must come down.
 * - INTERNAL_SERVER_ERROR: transient on Shopify's side.
 */
export function classifyShopifyErrors(errors: CrmGraphQLError[], cost: ShopifyCost | null): AppError | undefined {
  for (const e of errors) {
    if (e.code === 'THROTTLED') {
      if (neverFits(cost)) {
        return new AppError('crm_error', 'Shopify throttled a page that costs more than this store allows per query; lower PAGE_SIZE.');
      }
      return new AppError('crm_rate_limited', 'Shopify is throttling this app on this store (query cost budget exhausted); retry later.', {
        retryAfterSeconds: throttleWaitSeconds(cost) ?? 1,
        retryable: true,
        logDetail: cost ? { requestedCost: cost.requestedQueryCost, available: cost.throttleStatus.currentlyAvailable } : undefined,
      });
    }
  }
  for (const e of errors) {
    if (e.code === 'ACCESS_DENIED') {
      return new AppError(
        'crm_unauthorized',
        'Shopify denied access (ACCESS_DENIED): the access token needs the read_customers scope and access to customer data.',
      );
    }
    if (e.code === 'MAX_COST_EXCEEDED') {
      return new AppError('crm_error', 'Shopify refused the page as too costly for one query (MAX_COST_EXCEEDED); lower PAGE_SIZE.');
    }
    if (e.code === 'INTERNAL_SERVER_ERROR') {
      return new AppError('crm_error', 'Shopify failed (INTERNAL_SERVER_ERROR).', { retryable: true });
    }
    if (isCursorRejection(e.message)) {
      return new AppError('crm_error', 'Shopify refused the pagination cursor.', { cursorRejected: true });
    }
  }
  return undefined;
}

/*
 * (unconfirmed) A throttled call is answered HTTP 200 with `errors[].extensions.code = "THROTTLED"`
 * (most reports) or HTTP 429 (some reports); both carry `extensions.cost`, whose requestedQueryCost,
 * currentlyAvailable and restoreRate give the wait. Whether a 429 also has a Retry-After header, and
 * in which form, is unknown: the body's numbers win when present.
 */

/**
 * (unconfirmed) Shopify's wording when it refuses an `after` cursor (a malformed or foreign cursor,
 * or one past its pagination depth limit: https://shopify.dev/docs/api/usage/limits states 25,000
 * objects without saying which APIs enforce it). Matched loosely; the shared sync then restarts the
 * run's remainder from the last position it delivered.
 */
export function isCursorRejection(message: string): boolean {
  return /cursor/i.test(message) && /invalid|expired|not valid|malformed|limit|exceed/i.test(message);
}
