/**
 * In-memory data behind the fake Salesforce: Contacts and Accounts with the fields the bridge
 * reads, and the three timestamps Salesforce keeps on every record.
 *
 * Salesforce semantics it keeps (crm-apis.md, Salesforce section; the Contact and Account object
 * references):
 * - Every user change sets LastModifiedDate and SystemModstamp to now; a system change (a
 *   recalculation, a merge) sets SystemModstamp alone (`touchSystem`), which is why the bridge
 *   checkpoints on SystemModstamp.
 * - (unconfirmed) Audit timestamps have whole-second precision: Salesforce shows them with
 *   `.000` milliseconds. So records written within one second share a SystemModstamp, and a bulk
 *   update (`updateMany`) gives every record exactly the same one.
 * - Deleted records go to the recycle bin, which the GraphQL API does not read: `delete` removes.
 * - Updating an Account does not touch its Contacts' timestamps.
 * - Ids are 18-character case-insensitive-safe Salesforce Ids: a 3-character key prefix (003
 *   Contact, 001 Account), 12 base-62 characters, and the 3-character checksum Salesforce appends
 *   to 15-character Ids. They are drawn from a seeded generator, so Id order is not creation order.
 *
 * The clock is the store's own: deterministic (it moves only through `advance` / `setNow`), or the
 * wall clock with `realClock: true`. Values returned to callers are copies.
 */

import { ClockedStore, mulberry32, withoutUndefined } from '../support/store-support.js';

export { DEFAULT_START_TIME } from '../support/store-support.js';

export interface ContactRecord {
  Id: string;
  Salutation: string | null;
  FirstName: string | null;
  LastName: string | null;
  Title: string | null;
  Email: string | null;
  Phone: string | null;
  MobilePhone: string | null;
  HomePhone: string | null;
  OtherPhone: string | null;
  PhotoUrl: string | null;
  MailingStreet: string | null;
  MailingCity: string | null;
  MailingState: string | null;
  MailingPostalCode: string | null;
  MailingCountry: string | null;
  AccountId: string | null;
  CreatedDate: number;
  LastModifiedDate: number;
  SystemModstamp: number;
}

export interface AccountRecord {
  Id: string;
  Name: string | null;
  Website: string | null;
  CreatedDate: number;
  LastModifiedDate: number;
  SystemModstamp: number;
}

type Stamps = 'Id' | 'CreatedDate' | 'LastModifiedDate' | 'SystemModstamp';
/** What `createContact` accepts: everything optional; Id and timestamps are generated when absent. */
export type ContactInput = Partial<ContactRecord>;
/** What `update`/`updateMany` accept: timestamps are set by the store. */
export type ContactPatch = Partial<Omit<ContactRecord, Stamps>>;
export type AccountInput = Partial<AccountRecord>;

export interface SalesforceStoreOptions {
  /** Initial clock value (epoch ms). Default 2026-01-01T00:00:00Z. */
  startTime?: number;
  /** Use the wall clock instead of the controllable one. */
  realClock?: boolean;
  /** Seed of the Id generator. */
  idSeed?: number;
  /** Precision of stored timestamps (ms). Default 1000: whole seconds, as Salesforce shows them. */
  precisionMs?: number;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const CHECKSUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * The 18-character form of a 15-character Id: for each 5-character chunk, a bit per upper-case
 * letter, read as an index into A–Z0–5 (Salesforce's documented algorithm).
 */
export function to18(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15[chunk * 5 + i] ?? '';
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += CHECKSUM[bits];
  }
  return id15 + suffix;
}

function buildContact(src: ContactInput, Id: string, created: number, modified: number, stamp: number): ContactRecord {
  return {
    Id,
    Salutation: src.Salutation ?? null,
    FirstName: src.FirstName ?? null,
    LastName: src.LastName ?? null,
    Title: src.Title ?? null,
    Email: src.Email ?? null,
    Phone: src.Phone ?? null,
    MobilePhone: src.MobilePhone ?? null,
    HomePhone: src.HomePhone ?? null,
    OtherPhone: src.OtherPhone ?? null,
    PhotoUrl: src.PhotoUrl ?? null,
    MailingStreet: src.MailingStreet ?? null,
    MailingCity: src.MailingCity ?? null,
    MailingState: src.MailingState ?? null,
    MailingPostalCode: src.MailingPostalCode ?? null,
    MailingCountry: src.MailingCountry ?? null,
    AccountId: src.AccountId ?? null,
    CreatedDate: created,
    LastModifiedDate: modified,
    SystemModstamp: stamp,
  };
}

export class SalesforceStore extends ClockedStore {
  private readonly precisionMs: number;
  private random: () => number;
  private readonly contacts = new Map<string, ContactRecord>();
  private readonly accounts = new Map<string, AccountRecord>();
  private snapshot: readonly ContactRecord[] | null = null;
  private writes = 0;

  constructor(private readonly options: SalesforceStoreOptions = {}) {
    super(options);
    this.precisionMs = options.precisionMs ?? 1000;
    this.random = mulberry32(options.idSeed ?? 0x5f0ce);
  }

  /** Back to a new store's state: no records, the clock at its start, Ids generated afresh. */
  reset(): void {
    this.contacts.clear();
    this.accounts.clear();
    this.resetClock();
    this.random = mulberry32(this.options.idSeed ?? 0x5f0ce);
    this.touch();
  }

  // ---- clock (now / advance / setNow: ClockedStore) ------------------------------------------

  /** The timestamp a write made now gets: `now()` truncated to the store's precision. */
  stamp(): number {
    const now = this.now();
    return now - (now % this.precisionMs);
  }

  /** Changes on every write. */
  get version(): number {
    return this.writes;
  }

  /** A new 18-character Id with this key prefix (003 Contact, 001 Account). */
  newId(prefix: string): string {
    let body = '';
    for (let i = 0; i < 12; i++) body += BASE62[Math.floor(this.random() * 62)];
    return to18(`${prefix}${body}`);
  }

  // ---- contacts ------------------------------------------------------------------------------

  createContact(input: ContactInput = {}): ContactRecord {
    const Id = input.Id ?? this.newId('003');
    if (this.findKey(Id) !== undefined) throw new Error(`contact ${Id} already exists`);
    const stamp = input.SystemModstamp ?? input.LastModifiedDate ?? this.stamp();
    const record = buildContact(input, Id, input.CreatedDate ?? stamp, input.LastModifiedDate ?? stamp, stamp);
    this.contacts.set(Id, record);
    this.touch();
    return { ...record };
  }

  /** A user update: LastModifiedDate and SystemModstamp become now. */
  update(id: string, patch: ContactPatch): ContactRecord {
    const stamp = this.stamp();
    return this.write(id, patch, stamp, stamp);
  }

  /** One bulk operation (one transaction): every record gets the same timestamps. */
  updateMany(ids: readonly string[], patch: ContactPatch): ContactRecord[] {
    const stamp = this.stamp();
    return ids.map((id) => this.write(id, patch, stamp, stamp));
  }

  /** A system change (no user edit): only SystemModstamp moves. */
  touchSystem(id: string): ContactRecord {
    const existing = this.require(id);
    return this.write(id, {}, existing.LastModifiedDate, this.stamp());
  }

  /** Delete (to the recycle bin, which GraphQL does not read). Returns whether it existed. */
  delete(id: string): boolean {
    const key = this.findKey(id);
    if (key === undefined) return false;
    this.contacts.delete(key);
    this.touch();
    return true;
  }

  /**
   * A write that becomes visible only now but carries an older SystemModstamp: a long transaction
   * committing, or a read from a lagging replica. Creates the contact or overwrites it.
   */
  insertLate(contact: ContactInput & { SystemModstamp: number }): ContactRecord {
    const key = contact.Id === undefined ? undefined : this.findKey(contact.Id);
    if (key === undefined) return this.createContact(contact);
    const existing = this.contacts.get(key) as ContactRecord;
    const merged = { ...existing, ...withoutUndefined(contact) };
    const record = buildContact(
      merged,
      existing.Id,
      existing.CreatedDate,
      contact.LastModifiedDate ?? contact.SystemModstamp,
      contact.SystemModstamp,
    );
    this.contacts.set(existing.Id, record);
    this.touch();
    return { ...record };
  }

  getContact(id: string): ContactRecord | undefined {
    const key = this.findKey(id);
    return key === undefined ? undefined : { ...(this.contacts.get(key) as ContactRecord) };
  }

  allContacts(): ContactRecord[] {
    return Array.from(this.contacts.values(), (c) => ({ ...c }));
  }

  get size(): number {
    return this.contacts.size;
  }

  /** The live records without copying, for the query engine (read-only; replaced, never mutated). */
  contactsView(): readonly Readonly<ContactRecord>[] {
    if (this.snapshot === null) this.snapshot = Array.from(this.contacts.values());
    return this.snapshot;
  }

  // ---- accounts ------------------------------------------------------------------------------

  createAccount(input: AccountInput = {}): AccountRecord {
    const Id = input.Id ?? this.newId('001');
    if (this.accounts.has(Id)) throw new Error(`account ${Id} already exists`);
    const stamp = this.stamp();
    const record: AccountRecord = {
      Id,
      Name: input.Name ?? null,
      Website: input.Website ?? null,
      CreatedDate: input.CreatedDate ?? stamp,
      LastModifiedDate: input.LastModifiedDate ?? stamp,
      SystemModstamp: input.SystemModstamp ?? stamp,
    };
    this.accounts.set(Id, record);
    this.touch();
    return { ...record };
  }

  /** Update an account. Its contacts keep their timestamps, as in Salesforce. */
  updateAccount(id: string, patch: Partial<Pick<AccountRecord, 'Name' | 'Website'>>): AccountRecord {
    const existing = this.accounts.get(id);
    if (existing === undefined) throw new Error(`account ${id} not found`);
    const stamp = this.stamp();
    const record = { ...existing, ...withoutUndefined(patch), LastModifiedDate: stamp, SystemModstamp: stamp };
    this.accounts.set(id, record);
    this.touch();
    return { ...record };
  }

  accountView(id: string): Readonly<AccountRecord> | undefined {
    return this.accounts.get(id);
  }

  // ---- internals -----------------------------------------------------------------------------

  /** Salesforce accepts an Id in its 15- or 18-character form. */
  private findKey(id: string): string | undefined {
    if (this.contacts.has(id)) return id;
    if (id.length === 15) {
      const long = to18(id);
      if (this.contacts.has(long)) return long;
    }
    return undefined;
  }

  private require(id: string): ContactRecord {
    const key = this.findKey(id);
    if (key === undefined) throw new Error(`contact ${id} not found`);
    return this.contacts.get(key) as ContactRecord;
  }

  private write(id: string, patch: ContactPatch, modified: number, stamp: number): ContactRecord {
    const existing = this.require(id);
    const merged = { ...existing, ...withoutUndefined(patch) };
    const record = buildContact(merged, existing.Id, existing.CreatedDate, modified, stamp);
    this.contacts.set(existing.Id, record);
    this.touch();
    return { ...record };
  }

  private touch(): void {
    this.writes++;
    this.snapshot = null;
  }
}
