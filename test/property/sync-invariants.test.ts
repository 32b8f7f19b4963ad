import { expect } from 'chai';
import fc from 'fast-check';
import { runSync } from '../../src/sim/run-sync.js';
import { checkCheckpoint, checkContentType, checkNextOffset, checkResponseBody } from '../../src/sim/checks.js';
import { decodeCheckpoint } from '../../src/sync/checkpoint.js';
import type { SyncPosition } from '../../src/position/sync-position.js';
import { startBridge, type TestBridge } from '../support/bridge.js';
import { ADAPTERS } from './adapters/index.js';
import type { CrmAdapter, CrmFake, LiveRecord, OrderKey } from './crm-adapter.js';

/*
 * "No contact is ever lost" (README, Sync guarantees), checked over generated histories against
 * each CRM's fake and the real bridge over HTTP.
 *
 * A history is some initial data (groups of records sharing one update time, i.e. ties, often
 * larger than a page) and a list of commands: writes to the CRM (create, update, bulk update,
 * delete, late write, clock advance) and Talkdesk's moves (`sync` starts a run, or serves the next
 * page of the run in progress; `pages n` serves up to n more pages; `stop` abandons the run after
 * the page last served, and Talkdesk keeps that page's checkpoint, so the next `sync` resumes
 * from it as an incremental sync). Writes between `sync`/`pages` land between the pages of a run.
 * After the commands, the run in progress (if any) completes, one final sync runs with nothing
 * written concurrently, then two syncs with nothing new.
 *
 * Checked on every page, against the CRM's state when the page was read (the test is the only
 * writer and waits for each answer, so the store's state at the answer is the state the page was
 * read from):
 * - the answer meets the contract (the simulator's own checks: src/sim/checks.ts);
 * - every contact is a live record in its CURRENT version (no deleted, phantom or stale data);
 * - the page is ascending by update time as the CRM serves it (whole milliseconds; inside one,
 *   a CRM that stores finer may list by its finer time or by id: see `served`);
 * - no skip: a record version that is live and ahead of what the earlier pages of the run
 *   delivered when a page is read (on a run's first page: inside the incremental window
 *   `checkpoint - lookback`, inclusive) is owed by the run; the run may not move on to a later
 *   update time, or end, without delivering it (unless it was written again meanwhile). A record
 *   that becomes visible behind that point (see "behind the cursor" below) is not this run's to
 *   deliver;
 * - the checkpoint decodes, never goes back (from the run's start checkpoint on), and records the
 *   furthest update time delivered (README: "the furthest position delivered so far");
 * - the run terminates: it takes no more pages than record versions it could have to deliver, +1.
 * Checked at the end:
 * - every live record whose latest version the README promises was delivered by the union of all
 *   syncs. When one was not, one more incremental sync runs, and the failure says "LOST" if that
 *   one misses it too; a skip that a later sync made up for still fails, as a skip;
 * - a sync with nothing new answers only records inside the lookback window (some twice or more:
 *   page-boundary re-reads), and its checkpoint stays where it was.
 *
 * What the README promises. Every record visible when a run starts and inside its window, and
 * every write that lands ahead of a run's cursor, is delivered (by that run, or by the next one
 * if it stops early). A write that becomes visible BEHIND a run's cursor is either an ordinary
 * write (create, update, bulk update) landing in the very time unit the cursor is in, with a
 * smaller tie-breaker, or a late write (a long transaction). Ordinary writes are promised whatever
 * the lookback: "a record edited or created while Talkdesk pages ... is delivered later in the
 * same run (or, at the latest, by the next sync)". A late write is promised to the next sync only
 * if its update time is inside that sync's window (checkpoint - lookback). `begin` applies that
 * rule, which is exact: the next sync's window is known when it starts.
 *
 * Late writes, generated. A late write becomes visible now with an update time t in the past,
 * chosen so that the rule above promises it (otherwise the property would be vacuous). Between
 * runs the next window is known exactly (held checkpoint - lookback), so t is drawn from
 * [held - lookback, now]: `late +0ms` sits exactly on the window's inclusive edge. During a run
 * the checkpoint Talkdesk will hold after it is not known yet, but it comes from the data, so it
 * is at most the clock when the run ends: at most now plus the clock advances still to come
 * before the next `stop` (or the end of the commands). So t is drawn from [now + thoseAdvances -
 * lookback, now]; the slack counts from that floor. Clock advances are at most 1 s each, small
 * next to the 60 s lookback of two examples in five; the shorter ones (0, 1 and 5 s) make the
 * windows' edges easy to reach.
 *
 * Properties: whole-millisecond histories with every kind of write; then, for CRMs that store update times finer than they
 * serve them (Twenty), records sharing a millisecond with different microseconds, at three levels
 * of crowding (see `Crowding`).
 *
 * A failure shrinks to a short history printed on one line (see `describeHistory`), with fast-check's
 * seed and path; FC_SEED=<seed> replays it (test/setup.ts). The error message carries the trace of
 * the pages served. Counterexamples found are kept as `examples`, which fast-check runs first.
 */

const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 0) || 30;
const MAX_COMMANDS = 40;
const MAX_INITIAL_RECORDS = 300;
/** Keeps the error message of a failure readable. */
const TRACE_LINES = 40;

// ---- commands ----------------------------------------------------------------------------------

type Write =
  | { kind: 'create' }
  | { kind: 'update'; pick: number }
  | { kind: 'bulk'; pick: number; size: number }
  | { kind: 'delete'; pick: number }
  /** `pick` null: a new record; else a late-committed update of an existing one. */
  | { kind: 'late'; slackMs: number; pick: number | null }
  | { kind: 'advance'; ms: number };

type Cmd = Write | { kind: 'sync' } | { kind: 'pages'; n: number } | { kind: 'stop' };

function cmdText(c: Cmd): string {
  switch (c.kind) {
    case 'create':
    case 'sync':
    case 'stop':
      return c.kind;
    case 'update':
    case 'delete':
      return `${c.kind} #${c.pick}`;
    case 'bulk':
      return `bulk #${c.pick} x${c.size}`;
    case 'late':
      return `late +${c.slackMs}ms ${c.pick === null ? 'new' : `#${c.pick}`}`;
    case 'advance':
      return `advance ${c.ms}ms`;
    case 'pages':
      return `pages ${c.n}`;
  }
}

interface InitialGroup {
  /** Records written at one update time (a tie group). */
  size: number;
  /** Clock advance after the group. */
  gapMs: number;
}

interface History {
  pageSize: number;
  lookbackS: number;
  /** Written first, at whole milliseconds. */
  initial: InitialGroup[];
  /**
   * Then, for CRMs with sub-millisecond update times: consecutive milliseconds, each holding
   * separately committed records at these microsecond offsets (equal offsets: one statement, an
   * exact tie). Empty otherwise.
   */
  micros: number[][];
  cmds: Cmd[];
}

/** `0x3/1`: three records at +0 µs (one statement), then one at +1 µs. */
function describeMicros(offsets: readonly number[]): string {
  const runs: Array<[number, number]> = [];
  for (const us of offsets) {
    const last = runs[runs.length - 1];
    if (last && last[0] === us) last[1]++;
    else runs.push([us, 1]);
  }
  return runs.map(([us, n]) => (n === 1 ? `${us}` : `${us}x${n}`)).join('/');
}

function describeHistory(h: History): string {
  const parts = [`pageSize ${h.pageSize}`, `lookback ${h.lookbackS}s`];
  if (h.initial.length > 0) parts.push(`initial [${h.initial.map((g) => `${g.size} then +${g.gapMs}ms`).join(', ')}]`);
  if (h.micros.length > 0) parts.push(`µs per ms [${h.micros.map(describeMicros).join(', ')}]`);
  parts.push(`cmds [${h.cmds.map(cmdText).join(', ')}]`);
  return `{${parts.join(', ')}}`;
}

/** fast-check prints a value with its toStringMethod: a failure then reads as one line. */
function readable<T extends object>(value: T, text: (v: T) => string): T {
  // A copy: fc.constant hands out one shared object.
  const copy = { ...value };
  Object.defineProperty(copy, fc.toStringMethod, { value: () => text(copy), enumerable: false });
  return copy;
}

/** A history written by hand (a counterexample kept as a regression example), printable like generated ones. */
function history(h: Omit<History, 'initial' | 'micros'> & Partial<Pick<History, 'initial' | 'micros'>>): History {
  return readable({ initial: [], micros: [], ...h, cmds: h.cmds.map((c) => readable(c, cmdText)) }, describeHistory);
}

/** Mostly small values, sometimes larger; a failure shrinks across the ranges to the smallest. */
function mostlySmall(...ranges: Array<[number, number]>): fc.Arbitrary<number> {
  return fc.oneof({ withCrossShrink: true }, ...ranges.map(([min, max]) => fc.integer({ min, max })));
}

const pick = fc.nat(1000);

/** `microClock`: clock advances may be fractions of a millisecond (a Postgres-like clock). */
function writeArb(microClock: boolean): fc.Arbitrary<Write> {
  const advance = microClock
    ? fc.oneof(
        { withCrossShrink: true },
        fc.constant(0),
        fc.integer({ min: 1, max: 999 }).map((us) => us / 1000),
        fc.integer({ min: 1, max: 20 }),
      )
    : mostlySmall([0, 0], [1, 20], [21, 1000]);
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant<Write>({ kind: 'create' }) },
    { weight: 4, arbitrary: pick.map((p): Write => ({ kind: 'update', pick: p })) },
    {
      weight: 2,
      arbitrary: fc.record({ pick, size: mostlySmall([2, 8], [9, 80]) }).map((r): Write => ({ kind: 'bulk', ...r })),
    },
    { weight: 2, arbitrary: pick.map((p): Write => ({ kind: 'delete', pick: p })) },
    {
      weight: 3,
      arbitrary: fc
        // Slack 0 is the window's inclusive edge; slacks past "now" are clamped to now.
        .record({ slackMs: mostlySmall([0, 0], [1, 50], [51, 90_000]), pick: fc.option(pick, { freq: 2 }) })
        .map((r): Write => ({ kind: 'late', ...r })),
    },
    { weight: 3, arbitrary: advance.map((ms): Write => ({ kind: 'advance', ms })) },
  );
}

const moveArb: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Cmd>({ kind: 'sync' }) },
  { weight: 4, arbitrary: mostlySmall([1, 3], [4, 40]).map((n): Cmd => ({ kind: 'pages', n })) },
  { weight: 3, arbitrary: fc.constant<Cmd>({ kind: 'stop' }) },
);

function cmdsArb(writes: fc.Arbitrary<Write> | null): fc.Arbitrary<Cmd[]> {
  const cmd =
    writes === null ? moveArb : fc.oneof({ weight: 18, arbitrary: writes as fc.Arbitrary<Cmd> }, { weight: 11, arbitrary: moveArb });
  // 'medium': histories long enough that writes often land inside runs and runs get stopped.
  return fc.array(
    cmd.map((c) => readable(c, cmdText)),
    { maxLength: MAX_COMMANDS, size: 'medium' },
  );
}

/** Small pages put many boundaries inside tie groups; large ones cover "all in one page". */
function pageSizeArb(max: number): fc.Arbitrary<number> {
  return mostlySmall([1, Math.min(5, max)], [1, Math.min(40, max)], [1, max]);
}

const initialArb = fc.array(
  fc.record({
    size: mostlySmall([1, 5], [6, 60], [61, MAX_INITIAL_RECORDS]),
    // 0: the next group shares the update time; hours: old data, outside any lookback window.
    gapMs: mostlySmall([0, 0], [1, 5], [1000, 4 * 3600_000]),
  }),
  { maxLength: 5 },
);

/** Property 1: whole milliseconds, every kind of write. */
function historyArb(maxPageSize: number): fc.Arbitrary<History> {
  return fc
    .record({
      pageSize: pageSizeArb(maxPageSize),
      lookbackS: fc.constantFrom(60, 60, 5, 1, 0),
      initial: initialArb,
      micros: fc.constant<number[][]>([]),
      cmds: cmdsArb(writeArb(false)),
    })
    .map((h) => readable(h, describeHistory));
}

/**
 * How crowded a millisecond may get in the sub-millisecond properties:
 * - 'records': at most a page of records per millisecond, whatever their microseconds;
 * - 'commits': at most a page of separately committed writes per millisecond, each of any number
 *   of records (one statement: one exact timestamp), which is what the README promises;
 * - 'any': any number, plus every kind of write on a clock that moves by microseconds (Twenty in
 *   production, where each separately committed write has its own microsecond).
 * Only 'any' writes after the initial data: writes would break the other two bounds.
 */
type Crowding = 'records' | 'commits' | 'any';

const MAX_SUB_MS_PAGE = 12;

/** One millisecond: the microsecond offsets of its records, before `crowding` trims it to a page size. */
function millisecondArb(crowding: Crowding): fc.Arbitrary<number[]> {
  const us = fc.integer({ min: 0, max: 999 });
  if (crowding !== 'commits') return fc.array(us, { minLength: 1, maxLength: 3 * MAX_SUB_MS_PAGE + 2 });
  return fc
    .uniqueArray(fc.tuple(us, fc.integer({ min: 1, max: 2 * MAX_SUB_MS_PAGE + 1 })), {
      minLength: 1,
      maxLength: MAX_SUB_MS_PAGE,
      selector: ([offset]) => offset,
    })
    .map((commits) => commits.flatMap(([offset, n]) => Array.from({ length: n }, () => offset)));
}

/** Trim a millisecond to the crowding allowed for this page size (applied after generation, so
 * that page size and data shrink independently). */
function crowd(offsets: readonly number[], pageSize: number, crowding: Crowding): number[] {
  if (crowding === 'records') return offsets.slice(0, pageSize);
  if (crowding === 'any') return [...offsets];
  const kept = new Set<number>();
  return offsets.filter((us) => {
    if (!kept.has(us) && kept.size < pageSize) kept.add(us);
    return kept.has(us);
  });
}

function subMsHistoryArb(maxPageSize: number, crowding: Crowding): fc.Arbitrary<History> {
  return fc
    .record({
      pageSize: fc.integer({ min: 1, max: Math.min(MAX_SUB_MS_PAGE, maxPageSize) }),
      lookbackS: fc.constantFrom(0, 1, 60),
      initial:
        crowding === 'any'
          ? initialArb.map((gs) => gs.map((g) => ({ ...g, size: Math.min(g.size, 40) })))
          : fc.constant<InitialGroup[]>([]),
      micros: fc.array(millisecondArb(crowding), { minLength: 1, maxLength: 8 }),
      cmds: cmdsArb(crowding === 'any' ? writeArb(true) : null),
    })
    .map((h) => readable({ ...h, micros: h.micros.map((m) => crowd(m, h.pageSize, crowding)) }, describeHistory));
}

// ---- orders ------------------------------------------------------------------------------------

/**
 * A key as the CRM serves it: whole milliseconds, then the tie-breaker. Pages are in this order
 * by update time; inside one served millisecond a CRM that stores finer (Twenty) may list records
 * by its finer time or by id, and the checkpoint compares positions this way.
 */
function served(k: OrderKey): OrderKey {
  return { at: Math.floor(k.at), tie: k.tie };
}

function compareKeys(a: OrderKey, b: OrderKey): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.tie < b.tie ? -1 : a.tie > b.tie ? 1 : 0;
}

/** Checkpoint positions: by time, then id, a null id (time only) first. */
function comparePositions(a: SyncPosition, b: SyncPosition): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? -1 : 1;
  if (a.id === b.id) return 0;
  if (a.id === null) return -1;
  if (b.id === null) return 1;
  return a.id < b.id ? -1 : 1;
}

// ---- the Talkdesk side -------------------------------------------------------------------------

/** An id short enough for a trace line: Shopify's GIDs differ only at the end. */
function short(id: string | null | undefined): string {
  if (!id) return String(id);
  return id.startsWith('gid://') ? id.slice(id.lastIndexOf('/') + 1) : id.slice(0, 8);
}

class PropertyFailure extends Error {}

interface ActiveRun {
  no: number;
  start: SyncPosition | null;
  /** Lower bound (inclusive) of the first page's update times. */
  windowFrom: number;
  offset: string | null;
  context: unknown;
  offsetsSent: Set<string>;
  pages: number;
  /** The number of record versions this run could ever have to deliver, +1: its page bound. */
  pageBudget: number;
  lastCheckpoint: string | null;
  previous: SyncPosition | null;
  /** The furthest record (served order: see `served`) delivered by this run's pages so far. */
  furthest: OrderKey | null;
  /**
   * Record versions this run owes: live and ahead of what the earlier pages had delivered when a
   * page was read (id → version). Settled when delivered or superseded.
   */
  owed: Map<string, string>;
  /** (id, version) pairs this run delivered. */
  deliveredHere: Set<string>;
  /** The latest update time (served milliseconds) delivered by this run so far. */
  latestMs: number;
}

interface PageBody {
  contacts: Array<Record<string, unknown>>;
  synchronization_checkpoint: string;
  next_offset?: string | null;
  context?: unknown;
}

/**
 * Talkdesk against one CRM fake and one bridge: holds the checkpoint, pages runs, remembers every
 * delivered (id, version), and checks every page. Failures throw PropertyFailure with the trace.
 */
class Talkdesk {
  held: string | undefined;
  run: ActiveRun | null = null;
  /** The first page that skipped a record (reported with the trace up to that page), if any. */
  firstSkip: string | null = null;
  /** Versions written since the last run started, assessed when the next one starts. */
  private readonly pending: Array<{ id: string; version: string; ordinary: boolean }> = [];
  /** Versions the README does not promise to deliver: visible too late, behind the window. */
  private readonly exempt = new Set<string>();
  /** The lower bound of the last run started. */
  private lastWindowFrom = -Infinity;
  private runs = 0;
  private readonly delivered = new Set<string>();
  private readonly deliveredVersions = new Map<string, string[]>();
  private readonly trace: string[] = [];
  private readonly origin: number;

  constructor(
    private readonly adapter: CrmAdapter,
    private readonly crm: CrmFake,
    private readonly bridge: TestBridge,
    readonly lookbackMs: number,
  ) {
    this.origin = crm.now();
  }

  /** Times relative to the store's start, so that traces stay short. */
  t(ms: number): string {
    return `t${ms - this.origin >= 0 ? '+' : ''}${+(ms - this.origin).toFixed(3)}`;
  }

  note(line: string): void {
    this.trace.push(line);
  }

  report(message: string): string {
    const trace = this.trace.length > TRACE_LINES ? ['…', ...this.trace.slice(-TRACE_LINES)] : this.trace;
    return `${message}\n  trace:\n    ${trace.join('\n    ')}`;
  }

  fail(message: string): never {
    throw new PropertyFailure(this.report(message));
  }

  heldPosition(): SyncPosition | null {
    return this.held === undefined ? null : decodeCheckpoint(this.held);
  }

  /** Start a run: full when Talkdesk holds no checkpoint, else incremental from it. */
  begin(): void {
    const start = this.heldPosition();
    const windowFrom = start === null ? -Infinity : start.updatedAt - this.lookbackMs;
    // README, late records: a write is promised to the first sync that starts after it became
    // visible, if its update time is inside that sync's window; a sync that stops early keeps
    // it inside the window of the next one (its checkpoint cannot pass the record undelivered:
    // the page checks see to that). A write that lands ahead of the run in progress is always
    // inside it; a late write that lands behind the run's cursor is delivered only if the run's
    // final checkpoint stays within the lookback. Ordinary writes (create, update, bulk update)
    // are always promised: one landing behind a cursor in the cursor's own time unit is the
    // checkpoint floor's to bring.
    const live = new Map(this.crm.live().map((r) => [r.id, r]));
    for (const w of this.pending) {
      const r = live.get(w.id);
      if (!r || r.version !== w.version || r.key.at >= windowFrom || w.ordinary) continue;
      this.exempt.add(`${w.id}\u0000${w.version}`);
      this.note(`(${w.version} at ${this.t(r.key.at)} is older than the window from ${this.t(windowFrom)}: not promised)`);
    }
    this.pending.length = 0;
    this.lastWindowFrom = windowFrom;
    this.run = {
      no: ++this.runs,
      start,
      windowFrom,
      offset: null,
      context: null,
      offsetsSent: new Set(),
      pages: 0,
      pageBudget: this.crm.live().length + 1,
      lastCheckpoint: null,
      previous: start,
      furthest: null,
      owed: new Map(),
      deliveredHere: new Set(),
      latestMs: start === null ? -Infinity : start.updatedAt,
    };
    this.note(`sync #${this.run.no} ${start === null ? 'full' : `incremental from (${this.t(start.updatedAt)}, ${start.id})`}`);
  }

  /**
   * Records were written (`ordinary`: create/update/bulk at the current time; else a late write).
   * A run in progress may have them to deliver too.
   */
  wrote(ids: readonly string[], version: string, ordinary: boolean): void {
    if (this.run) this.run.pageBudget += ids.length;
    for (const id of ids) this.pending.push({ id, version, ordinary });
  }

  /** Serve the next page of the run in progress; returns false when the run is over. */
  async page(): Promise<boolean> {
    const run = this.run;
    if (!run) return false;
    const meta: Record<string, unknown> = { offset: run.offset, context: run.context };
    if (this.held !== undefined) meta['synchronization_checkpoint'] = this.held;
    const res = await this.bridge.post(this.adapter.path, { auth: this.crm.auth, meta });
    if (res.status !== 200) this.fail(`sync #${run.no} page ${run.pages + 1}: HTTP ${res.status} ${res.text}`);
    const checkpointFinding = checkCheckpoint(res.body?.synchronization_checkpoint, this.held === undefined ? null : 'string');
    const nextOffsetFinding = checkNextOffset(res.body?.next_offset);
    const findings = [checkContentType(res.headers.get('content-type')), checkpointFinding, nextOffsetFinding].filter((f) => f !== null);
    const schema = checkResponseBody(res.body, {
      checkpointReported: checkpointFinding !== null,
      nextOffsetReported: nextOffsetFinding !== null,
    });
    if (findings.length > 0 || schema.length > 0) {
      this.fail(`sync #${run.no} page ${run.pages + 1} breaks the contract: ${[...findings.map((f) => f.message), ...schema].join('; ')}`);
    }
    const body = res.body as PageBody;
    this.checkPage(run, body, this.crm.live());
    const next = body.next_offset;
    if (typeof next !== 'string') {
      this.held = body.synchronization_checkpoint;
      this.run = null;
      return false;
    }
    if (run.offsetsSent.has(next)) this.fail(`sync #${run.no}: next_offset repeats an earlier one (the run would loop)`);
    run.offsetsSent.add(next);
    run.offset = next;
    run.context = body.context ?? null;
    return true;
  }

  /** Talkdesk gives up on the run in progress and keeps the checkpoint of the last page served. */
  stop(): void {
    if (!this.run) return;
    this.note(`stop #${this.run.no} after page ${this.run.pages}`);
    this.held = this.run.lastCheckpoint ?? this.held;
    this.run = null;
  }

  async complete(): Promise<void> {
    while (await this.page());
  }

  /** The per-page invariants, against the store's state `live` at the time the page was read. */
  checkPage(run: ActiveRun, body: PageBody, liveNow: readonly LiveRecord[]): void {
    run.pages++;
    const where = `sync #${run.no} page ${run.pages}`;
    const live = new Map(liveNow.map((r) => [r.id, r]));
    const keys: OrderKey[] = [];
    const ids = new Set<string>();
    for (const contact of body.contacts) {
      const id = String(contact['id']);
      const version = this.adapter.deliveredVersion(contact);
      const record = live.get(id);
      if (!record) this.fail(`${where}: delivered ${id} (${version}), which is not a live record`);
      if (version !== record.version) this.fail(`${where}: delivered ${id} as ${version}, but the CRM holds ${record.version}`);
      if (ids.has(id)) this.fail(`${where}: ${id} twice on one page`);
      ids.add(id);
      const previousKey = keys[keys.length - 1];
      if (previousKey && Math.floor(previousKey.at) > Math.floor(record.key.at)) {
        this.fail(`${where}: not ascending: ${id} at ${this.t(record.key.at)} comes after ${previousKey.tie} at ${this.t(previousKey.at)}`);
      }
      keys.push(record.key);
      const pair = `${id}\u0000${version}`;
      run.deliveredHere.add(pair);
      if (!this.delivered.has(pair)) {
        this.delivered.add(pair);
        this.deliveredVersions.set(id, [...(this.deliveredVersions.get(id) ?? []), version]);
      }
    }

    // No skip. A record version is owed by this run when it is live and ahead of what the earlier
    // pages delivered when a page is read (the test is the only writer, so the store's state now
    // is the state the page was read from). The run skips it if it moves on to a later update time
    // (served milliseconds), or ends, without delivering it, while it is still that version.
    const isLastPage = typeof body.next_offset !== 'string';
    for (const r of liveNow) {
      const ahead = run.furthest === null ? r.key.at >= run.windowFrom : compareKeys(served(r.key), run.furthest) > 0;
      if (ahead) run.owed.set(r.id, r.version);
    }
    for (const k of keys) if (run.furthest === null || compareKeys(served(k), run.furthest) > 0) run.furthest = served(k);
    for (const [id, version] of run.owed) {
      const r = live.get(id);
      if (!r || r.version !== version || run.deliveredHere.has(`${id}\u0000${version}`)) {
        run.owed.delete(id);
        continue;
      }
      const passed = isLastPage || (run.furthest !== null && run.furthest.at > Math.floor(r.key.at));
      if (!passed || this.firstSkip !== null) continue;
      // Not thrown yet: the history goes on, so that the failure can say whether a later sync
      // made up for the skip or the record is lost for good.
      this.firstSkip = this.report(
        `${where}: skipped ${r.id} (${r.version} at ${this.t(r.key.at)}), which was ahead of the run's earlier pages and ${
          isLastPage ? 'the run ended' : 'the run has moved past its update time'
        }`,
      );
    }
    const last = keys[keys.length - 1];
    for (const k of keys) run.latestMs = Math.max(run.latestMs, Math.floor(k.at));

    // The checkpoint: readable, never back, the furthest update time delivered.
    let cp: SyncPosition | null;
    try {
      cp = decodeCheckpoint(body.synchronization_checkpoint);
    } catch (e) {
      this.fail(`${where}: unreadable checkpoint: ${(e as Error).message}`);
    }
    if (run.previous && (cp === null || comparePositions(cp, run.previous) < 0)) {
      this.fail(`${where}: checkpoint went back from ${JSON.stringify(run.previous)} to ${JSON.stringify(cp)}`);
    }
    const expectedMs = run.latestMs === -Infinity ? null : run.latestMs;
    if ((cp?.updatedAt ?? null) !== expectedMs) {
      this.fail(
        `${where}: checkpoint at ${cp ? this.t(cp.updatedAt) : 'null'}, but the furthest update time delivered is ${
          expectedMs === null ? 'none' : this.t(expectedMs)
        }`,
      );
    }
    run.previous = cp;
    run.lastCheckpoint = body.synchronization_checkpoint;

    this.note(
      `  page ${run.pages}: ${body.contacts.length} contacts${
        keys.length > 0 ? ` ${this.t(keys[0]!.at)}..${this.t(last!.at)}` : ''
      }, cp ${cp ? `(${this.t(cp.updatedAt)}, ${short(cp.id)})` : 'null'}${isLastPage ? ', last' : ''}`,
    );
    if (run.pages > run.pageBudget) {
      this.fail(`${where}: the run does not terminate (more pages than the ${run.pageBudget - 1} record versions it could deliver)`);
    }
  }

  /** The live records whose latest version the README promises and no sync delivered. */
  private undelivered(): LiveRecord[] {
    return this.crm.live().filter((r) => {
      const pair = `${r.id}\u0000${r.version}`;
      return !this.delivered.has(pair) && !this.exempt.has(pair);
    });
  }

  /**
   * Every live record's latest version the README promises was delivered by some sync. When one
   * was not, one more incremental sync shows whether it is lost for good or only late.
   */
  async checkNothingLost(): Promise<void> {
    const missed = this.undelivered();
    if (missed.length === 0) {
      if (this.firstSkip !== null) throw new PropertyFailure(`a run skipped a record (a later sync delivered it): ${this.firstSkip}`);
      return;
    }
    const lastSync = this.lastWindowFrom === -Infinity ? 'a full sync' : `an incremental sync reading from ${this.t(this.lastWindowFrom)}`;
    this.begin();
    const again = this.lastWindowFrom;
    await this.complete();
    const lost = this.undelivered();
    const show = (rs: LiveRecord[]): string =>
      rs
        .slice(0, 5)
        .map(
          (r) =>
            `${r.id} ${r.version} at ${this.t(r.key.at)} (delivered versions: ${(this.deliveredVersions.get(r.id) ?? []).join(', ') || 'none'})`,
        )
        .join('; ');
    const why = this.firstSkip === null ? '' : `\n  first skipped by ${this.firstSkip}`;
    if (lost.length > 0) {
      this.fail(
        `LOST: ${lost.length} live record(s) never delivered in their latest version: not by the final sync (${lastSync}, nothing written concurrently), nor by one more reading from ${this.t(again)}: ${show(lost)}${why}`,
      );
    }
    this.fail(
      `${missed.length} live record(s) missed by the final sync (${lastSync}, nothing written concurrently), delivered only by one more: ${show(missed)}${why}`,
    );
    if (this.firstSkip !== null) throw new PropertyFailure(`a run skipped a record (a later sync delivered it): ${this.firstSkip}`);
  }

  /**
   * A sync with nothing new, run by the Talkdesk simulator (src/sim), which validates every answer
   * against the contract; then the same page checks, and the "incremental stays incremental" bound.
   */
  async quietSync(): Promise<void> {
    const start = this.heldPosition();
    const liveNow = this.crm.live();
    const result = await runSync({
      url: this.bridge.url + this.adapter.path,
      auth: this.crm.auth,
      ...(this.held === undefined ? {} : { checkpoint: this.held }),
      maxPages: liveNow.length + 2,
    });
    const errors = result.violations.filter((v) => v.severity === 'error');
    if (!result.completed || errors.length > 0 || result.error) {
      this.fail(`quiet sync: ${result.outcome}: ${[...errors.map((v) => v.message), result.error?.message].filter(Boolean).join('; ')}`);
    }
    this.begin();
    const run = this.run!;
    let at = 0;
    for (const p of result.pages) {
      const body: PageBody = {
        contacts: result.contacts.slice(at, at + p.contactCount) as Array<Record<string, unknown>>,
        synchronization_checkpoint: p.checkpoint as string,
        ...(typeof p.nextOffset === 'string' ? { next_offset: p.nextOffset } : {}),
      };
      at += p.contactCount;
      this.checkPage(run, body, liveNow);
    }
    this.run = null;

    const from = start === null ? -Infinity : this.adapter.windowStart(start.updatedAt, this.lookbackMs);
    const window = new Map(liveNow.filter((r) => r.key.at >= from).map((r) => [r.id, r]));
    for (const c of result.contacts as Array<Record<string, unknown>>) {
      if (!window.has(String(c['id'])))
        this.fail(`quiet sync delivered ${String(c['id'])}, outside the lookback window from ${this.t(from)}`);
    }
    const end = result.finalCheckpoint === null ? null : decodeCheckpoint(result.finalCheckpoint);
    if (JSON.stringify(end) !== JSON.stringify(start)) {
      this.fail(`quiet sync moved the checkpoint from ${JSON.stringify(start)} to ${JSON.stringify(end)}`);
    }
    this.held = result.finalCheckpoint ?? this.held;
  }
}

// ---- running a history -------------------------------------------------------------------------

/**
 * How far the clock can still move before the run in progress ends: the advances among the
 * commands after `index`, up to the next `stop` (a run also ends on its own, earlier, or after
 * the last command, when nothing moves the clock any more).
 */
function advanceBeforeNextStop(cmds: readonly Cmd[], index: number): number {
  let total = 0;
  for (let i = index + 1; i < cmds.length; i++) {
    const c = cmds[i]!;
    if (c.kind === 'stop') break;
    if (c.kind === 'advance') total += c.ms;
  }
  return total;
}

async function runHistory(adapter: CrmAdapter, crm: CrmFake, bridge: TestBridge, h: History): Promise<void> {
  const lookbackMs = h.lookbackS * 1000;
  const td = new Talkdesk(adapter, crm, bridge, lookbackMs);
  let tokens = 0;
  const version = (): string => `v${++tokens}`;

  let budget = MAX_INITIAL_RECORDS;
  for (const g of h.initial) {
    const size = Math.min(g.size, budget);
    budget -= size;
    for (let i = 0; i < size; i++) crm.create(version());
    if (size > 0) td.note(`${size} records at ${td.t(crm.now())}`);
    crm.advance(g.gapMs);
  }
  if (h.micros.length > 0) {
    // Written as late writes into the past so that any microsecond can be chosen.
    const base = crm.now();
    crm.advance(h.micros.length + 1);
    let n = 0;
    h.micros.forEach((offsets, ms) => {
      for (const us of offsets) {
        crm.insertLate(version(), base + ms + us / 1000);
        n++;
      }
    });
    td.note(`${n} records in ${h.micros.length} ms from ${td.t(base)}, clock at ${td.t(crm.now())}`);
  }

  const chosen = (n: number): LiveRecord | undefined => {
    const live = crm.live();
    return live.length === 0 ? undefined : live[n % live.length];
  };

  for (let i = 0; i < h.cmds.length; i++) {
    const c = h.cmds[i]!;
    switch (c.kind) {
      case 'sync':
        if (!td.run) td.begin();
        await td.page();
        break;
      case 'pages':
        for (let n = 0; n < c.n && (await td.page()); n++);
        break;
      case 'stop':
        td.stop();
        break;
      case 'create': {
        const v = version();
        const id = crm.create(v);
        td.wrote([id], v, true);
        td.note(`create ${short(id)} ${v} at ${td.t(crm.now())}`);
        break;
      }
      case 'update': {
        const r = chosen(c.pick);
        if (!r) break;
        const v = version();
        crm.update(r.id, v);
        td.wrote([r.id], v, true);
        td.note(`update ${short(r.id)} ${v} at ${td.t(crm.now())}`);
        break;
      }
      case 'bulk': {
        const live = crm.live();
        if (live.length === 0) break;
        const from = c.pick % live.length;
        const ids = live.slice(from, from + c.size).map((r) => r.id);
        const v = version();
        crm.updateMany(ids, v);
        td.wrote(ids, v, true);
        td.note(`bulk update of ${ids.length} ${v} at ${td.t(crm.now())}`);
        break;
      }
      case 'delete': {
        const r = chosen(c.pick);
        if (!r) break;
        crm.remove(r.id);
        td.note(`delete ${short(r.id)} at ${td.t(crm.now())}`);
        break;
      }
      case 'late': {
        const now = crm.now();
        // The oldest update time the README's guarantee covers (see the header comment).
        let floor: number;
        if (td.run) {
          floor = now + advanceBeforeNextStop(h.cmds, i) - lookbackMs;
        } else {
          const held = td.heldPosition();
          // No checkpoint held (or a null one): the next sync reads everything.
          floor = held === null ? now - 3600_000 : held.updatedAt - lookbackMs;
        }
        const at = Math.max(0, Math.min(now, floor + c.slackMs));
        const target = c.pick === null || !adapter.lateUpdates ? undefined : chosen(c.pick);
        const v = version();
        const id = crm.insertLate(v, at, target?.id);
        td.wrote([id], v, false);
        td.note(`late ${target ? 'update' : 'create'} ${short(id)} ${v} at ${td.t(at)} (visible at ${td.t(now)})`);
        break;
      }
      case 'advance':
        crm.advance(c.ms);
        break;
    }
  }

  await td.complete();
  // The final sync, with nothing written concurrently: everything live must now be in Talkdesk.
  td.begin();
  await td.complete();
  await td.checkNothingLost();
  // Nothing new, twice.
  await td.quietSync();
  await td.quietSync();
  await td.checkNothingLost();
}

async function withBridge(crm: CrmFake, env: Record<string, string>, body: (bridge: TestBridge) => Promise<void>): Promise<void> {
  // The bridge reads the CRM's clock, as in production where both keep the time.
  const bridge = await startBridge({ env: { LOG_LEVEL: 'silent', ...env }, allowedHosts: [crm.host], now: () => crm.now() });
  try {
    await body(bridge);
  } finally {
    await bridge.close();
  }
}

// ---- the properties ----------------------------------------------------------------------------

for (const adapter of ADAPTERS) {
  describe(`sync invariants: ${adapter.name} (fake CRM, real bridge over HTTP)`, function () {
    // Generous: shrinking a failure replays many examples, and losing the counterexample to a
    // mocha timeout would waste the failure.
    this.timeout(900_000);

    let crm: CrmFake;
    before(async () => {
      crm = await adapter.start();
    });
    after(async () => {
      await crm?.close();
    });

    const histories = (examples: History[]) => async () => {
      await fc.assert(
        fc.asyncProperty(historyArb(adapter.maxPageSize), async (h) => {
          await crm.reset();
          await withBridge(crm, { PAGE_SIZE: String(h.pageSize), SYNC_LOOKBACK_SECONDS: String(h.lookbackS) }, (bridge) =>
            runHistory(adapter, crm, bridge, h),
          );
        }),
        { numRuns: RUNS, examples: examples.map((h) => [h]) },
      );
    };

    /*
     * Kept examples (fast-check runs them first): counterexamples the suite found before the
     * checkpoint floor existed. A record created or edited during a run in the time unit the run's
     * cursor was in, with a smaller tie-breaker, fell behind the cursor, and the run moved on past
     * the lookback. The last two edit, at once, the record the first page delivered: its new
     * version sits exactly on the cursor's position (one of the two picks is that record, whatever
     * the CRM's id order).
     */
    it(
      `when random histories of ties, writes between pages, interrupted runs, late writes and quiet syncs run (${RUNS} histories), then every contact the README promises reaches Talkdesk in its latest version, edits during a run by that run or the next sync whatever the lookback, and every answer meets the contract`,
      histories([
        history({
          pageSize: 1,
          lookbackS: 0,
          initial: [{ size: 2, gapMs: 0 }],
          cmds: [{ kind: 'sync' }, { kind: 'create' }, { kind: 'advance', ms: 1 }, { kind: 'create' }],
        }),
        history({
          pageSize: 2,
          lookbackS: 300,
          initial: [{ size: 3, gapMs: 0 }],
          cmds: [{ kind: 'sync' }, { kind: 'create' }, { kind: 'advance', ms: 300_001 }, { kind: 'create' }],
        }),
        // The record the first page delivered is edited at once, in the same time unit: its new
        // version sits exactly on the cursor's position, so it is behind it. One of the two picks
        // is that record, whatever the CRM's id order.
        ...[0, 1].map((pick) =>
          history({
            pageSize: 1,
            lookbackS: 0,
            initial: [{ size: 2, gapMs: 0 }],
            cmds: [{ kind: 'sync' }, { kind: 'update', pick }, { kind: 'advance', ms: 1000 }, { kind: 'create' }],
          }),
        ),
      ]),
    );

    if (!adapter.subMillisecond) return;

    const subMs = (crowding: Crowding) => async () => {
      await fc.assert(
        fc.asyncProperty(subMsHistoryArb(adapter.maxPageSize, crowding), async (h) => {
          await crm.reset();
          await withBridge(crm, { PAGE_SIZE: String(h.pageSize), SYNC_LOOKBACK_SECONDS: String(h.lookbackS) }, (bridge) =>
            runHistory(adapter, crm, bridge, h),
          );
        }),
        { numRuns: RUNS },
      );
    };

    it(
      `when at most a page of records share a millisecond with different microseconds and runs are interrupted (${RUNS} cases), then none is lost`,
      subMs('records'),
    );

    /*
     * Found before the connector walked a crowded millisecond by id: {pageSize 2, lookback 0s,
     * µs per ms [0x2/1], cmds []}, a bulk update of two people at +0 µs and one more commit at
     * +1 µs with a smaller id; Twenty's millisecond cursor skipped the third on every sync.
     */
    it(
      `when a millisecond holds more than a page of records from a few commits, e.g. a bulk update and one more write (${RUNS} cases), then none is lost`,
      subMs('commits'),
    );

    /*
     * Found the same way, by ordinary writes on a microsecond clock: {pageSize 1, lookback 0s,
     * µs per ms [0], cmds [create, advance 0.001ms, create]}.
     */
    it(
      `when any number of records share a millisecond, also written between pages on a microsecond clock (${RUNS} histories), then every record the README promises is delivered`,
      subMs('any'),
    );
  });
}

describe('sync invariants: the registry', () => {
  it('lists at least one CRM, each with a usable page-size cap', () => {
    expect(ADAPTERS.length).to.be.greaterThan(0);
    for (const a of ADAPTERS) expect(a.maxPageSize, a.name).to.be.at.least(1);
  });
});
