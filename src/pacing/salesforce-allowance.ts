import type { CallContext } from '../connectors/connector.js';
import type { CrmFetch } from '../crm-http/crm-fetch.js';
import { AppError } from '../errors.js';
import type { Metrics } from '../metrics.js';
import { ALLOWANCE_RETRY_AFTER_SECONDS } from './pacer.js';

/**
 * Salesforce limits an org by a daily allowance of API requests (a rolling 24 hours, shared by
 * every integration of the org), not by a rate: spreading calls over a minute changes nothing
 * about it, so the bridge does not pace Salesforce in time. Each answer states the allowance in
 * the `Sforce-Limit-Info` header, `api-usage=<used>/<limit>`
 * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_api_usage.htm),
 * and each subquery of a GraphQL request counts as one request (GraphQL API "query limits").
 * What the bridge does with it:
 * - reports it: the share used is observed in `bridge_crm_api_allowance_used_ratio`;
 * - carries the last report in the run's offset, and when it shows the allowance cannot pay for
 *   the next page, answers 429 before calling, with a Retry-After of an hour (a used-up daily
 *   allowance does not come back in a minute);
 * - when Salesforce refuses a page (REQUEST_LIMIT_EXCEEDED) right after such a report, asks for
 *   the same long wait instead of the minute that suits a passing concurrency limit.
 */

/** Requests one page costs against the allowance: the page subquery and the `latest` subquery. */
export const SALESFORCE_PAGE_REQUESTS = 2;

/** `api-usage=N/M` from a Sforce-Limit-Info header (which may list other limits after a comma). */
export function parseLimitInfo(header: string | null | undefined): { used: number; limit: number } | null {
  if (!header) return null;
  const m = /(?:^|[\s,])api-usage=(\d+)\/(\d+)/.exec(header);
  if (!m) return null;
  const used = Number(m[1]);
  const limit = Number(m[2]);
  return limit > 0 ? { used, limit } : null;
}

/** Refuse the call before it is sent when the last report says the allowance cannot pay for it. */
export function paceSalesforceCall(call: CallContext): Promise<void> {
  const pacer = call.pacer;
  if (!pacer) return Promise.resolve();
  return pacer.beforeCall(0, call, 'Salesforce', SALESFORCE_PAGE_REQUESTS);
}

/** Reads Sforce-Limit-Info from every answer into the run's pacing state and the metrics. */
export function readingAllowance(fetch: CrmFetch, call: CallContext, metrics: Metrics | undefined): CrmFetch {
  return async (url, init) => {
    let response;
    try {
      response = await fetch(url, init);
    } catch (err) {
      throw longerWhenAllowanceUsedUp(err, call);
    }
    const reported = parseLimitInfo(response.headers.get('sforce-limit-info'));
    if (reported !== null) {
      call.pacer?.allowanceReported(reported.used, reported.limit);
      metrics?.crmAllowanceUsed.observe({ connector: 'salesforce' }, Math.min(1, reported.used / reported.limit));
    }
    return response;
  };
}

function longerWhenAllowanceUsedUp(err: unknown, call: CallContext): unknown {
  if (!(err instanceof AppError) || err.code !== 'crm_rate_limited' || !call.pacer?.allowanceExhausted(SALESFORCE_PAGE_REQUESTS))
    return err;
  return new AppError('crm_rate_limited', `${err.message} The org's daily API allowance is used up.`, {
    retryAfterSeconds: ALLOWANCE_RETRY_AFTER_SECONDS,
    logDetail: err.logDetail,
  });
}
