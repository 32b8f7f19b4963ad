import {
  checkCheckpoint,
  checkContentType,
  checkNextOffset,
  checkResponseBody,
  isPlainObject,
  jsonType,
  type Violation,
} from './checks.js';
import { errorFromStatus, excerpt } from './bridge-error.js';
import { DeliveredIds, missingIdsViolation } from './delivered-ids.js';
import { ExchangeError, type Exchange } from './http-exchange.js';
import { summarizeLatency } from './latency.js';
import type { Redactor } from './redact.js';
import { outcomeOf, type PageProgress, type PageRecord, type RunError, type SyncResult } from './sync-result.js';
import type { BridgeAnswer, TalkdeskPage } from './talkdesk-pager.js';
import { ViolationLog } from './violation-log.js';

/** One answered request as the simulator's transport returns it: the exchange and its parsed 200 body. */
export type SimAnswer = Exchange & BridgeAnswer;

export interface RecorderOptions {
  redact: Redactor;
  /** The checkpoint the run started from, if incremental. */
  checkpoint: string | undefined;
  maxPages: number;
  collectContacts: boolean;
  now: () => number;
  onPage: ((progress: PageProgress) => void) | undefined;
}

/**
 * The simulator's account of one run: every answered page checked against the contract and
 * recorded, the contacts delivered, and why the run stopped. The pager (talkdesk-pager.ts) does
 * the paging; this says whether a page may be followed.
 */
export class RunRecorder {
  private readonly log = new ViolationLog();
  private readonly ids = new DeliveredIds();
  private readonly pages: PageRecord[] = [];
  private readonly contacts: unknown[] = [];
  private contactCount = 0;
  private finalCheckpoint: string | null = null;
  private lastCheckpointType: string | null;
  private error: RunError | null = null;
  private completed = false;
  private readonly started: number;

  constructor(private readonly options: RecorderOptions) {
    this.lastCheckpointType = options.checkpoint !== undefined ? 'string' : null;
    this.started = options.now();
  }

  /** A request got no answer (`e` from the transport): the run stops there. */
  unanswered(e: unknown): void {
    const page = this.pages.length + 1;
    const kind = e instanceof ExchangeError ? e.kind : 'unreachable';
    const message = e instanceof Error ? e.message : String(e);
    this.error = { kind, page, message: this.options.redact(`page ${page}: ${message}`) };
  }

  /** Checks and records one answered page; returns whether the run goes on to the next page. */
  answered({ number: page, request, answer, step }: TalkdeskPage<SimAnswer>): boolean {
    const { redact } = this.options;
    const record: PageRecord = {
      page,
      offsetSent: request.meta.offset,
      contextSent: request.meta.context,
      status: answer.status,
      latencyMs: answer.latencyMs,
      contactCount: 0,
      checkpoint: null,
      nextOffset: null,
    };
    this.pages.push(record);
    const violation = (kind: Violation['kind'], message: string, severity: Violation['severity'] = 'error'): void =>
      this.log.add({ page, kind, severity, message: redact(message) });

    if (answer.status < 200 || answer.status > 299) {
      this.error = errorFromStatus(page, answer, redact);
      this.report(record);
      return false;
    }
    if (answer.status !== 200) {
      violation('unexpected_status', `bridge answered HTTP ${answer.status}; a contact sync page must be 200`);
      this.report(record);
      return false;
    }

    const contentType = checkContentType(answer.contentType);
    if (contentType) violation(contentType.kind, contentType.message);

    const body = answer.body;
    if (body === undefined) {
      violation('invalid_json', `the 200 body is not JSON: ${excerpt(answer.bodyText, redact) || '(empty)'}`);
      this.report(record);
      return false;
    }
    const fields = isPlainObject(body) ? body : {};

    const checkpoint = fields['synchronization_checkpoint'];
    const checkpointFinding = isPlainObject(body) ? checkCheckpoint(checkpoint, this.lastCheckpointType) : null;
    if (checkpointFinding) violation(checkpointFinding.kind, checkpointFinding.message);
    if (checkpoint !== undefined && checkpoint !== null) this.lastCheckpointType = jsonType(checkpoint);
    if (typeof checkpoint === 'string' && checkpoint.trim() !== '') this.finalCheckpoint = checkpoint;

    const nextOffset = fields['next_offset'];
    const nextOffsetFinding = checkNextOffset(nextOffset);
    if (nextOffsetFinding) violation(nextOffsetFinding.kind, nextOffsetFinding.message);

    for (const message of checkResponseBody(body, {
      checkpointReported: checkpointFinding !== null,
      nextOffsetReported: nextOffsetFinding !== null,
    })) {
      violation('schema', message);
    }

    const delivered = Array.isArray(fields['contacts']) ? (fields['contacts'] as unknown[]) : [];
    for (const contact of delivered) {
      this.ids.add(contact, page);
      if (this.options.collectContacts) this.contacts.push(contact);
    }
    this.contactCount += delivered.length;
    record.contactCount = delivered.length;
    record.checkpoint = checkpoint ?? null;
    record.nextOffset = nextOffset ?? null;
    this.report(record);

    switch (step) {
      case 'next':
        return true;
      case 'completed':
        this.completed = true;
        return false;
      case 'offset_loop':
        violation('offset_loop', `next_offset repeats an offset already requested in this run; following it would loop forever`);
        return false;
      case 'page_limit':
        violation(
          'did_not_terminate',
          `run did not terminate: page ${page} still returned next_offset (--max-pages ${this.options.maxPages})`,
        );
        return false;
      default:
        // invalid_next_offset: reported above by checkNextOffset.
        return false;
    }
  }

  private report(record: PageRecord): void {
    this.options.onPage?.({
      page: record.page,
      status: record.status,
      contactsOnPage: record.contactCount,
      contacts: this.contactCount,
      uniqueContacts: this.ids.seen.size,
      latencyMs: record.latencyMs,
      elapsedMs: this.options.now() - this.started,
    });
  }

  /** The run's result, with the findings about the run as a whole (duplicates, expected ids). */
  result(
    run: Pick<SyncResult, 'url' | 'mode' | 'startCheckpoint'> & { strictDuplicates: boolean; expectIds: readonly string[] | undefined },
  ): SyncResult {
    const { redact } = this.options;
    const duplicates = this.ids.duplicateViolation(run.strictDuplicates, redact);
    if (duplicates) this.log.add(duplicates);

    let missingIds: string[] | null = null;
    if (run.expectIds && this.completed) {
      missingIds = this.ids.missing(run.expectIds);
      if (missingIds.length > 0) this.log.add(missingIdsViolation(missingIds, run.expectIds.length, redact));
    }

    const outcome = outcomeOf(this.error, this.log.hasErrors(), this.completed);
    return {
      ok: outcome === 'passed',
      outcome,
      url: run.url,
      mode: run.mode,
      startCheckpoint: run.startCheckpoint,
      completed: this.completed,
      contacts: this.contacts,
      pages: this.pages,
      contactCount: this.contactCount,
      uniqueContacts: this.ids.seen.size,
      duplicateIds: this.ids.duplicates,
      missingIds,
      finalCheckpoint: this.finalCheckpoint,
      violations: this.log.toArray(),
      error: this.error,
      elapsedMs: this.options.now() - this.started,
      pageLatencyMs: summarizeLatency(this.pages.map((p) => p.latencyMs)),
    };
  }
}
