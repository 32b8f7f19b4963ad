import type { Violation } from './checks.js';
import type { LatencySummary } from './latency.js';
import type { Redactor } from './redact.js';
import type { RunError, RunOutcome, SyncResult } from './run-sync.js';

/**
 * Turning a SyncResult into what an operator reads. Every string leaving here has been through
 * the run's redactor (see secretRedactor): checkpoints and error bodies come from the bridge and
 * may echo credentials back.
 */

export const EXIT = {
  passed: 0,
  violations: 1,
  bridgeError: 2,
  usage: 64,
  internal: 70,
  outputFailed: 74,
  interrupted: 130,
} as const;

export function exitCodeFor(outcome: RunOutcome): number {
  switch (outcome) {
    case 'passed':
      return EXIT.passed;
    case 'violations':
      return EXIT.violations;
    case 'bridge_error':
    case 'unreachable':
      return EXIT.bridgeError;
    case 'aborted':
      return EXIT.interrupted;
  }
}

export interface JsonReport {
  ok: boolean;
  outcome: RunOutcome;
  url: string;
  mode: SyncResult['mode'];
  pages: number;
  contacts: number;
  uniqueContacts: number;
  duplicateIds: number;
  missingIds: string[] | null;
  elapsedMs: number;
  pageLatencyMs: LatencySummary;
  finalCheckpoint: string | null;
  violations: Array<Pick<Violation, 'page' | 'kind' | 'message' | 'severity'>>;
  error?: RunError;
}

const roundTo = (n: number | null, digits: number): number | null => (n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits);

export function toJsonReport(result: SyncResult, redact: Redactor): JsonReport {
  const report: JsonReport = {
    ok: result.ok,
    outcome: result.outcome,
    url: redact(result.url),
    mode: result.mode,
    pages: result.pages.length,
    contacts: result.contactCount,
    uniqueContacts: result.uniqueContacts,
    duplicateIds: result.duplicateIds,
    missingIds: result.missingIds,
    elapsedMs: Math.round(result.elapsedMs),
    pageLatencyMs: {
      p50: roundTo(result.pageLatencyMs.p50, 1),
      p95: roundTo(result.pageLatencyMs.p95, 1),
      max: roundTo(result.pageLatencyMs.max, 1),
    },
    finalCheckpoint: result.finalCheckpoint === null ? null : redact(result.finalCheckpoint),
    violations: result.violations.map(({ page, kind, message, severity }) => ({ page, kind, message, severity })),
  };
  if (result.error) report.error = result.error;
  return report;
}

/** The JSON report as printed: one object, then a newline; the last pass redacts the serialized text too. */
export function formatJsonReport(result: SyncResult, redact: Redactor): string {
  return redact(JSON.stringify(toJsonReport(result, redact), null, 2)) + '\n';
}

const DISPLAY_CHECKPOINT_LENGTH = 120;

function shorten(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) + '…' : text;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${((ms % 60_000) / 1000).toFixed(0)} s`;
}

const ms = (n: number | null): string => (n === null ? '-' : `${n.toFixed(1)} ms`);

function headline(result: SyncResult): string {
  const errors = result.violations.filter((v) => v.severity === 'error').length;
  const warnings = result.violations.length - errors;
  const counts = [errors && `${errors} violation(s)`, warnings && `${warnings} warning(s)`].filter(Boolean).join(', ');
  switch (result.outcome) {
    case 'passed':
      return `PASSED: the run completed and the contract held${warnings ? ` (${warnings} warning(s))` : ''}`;
    case 'violations':
      return `FAILED: contract violated (${counts})`;
    case 'bridge_error':
      return `ERROR: the bridge answered an error status (HTTP ${result.error?.status ?? '?'})`;
    case 'unreachable':
      return result.error?.kind === 'timeout' ? 'ERROR: the bridge did not answer in time' : 'ERROR: the bridge could not be reached';
    case 'aborted':
      return 'INTERRUPTED: the run was stopped before its last page';
  }
}

/** The human report printed to stdout at the end of a run. */
export function formatHumanReport(result: SyncResult, redact: Redactor): string {
  const checkpoint = (cp: string | null): string =>
    cp === null ? '(none)' : shorten(JSON.stringify(redact(cp)), DISPLAY_CHECKPOINT_LENGTH);
  const lines: string[] = [`Talkdesk sync simulation: ${headline(result)}`, ''];
  const row = (label: string, value: string): void => {
    lines.push(`  ${label.padEnd(18)}${value}`);
  };
  row('bridge', result.url);
  row('sync', result.mode === 'full' ? 'full (no checkpoint)' : `incremental from ${checkpoint(result.startCheckpoint)}`);
  row('pages', `${result.pages.length}${result.completed ? '' : ' (run did not reach its last page)'}`);
  row('contacts', String(result.contactCount));
  row('unique ids', String(result.uniqueContacts));
  row('duplicates', String(result.duplicateIds));
  row('elapsed', formatDuration(result.elapsedMs));
  const l = result.pageLatencyMs;
  row('page latency', `p50 ${ms(l.p50)}, p95 ${ms(l.p95)}, max ${ms(l.max)}`);
  row('final checkpoint', checkpoint(result.finalCheckpoint));
  if (result.missingIds !== null)
    row('expected ids', result.missingIds.length === 0 ? 'all delivered' : `${result.missingIds.length} missing`);

  if (result.error) {
    lines.push('', 'Error:', `  ${result.error.message}`);
    if (result.error.errorBodyNote) lines.push(`  note: ${result.error.errorBodyNote}`);
    if (result.error.bodyExcerpt && !result.error.errorCode) lines.push(`  body: ${result.error.bodyExcerpt}`);
  }

  lines.push('', result.violations.length === 0 ? 'Violations: none' : `Violations (${result.violations.length}):`);
  for (const v of result.violations) {
    const where = v.page === null ? 'run' : `page ${v.page}`;
    lines.push(`  [${where}] ${v.severity === 'warning' ? 'warning' : 'error'} ${v.kind}: ${v.message}`);
  }
  return redact(lines.join('\n')) + '\n';
}
