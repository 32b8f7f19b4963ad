import { decodeCheckpoint } from '../../src/sync/checkpoint.js';
import type { SyncPosition } from '../../src/position/sync-position.js';
import { pairOf, type ActiveRun, type PageBody } from './active-run.js';
import type { CrmAdapter, LiveRecord, OrderKey } from './crm-adapter.js';
import type { Deliveries } from './deliveries.js';
import { compareKeys, comparePositions, served } from './order-keys.js';
import { short, type Trace } from './trace.js';

/** What the page checks read and record beside the run itself. */
export interface PageCheckContext {
  readonly adapter: CrmAdapter;
  readonly trace: Trace;
  readonly deliveries: Deliveries;
  /** The first page that skipped a record (reported with the trace up to that page), if any. */
  firstSkip: string | null;
}

/**
 * The per-page invariants, against the store's state `liveNow` at the time the page was read:
 * every contact live in its current version, ascending, no skip, the checkpoint readable, never
 * back and at the furthest update time delivered, and the run terminating.
 */
export function checkPage(ctx: PageCheckContext, run: ActiveRun, body: PageBody, liveNow: readonly LiveRecord[]): void {
  const trace: Trace = ctx.trace;
  run.pages++;
  const where = `sync #${run.no} page ${run.pages}`;
  const live = new Map(liveNow.map((r) => [r.id, r]));
  const keys: OrderKey[] = [];
  const ids = new Set<string>();
  for (const contact of body.contacts) {
    const id = String(contact['id']);
    const version = ctx.adapter.deliveredVersion(contact);
    const record = live.get(id);
    if (!record) trace.fail(`${where}: delivered ${id} (${version}), which is not a live record`);
    if (version !== record.version) trace.fail(`${where}: delivered ${id} as ${version}, but the CRM holds ${record.version}`);
    if (ids.has(id)) trace.fail(`${where}: ${id} twice on one page`);
    ids.add(id);
    const previousKey = keys[keys.length - 1];
    if (previousKey && Math.floor(previousKey.at) > Math.floor(record.key.at)) {
      trace.fail(
        `${where}: not ascending: ${id} at ${trace.t(record.key.at)} comes after ${previousKey.tie} at ${trace.t(previousKey.at)}`,
      );
    }
    keys.push(record.key);
    run.deliveredHere.add(pairOf(id, version));
    ctx.deliveries.add(id, version);
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
    if (!r || r.version !== version || run.deliveredHere.has(pairOf(id, version))) {
      run.owed.delete(id);
      continue;
    }
    const passed = isLastPage || (run.furthest !== null && run.furthest.at > Math.floor(r.key.at));
    if (!passed || ctx.firstSkip !== null) continue;
    // Not thrown yet: the history goes on, so that the failure can say whether a later sync
    // made up for the skip or the record is lost for good.
    ctx.firstSkip = trace.report(
      `${where}: skipped ${r.id} (${r.version} at ${trace.t(r.key.at)}), which was ahead of the run's earlier pages and ${
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
    trace.fail(`${where}: unreadable checkpoint: ${(e as Error).message}`);
  }
  if (run.previous && (cp === null || comparePositions(cp, run.previous) < 0)) {
    trace.fail(`${where}: checkpoint went back from ${JSON.stringify(run.previous)} to ${JSON.stringify(cp)}`);
  }
  const expectedMs = run.latestMs === -Infinity ? null : run.latestMs;
  if ((cp?.updatedAt ?? null) !== expectedMs) {
    trace.fail(
      `${where}: checkpoint at ${cp ? trace.t(cp.updatedAt) : 'null'}, but the furthest update time delivered is ${
        expectedMs === null ? 'none' : trace.t(expectedMs)
      }`,
    );
  }
  run.previous = cp;
  run.lastCheckpoint = body.synchronization_checkpoint;

  trace.note(
    `  page ${run.pages}: ${body.contacts.length} contacts${
      keys.length > 0 ? ` ${trace.t(keys[0]!.at)}..${trace.t(last!.at)}` : ''
    }, cp ${cp ? `(${trace.t(cp.updatedAt)}, ${short(cp.id)})` : 'null'}${isLastPage ? ', last' : ''}`,
  );
  if (run.pages > run.pageBudget) {
    trace.fail(`${where}: the run does not terminate (more pages than the ${run.pageBudget - 1} record versions it could deliver)`);
  }
}
