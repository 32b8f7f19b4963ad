import { expect } from 'chai';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parser } from '@prometheus-io/lezer-promql';
import { parse } from 'yaml';
import { startFakeTwenty } from '../../fake-crms/twenty/index.js';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createConnectors } from '../../src/connectors/registry.js';
import { createCrmDeps } from '../../src/crm-http/crm-deps.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';
import { projectRoot } from '../../src/project-root.js';

const read = (file: string): string => readFileSync(join(projectRoot, file), 'utf8');

interface Selector {
  metric: string;
  labels: string[];
}

/**
 * The vector selectors of a PromQL expression (metric name and the label names it matches on),
 * from Prometheus's own PromQL grammar (@prometheus-io/lezer-promql). A syntax error fails.
 */
function selectorsOf(expr: string): Selector[] {
  const tree = parser.parse(expr);
  const selectors: Selector[] = [];
  let error: number | undefined;
  tree.iterate({
    enter(node) {
      if (node.type.isError) error ??= node.from;
      if (node.name !== 'VectorSelector') return;
      const id = node.node.getChild('Identifier');
      const matchers = node.node.getChild('LabelMatchers');
      const labels = matchers
        ? matchers.getChildren('UnquotedLabelMatcher').map((m) => expr.slice(m.firstChild!.from, m.firstChild!.to))
        : [];
      selectors.push({ metric: id ? expr.slice(id.from, id.to) : '', labels });
    },
  });
  if (error !== undefined) throw new Error(`PromQL syntax error at ${error}: ${expr.slice(error, error + 40)}`);
  return selectors;
}

/** Grafana's variables, replaced by values of the same syntactic kind. */
function withoutGrafanaVariables(expr: string): string {
  return expr.replace(/\$__rate_interval|\$__interval|\$__range/g, '5m').replace(/\$connector/g, '.*');
}

/** Sample names and each one's label names, from a Prometheus text exposition. */
function exposition(text: string): Map<string, Set<string>> {
  const series = new Map<string, Set<string>>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s/.exec(line);
    if (!m) throw new Error(`unreadable exposition line: ${line}`);
    const labels = series.get(m[1]!) ?? new Set<string>();
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="/g)) labels.add(l[1]!);
    series.set(m[1]!, labels);
  }
  return series;
}

function alertRules(): Array<{
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}> {
  const file = parse(read('deploy/prometheus/alerts.yaml')) as { groups: Array<{ name: string; rules: any[] }> };
  return file.groups.flatMap((g) => g.rules);
}

function dashboardExpressions(): Array<{ panel: string; expr: string }> {
  const dashboard = JSON.parse(read('deploy/grafana/talkdesk-crm-bridge.json')) as {
    panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
    templating: { list: Array<{ definition?: string }> };
  };
  const out = dashboard.panels.flatMap((p) => p.targets.map((t) => ({ panel: p.title, expr: t.expr })));
  for (const v of dashboard.templating.list) {
    // label_values(metric, label) is Grafana's, not PromQL: check its metric as a selector.
    const m = /^label_values\(([^,]+),\s*([a-z_]+)\)$/.exec(v.definition ?? '');
    if (m) out.push({ panel: 'variable', expr: `${m[1]}{${m[2]}!=""}` });
  }
  return out;
}

describe('dashboard and alert rules against the real /metrics', () => {
  let exposed: Map<string, Set<string>>;

  before(async function () {
    this.timeout(30_000);
    // The bridge as production runs it (default process metrics on), after real traffic: a sync
    // page, a throttled CRM call that is retried, and a failed page, so every labelled series exists.
    const fake = await startFakeTwenty({ apiKeys: ['sk-observability-0123456789'] });
    fake.store.create({ firstName: 'Ada' });
    const config = loadConfig({ DEMO_CRM: 'off', CRM_RETRY_BASE_MS: '5' });
    const sink = new Writable({ write: (_c, _e, cb) => cb() });
    const metrics = createMetrics();
    const app = createApp({
      config,
      logger: createLogger('silent', sink),
      connectors: createConnectors(createCrmDeps(config, [new URL(fake.url).host], metrics)),
      metrics,
    });
    const server = http.createServer(app.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const sync = () =>
        fetch(`${url}/twenty/contacts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ auth: { api_key: 'sk-observability-0123456789', base_url: fake.url }, meta: {} }),
        });
      expect((await sync()).status).to.equal(200);
      fake.injectFaults(['throttle']);
      expect((await sync()).status).to.be.oneOf([200, 429]);
      fake.injectFaults(['http500', 'http500', 'http500']);
      expect((await sync()).status).to.equal(502);
      exposed = exposition(await (await fetch(`${url}/metrics`)).text());
    } finally {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await fake.close();
    }
  });

  function expectExposed(where: string, expr: string): void {
    const selectors = selectorsOf(withoutGrafanaVariables(expr));
    expect(selectors.length, `${where}: no metric in ${expr}`).to.be.above(0);
    for (const { metric, labels } of selectors) {
      expect(exposed.has(metric), `${where}: ${metric} is not exposed by /metrics`).to.equal(true);
      for (const label of labels) expect(exposed.get(metric)!.has(label), `${where}: ${metric} has no label ${label}`).to.equal(true);
    }
  }

  it('when an expression names a metric /metrics does not expose, then the check fails (the check itself)', () => {
    expect(() => expectExposed('self-test', 'rate(bridge_http_requests_total[5m])')).to.throw(/not exposed/);
    expect(() => expectExposed('self-test', 'rate(bridge_crm_errors_total{reason="x"}[5m])')).to.throw(/no label reason/);
    expect(() => selectorsOf('sum(rate(bridge_crm_errors_total[5m])')).to.throw(/syntax error/);
  });

  it('when the alert rules are loaded, then each is well-formed and every metric and label it uses is exposed', () => {
    const rules = alertRules();
    expect(rules.map((r) => r.alert)).to.include.members([
      'BridgeErrorRatioHigh',
      'BridgeCrmRateLimited',
      'BridgeLatencyNearDeadline',
      'BridgeNoRequests',
    ]);
    for (const rule of rules) {
      expect(rule.expr, rule.alert).to.be.a('string');
      expect(rule.for ?? '0s', rule.alert).to.match(/^\d+[smh]$/);
      expect(rule.labels?.['severity'], rule.alert).to.be.oneOf(['critical', 'warning', 'info']);
      expect(rule.annotations?.['summary'], rule.alert).to.be.a('string');
      expectExposed(rule.alert, rule.expr);
    }
  });

  it('when the latency alert fires, then its threshold lies below the request deadline', () => {
    const rule = alertRules().find((r) => r.alert === 'BridgeLatencyNearDeadline')!;
    const threshold = Number(/>\s*([\d.]+)\s*$/.exec(rule.expr.trim())?.[1]);
    const deadlineSeconds = loadConfig({}).requestDeadlineMs / 1000;
    expect(threshold)
      .to.be.above(0.5 * deadlineSeconds)
      .and.below(deadlineSeconds);
  });

  it('when the dashboard is loaded, then every panel query and variable uses only exposed metrics and labels', () => {
    const expressions = dashboardExpressions();
    expect(expressions.length).to.be.at.least(10);
    for (const { panel, expr } of expressions) expectExposed(panel, expr);
  });
});
