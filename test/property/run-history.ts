import fc from 'fast-check';
import { startBridge, type TestBridge } from '../support/bridge.js';
import type { CrmAdapter, CrmFake, LiveRecord } from './crm-adapter.js';
import { checkNothingLost, quietSync } from './end-checks.js';
import type { Cmd, History } from './history.js';
import { MAX_INITIAL_RECORDS } from './history-arbitraries.js';
import { Talkdesk } from './talkdesk.js';
import { short } from './trace.js';

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

/**
 * Plays one history against the CRM's fake and a bridge: the initial data, the commands (writes
 * and Talkdesk's moves, checked page by page), then the run in progress to its end, a final sync
 * with nothing written concurrently, and two syncs with nothing new.
 */
export async function runHistory(adapter: CrmAdapter, crm: CrmFake, bridge: TestBridge, h: History): Promise<void> {
  const lookbackMs = h.lookbackS * 1000;
  const td = new Talkdesk(adapter, crm, bridge, lookbackMs);
  const { trace } = td;
  let tokens = 0;
  const version = (): string => `v${++tokens}`;

  let budget = MAX_INITIAL_RECORDS;
  for (const g of h.initial) {
    const size = Math.min(g.size, budget);
    budget -= size;
    for (let i = 0; i < size; i++) crm.create(version());
    if (size > 0) trace.note(`${size} records at ${trace.t(crm.now())}`);
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
    trace.note(`${n} records in ${h.micros.length} ms from ${trace.t(base)}, clock at ${trace.t(crm.now())}`);
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
        trace.note(`create ${short(id)} ${v} at ${trace.t(crm.now())}`);
        break;
      }
      case 'update': {
        const r = chosen(c.pick);
        if (!r) break;
        const v = version();
        crm.update(r.id, v);
        td.wrote([r.id], v, true);
        trace.note(`update ${short(r.id)} ${v} at ${trace.t(crm.now())}`);
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
        trace.note(`bulk update of ${ids.length} ${v} at ${trace.t(crm.now())}`);
        break;
      }
      case 'delete': {
        const r = chosen(c.pick);
        if (!r) break;
        crm.remove(r.id);
        trace.note(`delete ${short(r.id)} at ${trace.t(crm.now())}`);
        break;
      }
      case 'late': {
        const now = crm.now();
        // The oldest update time the sync guarantees cover (see sync-invariants.test.ts).
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
        trace.note(`late ${target ? 'update' : 'create'} ${short(id)} ${v} at ${trace.t(at)} (visible at ${trace.t(now)})`);
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
  await checkNothingLost(td);
  // Nothing new, twice.
  await quietSync(td);
  await quietSync(td);
  await checkNothingLost(td);
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

/**
 * Checks `numRuns` histories drawn from `histories` (after `examples`, which fast-check runs
 * first), each on an emptied fake with a bridge configured for the history's page size and
 * lookback. fast-check's seed comes from test/setup.ts (FC_SEED, or CI's fixed one).
 */
export async function assertHistories(
  adapter: CrmAdapter,
  crm: () => CrmFake,
  histories: fc.Arbitrary<History>,
  numRuns: number,
  examples: readonly History[] = [],
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(histories, async (h) => {
      const fake = crm();
      await fake.reset();
      await withBridge(fake, { PAGE_SIZE: String(h.pageSize), SYNC_LOOKBACK_SECONDS: String(h.lookbackS) }, (bridge) =>
        runHistory(adapter, fake, bridge, h),
      );
    }),
    { numRuns, examples: examples.map((h) => [h]) },
  );
}
