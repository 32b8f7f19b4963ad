import { AsyncLocalStorage } from 'node:async_hooks';
import type { Context as TraceContext, Tracer } from '@opentelemetry/api';

/** What a traced request's CRM call attempts need to open their spans below the request's. */
export interface RequestTrace {
  readonly tracer: Tracer;
  /** The trace context with the request's span in it: the parent of each attempt's span. */
  readonly parent: TraceContext;
}

/**
 * The request being traced, for code deeper in the call (the CRM calls) that has no Koa context.
 * Its own module, free of the SDK, so that the CRM call path does not load the OpenTelemetry SDK
 * when tracing is off (src/server.ts imports src/tracing/tracing.ts only when it is on).
 */
export const activeRequest = new AsyncLocalStorage<RequestTrace>();
