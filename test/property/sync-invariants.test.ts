import { expect } from 'chai';
import { ADAPTERS } from './adapters/index.js';
import type { CrmFake } from './crm-adapter.js';
import { history, type History } from './history.js';
import { historyArb, subMsHistoryArb, type Crowding } from './history-arbitraries.js';
import { assertHistories } from './run-history.js';

/*
 * "No contact is ever lost" (docs/sync-guarantees.md), checked over generated histories against
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
 *   a CRM that stores finer may list by its finer time or by id: see `served` in order-keys.ts);
 * - no skip: a record version that is live and ahead of what the earlier pages of the run
 *   delivered when a page is read (on a run's first page: inside the incremental window
 *   `checkpoint - lookback`, inclusive) is owed by the run; the run may not move on to a later
 *   update time, or end, without delivering it (unless it was written again meanwhile). A record
 *   that becomes visible behind that point (see "behind the cursor" below) is not this run's to
 *   deliver;
 * - the checkpoint decodes, never goes back (from the run's start checkpoint on), and records the
 *   furthest update time delivered (docs/sync-guarantees.md: "the furthest position delivered so far");
 * - the run terminates: it takes no more pages than record versions it could have to deliver, +1.
 * Checked at the end:
 * - every live record whose latest version the sync guarantees promise was delivered by the union of all
 *   syncs. When one was not, one more incremental sync runs, and the failure says "LOST" if that
 *   one misses it too; a skip that a later sync made up for still fails, as a skip;
 * - a sync with nothing new answers only records inside the lookback window (some twice or more:
 *   page-boundary re-reads), and its checkpoint stays where it was.
 *
 * What the sync guarantees promise. Every record visible when a run starts and inside its window, and
 * every write that lands ahead of a run's cursor, is delivered (by that run, or by the next one
 * if it stops early). A write that becomes visible BEHIND a run's cursor is either an ordinary
 * write (create, update, bulk update) landing in the very time unit the cursor is in, with a
 * smaller tie-breaker, or a late write (a long transaction). Ordinary writes are promised whatever
 * the lookback: "a record edited or created while Talkdesk pages ... is delivered later in the
 * same run (or, at the latest, by the next sync)". A late write is promised to the next sync only
 * if its update time is inside that sync's window (checkpoint - lookback). `begin` applies that
 * rule (deliveries.ts), which is exact: the next sync's window is known when it starts.
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
 * of crowding (see `Crowding` in history-arbitraries.ts).
 *
 * A failure shrinks to a short history printed on one line (see `describeHistory` in history.ts), with fast-check's
 * seed and path; FC_SEED=<seed> replays it (test/setup.ts). The error message carries the trace of
 * the pages served. Counterexamples found are kept as `examples`, which fast-check runs first.
 *
 * Layout (one concern per file): history.ts (what an example is, printed on one line),
 * history-arbitraries.ts (how histories are drawn), run-history.ts (plays one against a fake and
 * a bridge), talkdesk.ts (Talkdesk's side: checkpoint held, runs paged), page-checks.ts and
 * end-checks.ts (the invariants), deliveries.ts (what was delivered and what is promised),
 * order-keys.ts, trace.ts. The CRMs, and their variants, are listed in adapters/index.ts.
 */

const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 0) || 30;

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

    const histories = (examples: History[]) => () => assertHistories(adapter, () => crm, historyArb(adapter.maxPageSize), RUNS, examples);

    /*
     * Kept examples (fast-check runs them first): counterexamples the suite found before the
     * checkpoint floor existed. A record created or edited during a run in the time unit the run's
     * cursor was in, with a smaller tie-breaker, fell behind the cursor, and the run moved on past
     * the lookback. The last two edit, at once, the record the first page delivered: its new
     * version sits exactly on the cursor's position (one of the two picks is that record, whatever
     * the CRM's id order).
     */
    it(
      `when random histories of ties, writes between pages, interrupted runs, late writes and quiet syncs run (${RUNS} histories), then every contact the sync guarantees promise reaches Talkdesk in its latest version, edits during a run by that run or the next sync whatever the lookback, and every answer meets the contract`,
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

    const subMs = (crowding: Crowding) => () => assertHistories(adapter, () => crm, subMsHistoryArb(adapter.maxPageSize, crowding), RUNS);

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
      `when any number of records share a millisecond, also written between pages on a microsecond clock (${RUNS} histories), then every record the sync guarantees promise is delivered`,
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
