import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { createCrmFetch } from './crm-fetch.js';
import type { CrmDeps } from './graphql-call.js';

/** The CRM transport and retry policy every connector shares, from configuration. */
export function createCrmDeps(
  config: Config,
  extraAllowedHosts: readonly string[] = [],
  metrics?: Metrics,
  logger?: Logger,
  now?: () => number,
): CrmDeps {
  return {
    now,
    fetch: createCrmFetch({
      allowPrivateHosts: config.allowPrivateHosts,
      allowedHosts: [...config.allowedHosts, ...extraAllowedHosts],
      timeoutMs: config.crmTimeoutMs,
    }),
    retry: { maxRetries: config.crmMaxRetries, baseDelayMs: config.crmRetryBaseMs },
    metrics,
    twentyRateLimits: config.twentyRateLimits,
    logger,
  };
}
