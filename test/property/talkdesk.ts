import { checkCheckpoint, checkContentType, checkNextOffset, checkResponseBody } from '../../src/sim/checks.js';
import { decodeCheckpoint } from '../../src/sync/checkpoint.js';
import type { SyncPosition } from '../../src/position/sync-position.js';
import type { TestBridge } from '../support/bridge.js';
import type { ActiveRun, PageBody } from './active-run.js';
import type { CrmAdapter, CrmFake } from './crm-adapter.js';
import { Deliveries } from './deliveries.js';
import { checkPage, type PageCheckContext } from './page-checks.js';
import { Trace } from './trace.js';
import { talkdeskPages } from '../../src/sim/talkdesk-pager.js';

/**
 * Talkdesk against one CRM fake and one bridge: holds the checkpoint, pages runs one page at a
 * time (so that writes land between pages), and hands every page to the page checks. Failures
 * throw PropertyFailure with the trace.
 */
export class Talkdesk implements PageCheckContext {
  held: string | undefined;
  run: ActiveRun | null = null;
  firstSkip: string | null = null;
  readonly deliveries = new Deliveries();
  readonly trace: Trace;
  /** The lower bound of the last run started. */
  lastWindowFrom = -Infinity;
  private runs = 0;

  constructor(
    readonly adapter: CrmAdapter,
    readonly crm: CrmFake,
    readonly bridge: TestBridge,
    readonly lookbackMs: number,
  ) {
    this.trace = new Trace(crm.now());
  }

  heldPosition(): SyncPosition | null {
    return this.held === undefined ? null : decodeCheckpoint(this.held);
  }

  /** Start a run: full when Talkdesk holds no checkpoint, else incremental from it. */
  begin(): void {
    const start = this.heldPosition();
    const windowFrom = start === null ? -Infinity : start.updatedAt - this.lookbackMs;
    this.deliveries.runStarts(this.crm.live(), windowFrom, this.trace);
    this.lastWindowFrom = windowFrom;
    const pager = talkdeskPages({ auth: this.crm.auth, ...(this.held === undefined ? {} : { checkpoint: this.held }) }, (request) =>
      this.bridge.post(this.adapter.path, request),
    );
    this.run = {
      no: ++this.runs,
      start,
      windowFrom,
      pager,
      pages: 0,
      pageBudget: this.crm.live().length + 1,
      lastCheckpoint: null,
      previous: start,
      furthest: null,
      owed: new Map(),
      deliveredHere: new Set(),
      latestMs: start === null ? -Infinity : start.updatedAt,
    };
    this.trace.note(`sync #${this.run.no} ${start === null ? 'full' : `incremental from (${this.trace.t(start.updatedAt)}, ${start.id})`}`);
  }

  /**
   * Records were written (`ordinary`: create/update/bulk at the current time; else a late write).
   * A run in progress may have them to deliver too.
   */
  wrote(ids: readonly string[], version: string, ordinary: boolean): void {
    if (this.run) this.run.pageBudget += ids.length;
    this.deliveries.wrote(ids, version, ordinary);
  }

  /** Serve the next page of the run in progress; returns false when the run is over. */
  async page(): Promise<boolean> {
    const run = this.run;
    if (!run) return false;
    const next = await run.pager.next();
    // The pager returns only after a page that ends the run, and the run is dropped there.
    if (next.done) throw new Error(`sync #${run.no}: paged past its end`);
    const { answer: res, step } = next.value;
    if (res.status !== 200) this.trace.fail(`sync #${run.no} page ${run.pages + 1}: HTTP ${res.status} ${res.text}`);
    const checkpointFinding = checkCheckpoint(res.body?.synchronization_checkpoint, this.held === undefined ? null : 'string');
    const nextOffsetFinding = checkNextOffset(res.body?.next_offset);
    const findings = [checkContentType(res.headers.get('content-type')), checkpointFinding, nextOffsetFinding].filter((f) => f !== null);
    const schema = checkResponseBody(res.body, {
      checkpointReported: checkpointFinding !== null,
      nextOffsetReported: nextOffsetFinding !== null,
    });
    if (findings.length > 0 || schema.length > 0) {
      this.trace.fail(
        `sync #${run.no} page ${run.pages + 1} breaks the contract: ${[...findings.map((f) => f.message), ...schema].join('; ')}`,
      );
    }
    const body = res.body as PageBody;
    checkPage(this, run, body, this.crm.live());
    if (step === 'completed') {
      this.held = body.synchronization_checkpoint;
      this.run = null;
      return false;
    }
    if (step === 'offset_loop') this.trace.fail(`sync #${run.no}: next_offset repeats an earlier one (the run would loop)`);
    if (step !== 'next') this.trace.fail(`sync #${run.no} page ${run.pages}: the run cannot go on (${step})`);
    return true;
  }

  /** Talkdesk gives up on the run in progress and keeps the checkpoint of the last page served. */
  stop(): void {
    if (!this.run) return;
    this.trace.note(`stop #${this.run.no} after page ${this.run.pages}`);
    this.held = this.run.lastCheckpoint ?? this.held;
    this.run = null;
  }

  async complete(): Promise<void> {
    while (await this.page());
  }
}
