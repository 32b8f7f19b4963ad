import { expect } from 'chai';
import { makeRedactor } from '../../../src/sim/redact.js';
import { exitCodeFor, formatHumanReport, formatJsonReport, toJsonReport } from '../../../src/sim/report.js';
import type { SyncResult } from '../../../src/sim/run-sync.js';

const SECRET = 'sk-live-0123456789';
const redact = makeRedactor([SECRET]);

function result(overrides: Partial<SyncResult> = {}): SyncResult {
  return {
    ok: true,
    outcome: 'passed',
    url: 'http://127.0.0.1:3000/twenty/contacts',
    mode: 'full',
    startCheckpoint: null,
    completed: true,
    contacts: [],
    pages: [
      {
        page: 1,
        offsetSent: null,
        contextSent: null,
        status: 200,
        latencyMs: 12.345,
        contactCount: 2,
        checkpoint: 'cp-1',
        nextOffset: 'o1',
      },
      {
        page: 2,
        offsetSent: 'o1',
        contextSent: null,
        status: 200,
        latencyMs: 30.01,
        contactCount: 1,
        checkpoint: 'cp-2',
        nextOffset: null,
      },
    ],
    contactCount: 3,
    uniqueContacts: 3,
    duplicateIds: 0,
    missingIds: null,
    finalCheckpoint: 'cp-2',
    violations: [],
    error: null,
    elapsedMs: 1234.5,
    pageLatencyMs: { p50: 12.345, p95: 30.01, max: 30.01 },
    ...overrides,
  };
}

describe('sim report', () => {
  it('when outcomes are mapped to exit codes, then passed is 0, violations 1, bridge errors 2', () => {
    expect(
      ['passed', 'violations', 'bridge_error', 'unreachable', 'aborted'].map((o) => exitCodeFor(o as SyncResult['outcome'])),
    ).to.deep.equal([0, 1, 2, 2, 130]);
  });

  it('when a JSON report is built, then it has the documented fields with counts instead of lists', () => {
    const report = toJsonReport(result(), redact);
    expect(report).to.deep.include({
      ok: true,
      url: 'http://127.0.0.1:3000/twenty/contacts',
      pages: 2,
      contacts: 3,
      uniqueContacts: 3,
      duplicateIds: 0,
      elapsedMs: 1235,
      pageLatencyMs: { p50: 12.3, p95: 30, max: 30 },
      finalCheckpoint: 'cp-2',
      violations: [],
    });
    expect(report).to.not.have.property('error');
  });

  it('when the run failed, then the JSON report carries the error and violations', () => {
    const text = formatJsonReport(
      result({
        ok: false,
        outcome: 'bridge_error',
        violations: [{ page: 1, kind: 'content_type', severity: 'error', message: 'Content-Type is text/plain' }],
        error: { kind: 'http_status', page: 3, status: 500, message: 'bridge answered HTTP 500 on page 3' },
      }),
      redact,
    );
    const report = JSON.parse(text);
    expect(report.error).to.include({ kind: 'http_status', status: 500 });
    expect(report.violations).to.deep.equal([{ page: 1, kind: 'content_type', message: 'Content-Type is text/plain', severity: 'error' }]);
  });

  it('when the human report is printed, then it shows the URL, counts, latency, checkpoint and violations', () => {
    const text = formatHumanReport(
      result({ violations: [{ page: 2, kind: 'duplicate_ids', severity: 'warning', message: '1 contact(s) delivered more than once' }] }),
      redact,
    );
    expect(text).to.contain('PASSED');
    expect(text).to.contain('http://127.0.0.1:3000/twenty/contacts');
    expect(text).to.match(/pages\s+2/);
    expect(text).to.match(/contacts\s+3/);
    expect(text).to.match(/unique ids\s+3/);
    expect(text).to.contain('p50 12.3 ms, p95 30.0 ms, max 30.0 ms');
    expect(text).to.contain('1.23 s');
    expect(text).to.contain('"cp-2"');
    expect(text).to.contain('[page 2] warning duplicate_ids: 1 contact(s) delivered more than once');
  });

  it('when the bridge echoed a credential as checkpoint, then neither report shows it, even when truncated', () => {
    const long = 'x'.repeat(110) + SECRET + 'y'.repeat(50);
    const echoed = result({ finalCheckpoint: long, startCheckpoint: SECRET, mode: 'incremental' });
    expect(formatHumanReport(echoed, redact)).to.not.contain(SECRET.slice(0, 8));
    expect(formatJsonReport(echoed, redact)).to.not.contain(SECRET);
  });

  it('when the run could not reach the bridge, then the human report says so', () => {
    const text = formatHumanReport(
      result({
        ok: false,
        outcome: 'unreachable',
        completed: false,
        pages: [],
        error: { kind: 'unreachable', page: 1, message: 'page 1: could not reach the bridge: connect ECONNREFUSED' },
      }),
      redact,
    );
    expect(text).to.contain('ERROR: the bridge could not be reached');
    expect(text).to.contain('ECONNREFUSED');
  });
});
