/**
 * One CRM as the property-based sync tests (sync-invariants.test.ts) see it. Each connector's
 * fake implements this once under adapters/ and is listed in adapters/index.ts; the properties
 * are written against this interface only.
 *
 * A CRM whose real versions differ (a schema generation, a search behaviour) has one adapter
 * factory taking an `AdapterVariant`: the fake's options for that version. Each variant is one
 * line in adapters/index.ts, and runs the whole suite.
 *
 * Vocabulary:
 * - A record's id is the id Talkdesk sees (`contact.id`), whatever the CRM calls it internally.
 * - A record's VERSION is a short token (`v17`) that the test passes to every write. The adapter
 *   stores it in one field that the bridge copies into the Talkdesk contact, and reads it back
 *   from a delivered contact with `deliveredVersion`. Tokens are never reused, so a delivered
 *   (id, version) pair says exactly which write Talkdesk received, and "the latest version was
 *   delivered" is a plain comparison.
 * - A record's ORDER KEY is where the CRM sorts it for the sync: its update time as the CRM
 *   orders by it, then its tie-breaker. Only the adapter knows the CRM's precision and its id
 *   order, so the tests never guess them.
 */

/** Where a record sits in the CRM's ascending sync order. */
export interface OrderKey {
  /**
   * The update time the CRM orders by, in epoch milliseconds. It may carry a fraction when the
   * CRM stores finer than it serves (Twenty: Postgres microseconds); `Math.floor(at)` must be the
   * millisecond value the CRM's API serves (and so what a checkpoint can record).
   */
  readonly at: number;
  /** The CRM's tie-breaker among equal update times, ordered by plain JS string comparison. */
  readonly tie: string;
}

/** A record visible to the CRM's API right now (not deleted). */
export interface LiveRecord {
  readonly id: string;
  readonly version: string;
  readonly key: OrderKey;
}

/** A running fake CRM on loopback, and the writes a generated history is made of. */
export interface CrmFake {
  /** `host:port` of the fake, for the bridge's allowed hosts. Read it again after `reset`. */
  readonly host: string;
  /** The request's `auth` object for this fake. Read it again after `reset`. */
  readonly auth: Record<string, unknown>;

  /**
   * Back to an empty store, the clock at its start, and id generation restarted, so that an
   * example replayed from its seed gets the same ids (ids decide the order of ties). A fake that
   * cannot be emptied may restart itself here (then `host` and `auth` change).
   */
  reset(): Promise<void>;
  /** Stop the fake and drop every connection. */
  close(): Promise<void>;

  /** The CRM's clock (epoch ms). */
  now(): number;
  /** Move the CRM's clock forward (ms; fractions only where `subMillisecond`). */
  advance(ms: number): void;

  /** Create a record at the current time; returns its id. */
  create(version: string): string;
  /** Update one record (its update time becomes now). */
  update(id: string, version: string): void;
  /** Update several records in one statement: they all get the same update time. */
  updateMany(ids: readonly string[], version: string): void;
  /** Delete a record the way the CRM's API does (soft or hard): it stops being visible. */
  remove(id: string): void;
  /**
   * A write that becomes visible only now but carries an older update time `updatedAt` (a long
   * transaction committing, a lagging replica): a new record, or, with `id` (only where
   * `lateUpdates`), a late-committed update of an existing one. Returns the record's id.
   * `updatedAt` may carry a fraction only where `subMillisecond`.
   */
  insertLate(version: string, updatedAt: number, id?: string): string;

  /** Every live record with its current version and order key. */
  live(): LiveRecord[];
}

export interface CrmAdapter {
  /** For test titles. */
  readonly name: string;
  /** The bridge route, e.g. `/twenty/contacts`. */
  readonly path: string;
  /** The largest PAGE_SIZE the tests may use: the fake's and the connector's caps, whichever is smaller. */
  readonly maxPageSize: number;
  /** Whether the fake stores update times finer than a millisecond (enables the sub-ms property). */
  readonly subMillisecond: boolean;
  /** Whether `insertLate` can overwrite an existing record. */
  readonly lateUpdates: boolean;
  /** The version token carried by a delivered Talkdesk contact (null when it has none). */
  deliveredVersion(contact: Record<string, unknown>): string | null;
  /**
   * The earliest update time an incremental sync from a checkpoint at `checkpointMs` may read
   * again: `checkpointMs - lookbackMs`, widened where the CRM's filter is coarser (whole seconds,
   * whole days). Bounds what a sync with nothing new may answer.
   */
  windowStart(checkpointMs: number, lookbackMs: number): number;
  /** Start a fresh fake on loopback. */
  start(): Promise<CrmFake>;
}

/**
 * One version of a CRM for the suite: the fake started with these options (its switch for where
 * real versions differ), named in test titles. The default variant has no label and no options.
 */
export interface AdapterVariant<FakeOptions> {
  /** Shown in test titles after the CRM's name, e.g. `twenty (v0.53 schema)`. */
  readonly label?: string;
  /** Given to the fake's start function over the adapter's own options. */
  readonly fake?: FakeOptions;
}

/** `twenty` or `twenty (v0.53 schema)`. */
export function variantName(crm: string, variant: AdapterVariant<unknown>): string {
  return variant.label === undefined ? crm : `${crm} (${variant.label})`;
}
