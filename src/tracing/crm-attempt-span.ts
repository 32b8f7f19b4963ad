import { SpanKind, SpanStatusCode, type Span } from '@opentelemetry/api';
import type { CrmFetch } from '../crm-http/crm-fetch.js';
import { activeRequest } from './active-request.js';

/** How one CRM call attempt ended, recorded on its span. */
export interface AttemptOutcome {
  /** 'ok', or the bridge's error code (crm_rate_limited, crm_timeout, …). */
  outcome: string;
  /** The wait before the next attempt, when there is one. */
  retryWaitMs?: number | undefined;
}

/** One CRM call attempt's span; a shared no-op when the request is not traced. */
export interface AttemptSpan {
  /** The CRM fetch, recording the HTTP status and the CRM's host on this span. */
  wrap(fetch: CrmFetch): CrmFetch;
  end(result: AttemptOutcome): void;
}

const NOT_TRACED: AttemptSpan = {
  wrap: (fetch) => fetch,
  end: () => undefined,
};

/**
 * Open the span of one CRM call attempt below the request's span. Outside a traced request
 * (tracing off, or a call from the sync simulator) this is one AsyncLocalStorage read.
 */
export function startAttemptSpan(connector: string, attempt: number): AttemptSpan {
  const request = activeRequest.getStore();
  if (request === undefined) return NOT_TRACED;
  const span = request.tracer.startSpan(
    `${connector} graphql`,
    { kind: SpanKind.CLIENT, attributes: { 'bridge.connector': connector, 'bridge.crm.attempt': attempt, 'http.request.method': 'POST' } },
    request.parent,
  );
  return new TracedAttempt(span);
}

class TracedAttempt implements AttemptSpan {
  constructor(private readonly span: Span) {}

  wrap(fetch: CrmFetch): CrmFetch {
    return async (input, init) => {
      const url = typeof input === 'string' ? new URL(input) : input;
      // Host and port only: a CRM URL's path or query string may carry a tenant name or a key.
      this.span.setAttribute('server.address', url.hostname);
      if (url.port) this.span.setAttribute('server.port', Number(url.port));
      const response = await fetch(input, init);
      this.span.setAttribute('http.response.status_code', response.status);
      return response;
    };
  }

  end(result: AttemptOutcome): void {
    this.span.setAttribute('bridge.crm.outcome', result.outcome);
    if (result.retryWaitMs !== undefined) this.span.setAttribute('bridge.crm.retry_wait_ms', Math.round(result.retryWaitMs));
    if (result.outcome !== 'ok') {
      this.span.setAttribute('error.type', result.outcome);
      this.span.setStatus({ code: SpanStatusCode.ERROR });
    }
    this.span.end();
  }
}
