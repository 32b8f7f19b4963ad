import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { startFakeTwenty, type FakeTwenty } from '../../fake-crms/twenty/index.js';
import { loadConfig } from '../../src/config.js';
import { createTracing, type Tracing } from '../../src/tracing/tracing.js';
import { startBridge, type TestBridge } from '../support/bridge.js';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver.js';

const SECRET = 'sk-live-tracing-0123456789abcdef';
const BRIDGE_TOKEN = 'bridge-token-tracing-0123456789';
const PARENT_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_SPAN = '00f067aa0ba902b7';
// OTLP span kinds (opentelemetry-proto trace.proto, Span.SpanKind).
const SERVER = 2;
const CLIENT = 3;
const STATUS_ERROR = 2;

describe('OpenTelemetry tracing (OTLP/HTTP to an in-process collector)', () => {
  let fake: FakeTwenty;
  let collector: OtlpReceiver;
  let tracing: Tracing;
  let bridge: TestBridge;
  let auth: { api_key: string; base_url: string };

  beforeEach(async () => {
    fake = await startFakeTwenty({ apiKeys: [SECRET], maxPageSize: 60 });
    fake.store.create({ firstName: 'Zebediah', lastName: 'Quartermain' });
    collector = await startOtlpReceiver();
    tracing = createTracing({ endpoint: collector.url, serviceName: 'bridge-under-test', serviceVersion: '9.9.9' });
    bridge = await startBridge({
      env: { CRM_RETRY_BASE_MS: '5', CRM_MAX_RETRIES: '2', BRIDGE_TOKEN },
      allowedHosts: [new URL(fake.url).host],
      tracing,
    });
    auth = { api_key: SECRET, base_url: fake.url };
  });
  afterEach(async () => {
    await bridge.close();
    await tracing.shutdown();
    await collector.close();
    await fake.close();
  });

  const sync = (headers: Record<string, string> = {}) =>
    bridge.post(
      '/twenty/contacts',
      { auth, meta: { offset: null, context: null } },
      { authorization: `Bearer ${BRIDGE_TOKEN}`, ...headers },
    );

  async function exported(): Promise<ReceivedSpan[]> {
    await tracing.flush();
    return collector.spans;
  }

  it('when Talkdesk sends a traceparent, then the request span continues that trace and the access log carries its id', async () => {
    const res = await sync({ traceparent: `00-${PARENT_TRACE}-${PARENT_SPAN}-01` });
    expect(res.status, res.text).to.equal(200);
    const spans = await exported();
    expect(collector.paths).to.include('/v1/traces');
    const server = spans.find((s) => s.kind === SERVER);
    expect(server, JSON.stringify(spans)).to.not.equal(undefined);
    expect(server!.traceId).to.equal(PARENT_TRACE);
    expect(server!.parentSpanId).to.equal(PARENT_SPAN);
    expect(server!.name).to.equal('POST /:connector/contacts');
    expect(server!.attributes).to.include({
      'http.request.method': 'POST',
      'http.route': '/:connector/contacts',
      'http.response.status_code': 200,
      'bridge.connector': 'twenty',
      'bridge.contacts': 1,
    });
    expect(server!.resource).to.include({ 'service.name': 'bridge-under-test', 'service.version': '9.9.9' });
    const access = bridge.logs.find((l) => l['msg'] === 'request' && l['path'] === '/twenty/contacts');
    expect(access?.['trace_id']).to.equal(PARENT_TRACE);
  });

  it('when there is no traceparent (or a malformed one), then the request starts a new trace', async () => {
    await sync();
    await sync({ traceparent: 'not-a-traceparent' });
    const servers = (await exported()).filter((s) => s.kind === SERVER);
    expect(servers).to.have.length(2);
    for (const s of servers) {
      expect(s.parentSpanId).to.equal(undefined);
      expect(s.traceId)
        .to.match(/^[0-9a-f]{32}$/)
        .and.not.equal(PARENT_TRACE);
    }
    expect(servers[0]!.traceId).to.not.equal(servers[1]!.traceId);
  });

  it('when the CRM fails once and then answers, then each attempt is a child span with its number, outcome, status and retry wait', async () => {
    fake.injectFaults(['http503']);
    const res = await sync();
    expect(res.status, res.text).to.equal(200);
    const spans = await exported();
    const server = spans.find((s) => s.kind === SERVER)!;
    // A page may take more than one CRM call (Twenty reads its newest update time too): every
    // attempt of every call is a child of the request's span; the failed call has two attempts.
    const attempts = spans.filter((s) => s.kind === CLIENT);
    expect(attempts.length).to.be.at.least(2);
    for (const a of attempts) {
      expect(a.traceId).to.equal(server.traceId);
      expect(a.parentSpanId).to.equal(server.spanId);
      expect(a.attributes).to.include({
        'bridge.connector': 'twenty',
        'server.address': '127.0.0.1',
        'server.port': Number(new URL(fake.url).port),
      });
    }
    const failed = attempts.filter((a) => a.attributes['http.response.status_code'] === 503);
    expect(failed).to.have.length(1);
    expect(failed[0]!.attributes).to.include({
      'bridge.crm.attempt': 1,
      'bridge.crm.outcome': 'crm_error',
      'http.response.status_code': 503,
      'error.type': 'crm_error',
    });
    expect(failed[0]!.attributes['bridge.crm.retry_wait_ms']).to.be.a('number').within(0, 5);
    expect(failed[0]!.status.code).to.equal(STATUS_ERROR);
    const retried = attempts.filter((a) => a.attributes['bridge.crm.attempt'] === 2);
    expect(retried).to.have.length(1);
    expect(retried[0]!.attributes).to.include({ 'bridge.crm.outcome': 'ok', 'http.response.status_code': 200 });
    expect(retried[0]!.attributes).to.not.have.property('bridge.crm.retry_wait_ms');
  });

  it('when the CRM keeps failing, then the request span is an error and records the error code', async () => {
    fake.injectFaults(['http500', 'http500', 'http500']);
    const res = await sync();
    expect(res.status).to.equal(502);
    const spans = await exported();
    const server = spans.find((s) => s.kind === SERVER)!;
    expect(server.attributes).to.include({ 'http.response.status_code': 502, 'error.type': 'crm_error' });
    expect(server.status.code).to.equal(STATUS_ERROR);
    const last = spans.filter((s) => s.kind === CLIENT).find((s) => s.attributes['bridge.crm.attempt'] === 3);
    expect(last?.attributes).to.include({ 'bridge.crm.outcome': 'crm_error' });
    expect(last?.attributes).to.not.have.property('bridge.crm.retry_wait_ms');
  });

  it('when requests carry credentials, bodies and query strings, then nothing of them reaches the collector', async () => {
    await sync();
    await bridge.post(
      '/twenty/contacts?api_key=query-secret-value',
      { auth, meta: { offset: null, context: null } },
      { authorization: `Bearer ${BRIDGE_TOKEN}` },
    );
    await exported();
    const sent = collector.raw.join('\n');
    expect(collector.spans.length).to.be.at.least(4);
    for (const forbidden of [SECRET, BRIDGE_TOKEN, 'query-secret-value', 'api_key', 'Zebediah', 'Quartermain', 'people(', 'Bearer']) {
      expect(sent, forbidden).to.not.include(forbidden);
    }
  });
});

describe('tracing configuration', () => {
  it('when OTEL_EXPORTER_OTLP_ENDPOINT is unset, then tracing is off', () => {
    expect(loadConfig({}).otelEndpoint).to.equal(undefined);
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318' }).otelEndpoint).to.equal('http://otel-collector:4318');
  });
  it('when OTEL_EXPORTER_OTLP_ENDPOINT is not an http(s) URL, then the bridge refuses to start, naming it', () => {
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'otel-collector:4317' })).to.throw(/OTEL_EXPORTER_OTLP_ENDPOINT/);
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://otel:4317' })).to.throw(/OTEL_EXPORTER_OTLP_ENDPOINT/);
  });
  it('when tracing is off, then the access log line has no trace id', async () => {
    const bridge = await startBridge();
    try {
      await fetch(bridge.url + '/health', { headers: { traceparent: `00-${PARENT_TRACE}-${PARENT_SPAN}-01` } });
      const access = bridge.logs.find((l) => l['path'] === '/health');
      expect(access).to.not.equal(undefined);
      expect(access).to.not.have.property('trace_id');
    } finally {
      await bridge.close();
    }
  });
});

describe('tracing in the bridge process (src/server.ts)', function () {
  this.timeout(40_000);

  it('when OTEL_EXPORTER_OTLP_ENDPOINT is set, then requests are traced and their spans are sent before the process exits on SIGTERM', async () => {
    const collector = await startOtlpReceiver();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: {
        PATH: process.env['PATH'] ?? '',
        HOST: '127.0.0.1',
        PORT: '0',
        DEMO_CRM: 'off',
        LOG_FORMAT: 'json',
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const exited = once(child, 'exit');
      let listening: { port: number; tracing: string } | undefined;
      for (let i = 0; i < 600 && !listening; i++) {
        await new Promise((r) => setTimeout(r, 25));
        const line = out.split('\n').find((l) => l.includes('"bridge listening"'));
        if (line) listening = JSON.parse(line) as { port: number; tracing: string };
      }
      expect(listening?.tracing).to.equal('otlp');
      const res = await fetch(`http://127.0.0.1:${listening!.port}/ready`, {
        headers: { traceparent: `00-${PARENT_TRACE}-${PARENT_SPAN}-01` },
      });
      expect(res.status).to.equal(200);
      // No flush from here: the batch goes out because the process sends it on its way down.
      child.kill('SIGTERM');
      expect((await exited)[0]).to.equal(0);
      const span = collector.spans.find((s) => s.traceId === PARENT_TRACE);
      expect(span?.name).to.equal('GET /ready');
      expect(span?.resource['service.name']).to.equal('talkdesk-crm-bridge');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await collector.close();
    }
  });
});
