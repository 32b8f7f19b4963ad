import type { Violation, ViolationKind } from './checks.js';

/**
 * Collects violations for a run. A bridge that gets one thing wrong usually gets it wrong on every
 * page, and a 100 000-page run must still produce a readable, bounded report: past `perKindLimit`
 * entries of one kind, further ones are only counted and summarised at the end.
 */
export class ViolationLog {
  private readonly listed: Violation[] = [];
  private readonly perKind = new Map<ViolationKind, number>();
  private readonly suppressed = new Map<ViolationKind, { count: number; severity: Violation['severity'] }>();

  constructor(private readonly perKindLimit = 100) {}

  add(violation: Violation): void {
    const n = (this.perKind.get(violation.kind) ?? 0) + 1;
    this.perKind.set(violation.kind, n);
    if (n <= this.perKindLimit) {
      this.listed.push(violation);
      return;
    }
    const s = this.suppressed.get(violation.kind) ?? { count: 0, severity: violation.severity };
    s.count++;
    if (violation.severity === 'error') s.severity = 'error';
    this.suppressed.set(violation.kind, s);
  }

  /** Whether any error-severity violation was recorded (listed or suppressed). */
  hasErrors(): boolean {
    return this.listed.some((v) => v.severity === 'error') || [...this.suppressed.values()].some((s) => s.severity === 'error');
  }

  /** The listed violations followed by one summary entry per suppressed kind. */
  toArray(): Violation[] {
    const summaries: Violation[] = [...this.suppressed].map(([kind, s]) => ({
      page: null,
      kind: 'suppressed',
      severity: s.severity,
      message: `${s.count} more ${kind} violations not listed`,
    }));
    return [...this.listed, ...summaries];
  }
}
