import type { LiveRecord } from './crm-adapter.js';
import { pairOf } from './active-run.js';
import type { Trace } from './trace.js';

/**
 * What Talkdesk has received over all syncs of one example, and which written versions the sync
 * guarantees (docs/sync-guarantees.md) promise to deliver at all.
 */
export class Deliveries {
  /** Versions written since the last run started, assessed when the next one starts. */
  private readonly pending: Array<{ id: string; version: string; ordinary: boolean }> = [];
  /** Versions the sync guarantees do not promise to deliver: visible too late, behind the window. */
  private readonly exempt = new Set<string>();
  private readonly delivered = new Set<string>();
  private readonly deliveredVersions = new Map<string, string[]>();

  /**
   * Records were written (`ordinary`: create/update/bulk at the current time; else a late write).
   * Assessed when the next run starts.
   */
  wrote(ids: readonly string[], version: string, ordinary: boolean): void {
    for (const id of ids) this.pending.push({ id, version, ordinary });
  }

  /**
   * A run reading from `windowFrom` starts. docs/sync-guarantees.md, "Late records": a write is promised to the
   * first sync that starts after it became visible, if its update time is inside that sync's
   * window; a sync that stops early keeps it inside the window of the next one (its checkpoint
   * cannot pass the record undelivered: the page checks see to that). A write that lands ahead of
   * the run in progress is always inside it; a late write that lands behind the run's cursor is
   * delivered only if the run's final checkpoint stays within the lookback. Ordinary writes
   * (create, update, bulk update) are always promised: one landing behind a cursor in the
   * cursor's own time unit is the checkpoint floor's to bring.
   */
  runStarts(liveNow: readonly LiveRecord[], windowFrom: number, trace: Trace): void {
    const live = new Map(liveNow.map((r) => [r.id, r]));
    for (const w of this.pending) {
      const r = live.get(w.id);
      if (!r || r.version !== w.version || r.key.at >= windowFrom || w.ordinary) continue;
      this.exempt.add(pairOf(w.id, w.version));
      trace.note(`(${w.version} at ${trace.t(r.key.at)} is older than the window from ${trace.t(windowFrom)}: not promised)`);
    }
    this.pending.length = 0;
  }

  /** A page delivered this version. */
  add(id: string, version: string): void {
    const pair = pairOf(id, version);
    if (!this.delivered.has(pair)) {
      this.delivered.add(pair);
      this.deliveredVersions.set(id, [...(this.deliveredVersions.get(id) ?? []), version]);
    }
  }

  /** The live records whose latest version the sync guarantees promise and no sync delivered. */
  undelivered(liveNow: readonly LiveRecord[]): LiveRecord[] {
    return liveNow.filter((r) => {
      const pair = pairOf(r.id, r.version);
      return !this.delivered.has(pair) && !this.exempt.has(pair);
    });
  }

  /** Every version of this record delivered so far, in order. */
  versionsOf(id: string): readonly string[] {
    return this.deliveredVersions.get(id) ?? [];
  }
}
