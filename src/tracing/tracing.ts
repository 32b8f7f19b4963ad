import { ROOT_CONTEXT, SpanKind, SpanStatusCode, defaultTextMapGetter, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Context, Next } from 'koa';
import { AppError } from '../errors.js';
import { activeRequest } from './active-request.js';

/**
 * OpenTelemetry tracing, built only when OTEL_EXPORTER_OTLP_ENDPOINT is set: a server span per
 * inbound request (continuing Talkdesk's W3C `traceparent` when it sends one) and, below it, a
 * client span per CRM call attempt (src/tracing/crm-attempt-span.ts). Spans go to an OTLP/HTTP
 * collector as JSON. When it is not set nothing here is installed: the request path is the same
 * as without this module.
 *
 * Attributes are chosen so that nothing a request carries can leak: no body, no header values,
 * no query string (ctx.path, not ctx.url), no CRM URL beyond its host and port, no GraphQL text.
 */
export interface Tracing {
  /** Koa middleware: runs inside the access log (src/http/request-context.ts) and outside the error handler. */
  readonly middleware: (ctx: Context, next: Next) => Promise<void>;
  /** Export every finished span now (tests; shutdown). */
  flush(): Promise<void>;
  /** Flush and stop exporting; call once, at process exit. */
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  /** OTEL_EXPORTER_OTLP_ENDPOINT: the collector's base URL; spans are posted to {endpoint}/v1/traces. */
  endpoint: string;
  serviceName: string;
  serviceVersion: string;
  /** Extra headers for the collector (OTEL_EXPORTER_OTLP_HEADERS is also read by the exporter itself). */
  headers?: Record<string, string>;
}

const propagator = new W3CTraceContextPropagator();

export function createTracing(options: TracingOptions): Tracing {
  // The OTLP/HTTP convention: the signal path is appended to the base endpoint (OTel spec,
  // "OTLP Exporter Configuration", OTEL_EXPORTER_OTLP_ENDPOINT).
  const url = new URL('v1/traces', options.endpoint.endsWith('/') ? options.endpoint : `${options.endpoint}/`).href;
  const exporter = new OTLPTraceExporter({ url, ...(options.headers ? { headers: options.headers } : {}) });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName, 'service.version': options.serviceVersion }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('talkdesk-crm-bridge', options.serviceVersion);

  async function tracingMiddleware(ctx: Context, next: Next): Promise<void> {
    // An invalid or absent traceparent leaves the root context: the span starts a new trace.
    const parent = propagator.extract(ROOT_CONTEXT, ctx.headers, defaultTextMapGetter);
    const span = tracer.startSpan(
      ctx.method,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': ctx.method, 'url.path': ctx.path } },
      parent,
    );
    ctx.state['traceId'] = span.spanContext().traceId;
    try {
      await activeRequest.run({ tracer, parent: trace.setSpan(parent, span) }, next);
    } finally {
      const route = (ctx as { _matchedRoute?: string })._matchedRoute;
      // Semantic conventions: "{method} {route}" when the route is known, the method alone otherwise.
      if (route) span.updateName(`${ctx.method} ${route}`).setAttribute('http.route', route);
      span.setAttribute('http.response.status_code', ctx.status);
      if (ctx.state['connector']) span.setAttribute('bridge.connector', String(ctx.state['connector']));
      if (typeof ctx.state['contacts'] === 'number') span.setAttribute('bridge.contacts', ctx.state['contacts']);
      const err = ctx.state['error'];
      if (err instanceof AppError) span.setAttribute('error.type', err.code);
      // Server spans are errors for 5xx only: a 4xx is the caller's mistake (semantic conventions, HTTP spans).
      if (ctx.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
  }

  return {
    middleware: tracingMiddleware,
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}
