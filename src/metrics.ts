import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics, served at GET /metrics. One registry per app (tests build several apps in
 * one process). Label values are bounded: connector names, route patterns, status codes and the
 * bridge's own error codes — never anything taken from a request.
 */
export interface Metrics {
  readonly registry: Registry;
  readonly httpDuration: Histogram<'connector' | 'route' | 'status'>;
  readonly crmCallDuration: Histogram<'connector' | 'outcome'>;
  readonly crmErrors: Counter<'connector' | 'code'>;
  readonly crmRetries: Counter<'connector'>;
  readonly contactsReturned: Counter<'connector'>;
  readonly crmPacingWait: Histogram<'connector'>;
  readonly crmAllowanceUsed: Histogram<'connector'>;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'bridge_http_request_duration_seconds',
      help: 'Time to answer a request, by connector, route pattern and status',
      labelNames: ['connector', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    crmCallDuration: new Histogram({
      name: 'bridge_crm_call_duration_seconds',
      help: 'Time of one CRM GraphQL call (each attempt), by connector and outcome (ok or error code)',
      labelNames: ['connector', 'outcome'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    crmErrors: new Counter({
      name: 'bridge_crm_errors_total',
      help: 'Failed CRM calls (each attempt), by connector and error code',
      labelNames: ['connector', 'code'],
      registers: [registry],
    }),
    crmRetries: new Counter({
      name: 'bridge_crm_retries_total',
      help: 'CRM calls retried after a transient failure',
      labelNames: ['connector'],
      registers: [registry],
    }),
    contactsReturned: new Counter({
      name: 'bridge_contacts_returned_total',
      help: 'Contacts returned to Talkdesk',
      labelNames: ['connector'],
      registers: [registry],
    }),
    crmPacingWait: new Histogram({
      name: 'bridge_crm_pacing_wait_seconds',
      help: "Time a CRM call waited for the CRM's rate limit to allow it (src/pacing/), by connector",
      labelNames: ['connector'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25],
      registers: [registry],
    }),
    crmAllowanceUsed: new Histogram({
      name: 'bridge_crm_api_allowance_used_ratio',
      help: "Share of the CRM org's daily API allowance used, as reported with each answer (Salesforce), by connector",
      labelNames: ['connector'],
      buckets: [0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1],
      registers: [registry],
    }),
  };
}
