import { runSync } from '../../src/sim/run-sync.js';
import { decodeCheckpoint } from '../../src/sync/checkpoint.js';
import type { PageBody } from './active-run.js';
import type { LiveRecord } from './crm-adapter.js';
import { checkPage } from './page-checks.js';
import type { Talkdesk } from './talkdesk.js';
import { PropertyFailure, type Trace } from './trace.js';

/*
 * The checks at the end of an example, once the commands have run: nothing lost, and a sync with
 * nothing new stays incremental.
 */

/**
 * Every live record's latest version the sync guarantees promise was delivered by some sync. When one
 * was not, one more incremental sync shows whether it is lost for good or only late.
 */
export async function checkNothingLost(td: Talkdesk): Promise<void> {
  const trace: Trace = td.trace;
  const missed = td.deliveries.undelivered(td.crm.live());
  if (missed.length === 0) {
    if (td.firstSkip !== null) throw new PropertyFailure(`a run skipped a record (a later sync delivered it): ${td.firstSkip}`);
    return;
  }
  const lastSync = td.lastWindowFrom === -Infinity ? 'a full sync' : `an incremental sync reading from ${trace.t(td.lastWindowFrom)}`;
  td.begin();
  const again = td.lastWindowFrom;
  await td.complete();
  const lost = td.deliveries.undelivered(td.crm.live());
  const show = (rs: LiveRecord[]): string =>
    rs
      .slice(0, 5)
      .map(
        (r) => `${r.id} ${r.version} at ${trace.t(r.key.at)} (delivered versions: ${td.deliveries.versionsOf(r.id).join(', ') || 'none'})`,
      )
      .join('; ');
  const why = td.firstSkip === null ? '' : `\n  first skipped by ${td.firstSkip}`;
  if (lost.length > 0) {
    trace.fail(
      `LOST: ${lost.length} live record(s) never delivered in their latest version: not by the final sync (${lastSync}, nothing written concurrently), nor by one more reading from ${trace.t(again)}: ${show(lost)}${why}`,
    );
  }
  trace.fail(
    `${missed.length} live record(s) missed by the final sync (${lastSync}, nothing written concurrently), delivered only by one more: ${show(missed)}${why}`,
  );
}

/**
 * A sync with nothing new, run by the Talkdesk simulator (src/sim), which validates every answer
 * against the contract; then the same page checks, and the "incremental stays incremental" bound.
 */
export async function quietSync(td: Talkdesk): Promise<void> {
  const trace: Trace = td.trace;
  const start = td.heldPosition();
  const liveNow = td.crm.live();
  const result = await runSync({
    url: td.bridge.url + td.adapter.path,
    auth: td.crm.auth,
    ...(td.held === undefined ? {} : { checkpoint: td.held }),
    maxPages: liveNow.length + 2,
  });
  const errors = result.violations.filter((v) => v.severity === 'error');
  if (!result.completed || errors.length > 0 || result.error) {
    trace.fail(`quiet sync: ${result.outcome}: ${[...errors.map((v) => v.message), result.error?.message].filter(Boolean).join('; ')}`);
  }
  td.begin();
  const run = td.run!;
  let at = 0;
  for (const p of result.pages) {
    const body: PageBody = {
      contacts: result.contacts.slice(at, at + p.contactCount) as Array<Record<string, unknown>>,
      synchronization_checkpoint: p.checkpoint as string,
      ...(typeof p.nextOffset === 'string' ? { next_offset: p.nextOffset } : {}),
    };
    at += p.contactCount;
    checkPage(td, run, body, liveNow);
  }
  td.run = null;

  const from = start === null ? -Infinity : td.adapter.windowStart(start.updatedAt, td.lookbackMs);
  const window = new Map(liveNow.filter((r) => r.key.at >= from).map((r) => [r.id, r]));
  for (const c of result.contacts as Array<Record<string, unknown>>) {
    if (!window.has(String(c['id'])))
      trace.fail(`quiet sync delivered ${String(c['id'])}, outside the lookback window from ${trace.t(from)}`);
  }
  const end = result.finalCheckpoint === null ? null : decodeCheckpoint(result.finalCheckpoint);
  if (JSON.stringify(end) !== JSON.stringify(start)) {
    trace.fail(`quiet sync moved the checkpoint from ${JSON.stringify(start)} to ${JSON.stringify(end)}`);
  }
  td.held = result.finalCheckpoint ?? td.held;
}
