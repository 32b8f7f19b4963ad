import { isPlainObject, type Violation } from './checks.js';
import type { Redactor } from './redact.js';

/** Tracks contact ids across the run for duplicate counting and --expect-ids. */
export class DeliveredIds {
  readonly seen = new Set<string>();
  duplicates = 0;
  firstDuplicatePage: number | null = null;
  readonly sample: string[] = [];

  add(contact: unknown, page: number): void {
    const id = isPlainObject(contact) ? contact['id'] : undefined;
    // Ids of the wrong type are a schema violation already; counting them would blur the numbers.
    if (typeof id !== 'string' || id === '') return;
    if (!this.seen.has(id)) {
      this.seen.add(id);
      return;
    }
    this.duplicates++;
    this.firstDuplicatePage ??= page;
    if (this.sample.length < 5 && !this.sample.includes(id)) this.sample.push(id);
  }

  /** Contacts delivered twice: harmless to Talkdesk, so a warning unless `strict`. */
  duplicateViolation(strict: boolean, redact: Redactor): Violation | null {
    if (this.duplicates === 0) return null;
    return {
      page: this.firstDuplicatePage,
      kind: 'duplicate_ids',
      severity: strict ? 'error' : 'warning',
      message: redact(
        `${this.duplicates} contact(s) delivered more than once in this run (e.g. ${this.sample.join(', ')}); ` +
          'Talkdesk upserts by id, so this is harmless but costs pages',
      ),
    };
  }

  /** The expected ids not delivered. */
  missing(expected: readonly string[]): string[] {
    return expected.filter((id) => !this.seen.has(id));
  }
}

/** The error for expected ids a completed run did not deliver. */
export function missingIdsViolation(missing: readonly string[], expected: number, redact: Redactor): Violation {
  const shown = missing.slice(0, 10).join(', ') + (missing.length > 10 ? ', …' : '');
  return {
    page: null,
    kind: 'missing_ids',
    severity: 'error',
    message: redact(`${missing.length} of ${expected} expected contact(s) were not delivered: ${shown}`),
  };
}
