import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createApp, type Lifecycle } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createConnectors, type ConnectorOptions } from '../../src/connectors/registry.js';
import { createCrmDeps } from '../../src/crm-http/crm-deps.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';
import type { Tracing } from '../../src/tracing/tracing.js';

export interface TestBridge {
  url: string;
  config: Config;
  lifecycle: Lifecycle;
  /** Every log line the bridge wrote, parsed. */
  logs: Array<Record<string, unknown>>;
  /** Raw log text, for "no secret appears anywhere" assertions. */
  logText(): string;
  post(
    path: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; body: any; text: string }>;
  close(): Promise<void>;
}

/**
 * The real bridge (createApp, real CRM fetch, real connectors) over real HTTP on 127.0.0.1:0.
 * `env` overrides configuration as the process environment would; `allowedHosts` lets it reach
 * fake CRMs on loopback the way CRM_ALLOWED_HOSTS does in production. `connectors` lowers a
 * connector's built-in limits to match a fake's (e.g. Shopify's pagination limit). `now` is the
 * clock the connectors judge record ages by (a fake CRM's own clock, so the two agree as in
 * production).
 */
export async function startBridge(
  options: {
    env?: Record<string, string>;
    allowedHosts?: string[];
    connectors?: ConnectorOptions;
    tracing?: Tracing;
    now?: () => number;
  } = {},
): Promise<TestBridge> {
  // The fakes enforce no rate limit unless a test turns one on, so the bridge is not told to
  // pace under Twenty's defaults either (a test that wants them sets TWENTY_RATE_LIMITS).
  const config = loadConfig({ DEMO_CRM: 'off', LOG_LEVEL: 'info', TWENTY_RATE_LIMITS: '1000000/1000', ...options.env });
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString('utf8'));
      cb();
    },
  });
  const logger = createLogger(config.logLevel, sink);
  const lifecycle: Lifecycle = { accepting: true };
  const metrics = createMetrics({ defaultMetrics: false });
  const app = createApp({
    config,
    logger,
    connectors: createConnectors(createCrmDeps(config, options.allowedHosts, metrics, logger, options.now), options.connectors),
    lifecycle,
    metrics,
    tracing: options.tracing,
  });
  const server = http.createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    config,
    lifecycle,
    get logs() {
      return chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    logText: () => chunks.join(''),
    async post(path, body, headers = {}) {
      const res = await fetch(url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      return { status: res.status, headers: res.headers, body: parsed, text };
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
