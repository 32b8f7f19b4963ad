/** What one simulated run reports: per page, per run, and why it stopped. */

import type { Violation } from './checks.js';
import type { LatencySummary } from './latency.js';

export interface PageProgress {
  page: number;
  status: number;
  contactsOnPage: number;
  /** Contacts delivered so far in the run, duplicates included. */
  contacts: number;
  uniqueContacts: number;
  latencyMs: number;
  elapsedMs: number;
}

/** One answered request of the run. */
export interface PageRecord {
  /** 1-based. */
  page: number;
  /** `meta.offset` as sent: null on the first page, then the previous page's next_offset. */
  offsetSent: string | null;
  /** `meta.context` as sent: the previous answer's `context`, null when it had none. */
  contextSent: unknown;
  status: number;
  latencyMs: number;
  contactCount: number;
  /** `synchronization_checkpoint` as returned; null when absent or the body was unusable. */
  checkpoint: unknown;
  /** `next_offset` as returned; null when absent. */
  nextOffset: unknown;
}

export type RunOutcome = 'passed' | 'violations' | 'bridge_error' | 'unreachable' | 'aborted';

/** Why a run stopped before its last page for reasons outside the contract checks. */
export interface RunError {
  kind: 'http_status' | 'timeout' | 'unreachable' | 'aborted';
  page: number;
  message: string;
  status?: number;
  /** The start of the error body, whitespace collapsed, credentials redacted. */
  bodyExcerpt?: string;
  /** `error.code` when the body is this project's error format (talkdesk-bridge/error). */
  errorCode?: string;
  /** Set when the body is JSON but not in that format; informational, since the contract defines no error body. */
  errorBodyNote?: string;
}

export interface SyncResult {
  /** True when the run reached its last page and no error-severity violation was found. */
  ok: boolean;
  outcome: RunOutcome;
  /** The bridge URL without credentials. */
  url: string;
  mode: 'full' | 'incremental';
  startCheckpoint: string | null;
  /** True when a 200 page without next_offset ended the run. */
  completed: boolean;
  /** Delivered contacts in delivery order (empty when collectContacts is false). */
  contacts: unknown[];
  pages: PageRecord[];
  contactCount: number;
  /** Distinct contact ids delivered. */
  uniqueContacts: number;
  /** Deliveries of an id already delivered earlier in the run. */
  duplicateIds: number;
  /** Expected ids not delivered; null when no expectIds were given or the run did not complete. */
  missingIds: string[] | null;
  /** The last non-empty string checkpoint the bridge returned in this run, or null. */
  finalCheckpoint: string | null;
  violations: Violation[];
  error: RunError | null;
  elapsedMs: number;
  pageLatencyMs: LatencySummary;
}

/** The run's outcome from why it stopped (`error`), whether any error-severity violation was found, and whether it reached its last page. */
export function outcomeOf(error: RunError | null, hasErrors: boolean, completed: boolean): RunOutcome {
  if (error) return error.kind === 'http_status' ? 'bridge_error' : error.kind === 'aborted' ? 'aborted' : 'unreachable';
  return hasErrors || !completed ? 'violations' : 'passed';
}
