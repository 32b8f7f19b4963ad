/**
 * In-memory people/companies store behind the fake Twenty CRM.
 *
 * Records mirror the columns Twenty keeps for the standard `person` and `company` objects (the
 * composite fields Emails, Phones, Links and Address are flattened the way Twenty stores them in
 * Postgres: `emailsPrimaryEmail`, `phonesPrimaryPhoneNumber`, ...). Timestamps are epoch
 * milliseconds; the GraphQL layer serves them as ISO-8601 strings with milliseconds, as Twenty
 * does (`new Date(ms).toISOString()`).
 *
 * A timestamp may carry a fractional part: Postgres keeps microseconds while Twenty serves (and
 * puts in cursors) milliseconds, so `1000.25` models a row stored at 1 s + 250 µs that the API
 * shows as `...01.000Z`. Ordering uses the full value, as Postgres does; the query engine
 * reproduces Twenty's millisecond-bucket comparisons. Everything the store generates itself is
 * whole milliseconds.
 *
 * The clock is the store's own: deterministic by default (it moves only through `advance` /
 * `setNow`), or the wall clock with `realClock: true` (the demo).
 *
 * Every write bumps `version`, which the query engine uses to invalidate its sorted indexes; every
 * value returned to callers is a copy, so tests cannot corrupt the store by mutating results.
 */

import { ClockedStore, mulberry32, withoutUndefined } from '../support/store-support.js';

export { DEFAULT_START_TIME, mulberry32 } from '../support/store-support.js';

export interface AdditionalPhone {
  number: string;
  countryCode: string;
  callingCode: string;
}

export interface PersonRecord {
  id: string;
  firstName: string | null;
  lastName: string | null;
  primaryEmail: string | null;
  additionalEmails: string[] | null;
  primaryPhoneNumber: string | null;
  /** ISO 3166 alpha-2 ("FR"); legacy Twenty rows hold the calling code ("+33") here instead. */
  primaryPhoneCountryCode: string | null;
  /** "+33" */
  primaryPhoneCallingCode: string | null;
  additionalPhones: AdditionalPhone[] | null;
  jobTitle: string | null;
  city: string | null;
  avatarUrl: string | null;
  linkedinUrl: string | null;
  xUrl: string | null;
  companyId: string | null;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
}

export interface CompanyAddress {
  addressStreet1: string | null;
  addressStreet2: string | null;
  addressCity: string | null;
  addressState: string | null;
  addressPostcode: string | null;
  addressCountry: string | null;
}

export interface CompanyRecord {
  id: string;
  name: string | null;
  domainUrl: string | null;
  address: CompanyAddress | null;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
}

/** What `create` accepts: everything optional; id and timestamps are generated when absent. */
export type PersonInput = Partial<PersonRecord>;
/** What `update`/`updateMany` accept. `id` cannot be changed; `updatedAt` is always set to now. */
export type PersonPatch = Partial<Omit<PersonRecord, 'id' | 'updatedAt'>>;
export type CompanyInput = Partial<CompanyRecord>;

export interface TwentyStoreOptions {
  /** Initial clock value (epoch ms). Default: 2026-01-01T00:00:00.000Z. */
  startTime?: number;
  /** Use the wall clock instead of the controllable one (for the demo). */
  realClock?: boolean;
  /** Seed of the generator of ids for records created without one (deterministic by default). */
  idSeed?: number;
}

/**
 * Told about every write, after `version` was bumped: the record before and after it (undefined
 * for a creation / a hard delete; both undefined for a company write).
 */
export type PeopleChangeListener = (before: Readonly<PersonRecord> | undefined, after: Readonly<PersonRecord> | undefined) => void;

/** A UUID v4-shaped string (version nibble 4, RFC 4122 variant) drawn from `random`. */
export function uuidFrom(random: () => number): string {
  let hex = '';
  for (let i = 0; i < 32; i++) {
    let nibble = Math.floor(random() * 16);
    if (i === 12) nibble = 4;
    else if (i === 16) nibble = 8 + (nibble & 3);
    hex += nibble.toString(16);
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A complete person record from partial input (absent fields are NULL), with private copies of
 * the arrays. Built as one literal so every record has the same shape (fast property access).
 */
function buildPerson(src: PersonInput, id: string, createdAt: number, updatedAt: number): PersonRecord {
  return {
    id,
    firstName: src.firstName ?? null,
    lastName: src.lastName ?? null,
    primaryEmail: src.primaryEmail ?? null,
    additionalEmails: src.additionalEmails == null ? null : [...src.additionalEmails],
    primaryPhoneNumber: src.primaryPhoneNumber ?? null,
    primaryPhoneCountryCode: src.primaryPhoneCountryCode ?? null,
    primaryPhoneCallingCode: src.primaryPhoneCallingCode ?? null,
    additionalPhones:
      src.additionalPhones == null
        ? null
        : src.additionalPhones.map((ph) => ({ number: ph.number, countryCode: ph.countryCode, callingCode: ph.callingCode })),
    jobTitle: src.jobTitle ?? null,
    city: src.city ?? null,
    avatarUrl: src.avatarUrl ?? null,
    linkedinUrl: src.linkedinUrl ?? null,
    xUrl: src.xUrl ?? null,
    companyId: src.companyId == null ? null : src.companyId.toLowerCase(),
    createdAt,
    updatedAt,
    deletedAt: src.deletedAt ?? null,
  };
}

function copyPerson(p: PersonRecord): PersonRecord {
  return buildPerson(p, p.id, p.createdAt, p.updatedAt);
}

function copyCompany(c: CompanyRecord): CompanyRecord {
  return { ...c, address: c.address === null ? null : { ...c.address } };
}

export class TwentyStore extends ClockedStore {
  private readonly random: () => number;
  private readonly people = new Map<string, PersonRecord>();
  private readonly companies = new Map<string, CompanyRecord>();
  private peopleSnapshot: readonly PersonRecord[] | null = null;
  private writeVersion = 0;
  private readonly listeners = new Set<PeopleChangeListener>();

  constructor(options: TwentyStoreOptions = {}) {
    super(options);
    this.random = mulberry32(options.idSeed ?? 0x7477656e);
  }

  /** Incremented by every write; lets readers cache derived indexes. */
  get version(): number {
    return this.writeVersion;
  }

  /** A fresh UUID from the store's deterministic generator. */
  newId(): string {
    return uuidFrom(this.random);
  }

  // ---- people: writes ----------------------------------------------------------------------

  /** Create a person; `createdAt = updatedAt = now` unless given. Throws if the id exists. */
  create(input: PersonInput = {}): PersonRecord {
    const id = (input.id ?? this.newId()).toLowerCase();
    if (this.people.has(id)) throw new Error(`person ${id} already exists`);
    const now = this.now();
    const updatedAt = input.updatedAt ?? input.createdAt ?? now;
    const createdAt = input.createdAt ?? Math.min(now, updatedAt);
    const record = buildPerson(input, id, createdAt, updatedAt);
    this.people.set(id, record);
    this.touch(undefined, record);
    return copyPerson(record);
  }

  /**
   * Update one person. Like Twenty (the ORM's `@UpdateDateColumn`), every update sets
   * `updatedAt = now`, whatever the patch holds. Throws if the id is unknown.
   */
  update(id: string, patch: PersonPatch): PersonRecord {
    const now = this.now();
    return this.write(id, patch, now);
  }

  /**
   * Bulk update, as Twenty's `updatePeople` runs it: one statement, so every row gets the SAME
   * `updatedAt` (Postgres `now()` is the transaction start). This is what produces large ties.
   */
  updateMany(ids: readonly string[], patch: PersonPatch): PersonRecord[] {
    const now = this.now();
    return ids.map((id) => this.write(id, patch, now));
  }

  /**
   * Soft delete, as Twenty's `deletePerson` does: `deletedAt = now`, and since it is an UPDATE,
   * `updatedAt = now` too. The row stays, hidden from queries that do not mention `deletedAt`.
   */
  softDelete(id: string): PersonRecord {
    const now = this.now();
    return this.write(id, { deletedAt: now }, now);
  }

  /** Undo a soft delete (Twenty's `restorePerson`): `deletedAt = null`, `updatedAt = now`. */
  restore(id: string): PersonRecord {
    const now = this.now();
    return this.write(id, { deletedAt: null }, now);
  }

  /** Remove a person for good (Twenty's `destroyPerson`); returns whether it existed. */
  hardDelete(id: string): boolean {
    const existing = this.people.get(id.toLowerCase());
    if (existing === undefined) return false;
    this.people.delete(existing.id);
    this.touch(existing, undefined);
    return true;
  }

  /**
   * A write that becomes visible only now but carries an explicit, older `updatedAt`: what a
   * reader sees when a long transaction commits (its `now()` was taken at its start) or when it
   * reads from a lagging replica. Creates the person, or overwrites an existing one with the
   * given fields. `updatedAt` is required; `createdAt` defaults to `min(updatedAt, existing)`.
   */
  insertLate(person: PersonInput & { updatedAt: number }): PersonRecord {
    const id = person.id?.toLowerCase();
    const existing = id === undefined ? undefined : this.people.get(id);
    if (existing === undefined) {
      return this.create({ ...person, createdAt: person.createdAt ?? person.updatedAt });
    }
    const record = buildPerson(
      { ...existing, ...withoutUndefined(person) },
      existing.id,
      person.createdAt ?? Math.min(existing.createdAt, person.updatedAt),
      person.updatedAt,
    );
    this.people.set(existing.id, record);
    this.touch(existing, record);
    return copyPerson(record);
  }

  // ---- people: reads -----------------------------------------------------------------------

  /** A copy of the person, deleted or not; undefined if unknown. */
  get(id: string): PersonRecord | undefined {
    const p = this.people.get(id.toLowerCase());
    return p === undefined ? undefined : copyPerson(p);
  }

  /** Copies of all people in insertion order; soft-deleted ones only with `includeDeleted`. */
  all(options: { includeDeleted?: boolean } = {}): PersonRecord[] {
    const out: PersonRecord[] = [];
    for (const p of this.people.values()) {
      if (p.deletedAt === null || options.includeDeleted === true) out.push(copyPerson(p));
    }
    return out;
  }

  /** Number of people, deleted included. */
  get size(): number {
    return this.people.size;
  }

  /**
   * The live records, deleted included, without copying (for the query engine, which must not
   * mutate them). The array is rebuilt after each write; records are replaced, never mutated.
   */
  peopleView(): readonly Readonly<PersonRecord>[] {
    if (this.peopleSnapshot === null) this.peopleSnapshot = Array.from(this.people.values());
    return this.peopleSnapshot;
  }

  // ---- companies ---------------------------------------------------------------------------

  /** Create a company; timestamps default to now. Throws if the id exists. */
  createCompany(input: CompanyInput = {}): CompanyRecord {
    const id = (input.id ?? this.newId()).toLowerCase();
    if (this.companies.has(id)) throw new Error(`company ${id} already exists`);
    const now = this.now();
    const record: CompanyRecord = copyCompany({
      name: null,
      domainUrl: null,
      address: null,
      deletedAt: null,
      ...withoutUndefined(input),
      id,
      createdAt: input.createdAt ?? now,
      updatedAt: input.updatedAt ?? input.createdAt ?? now,
    });
    this.companies.set(id, record);
    this.touch();
    return copyCompany(record);
  }

  /** Update a company (updatedAt = now). Does not touch the people pointing at it, as in Twenty. */
  updateCompany(id: string, patch: Partial<Omit<CompanyRecord, 'id' | 'updatedAt'>>): CompanyRecord {
    const existing = this.companies.get(id.toLowerCase());
    if (existing === undefined) throw new Error(`company ${id} not found`);
    const record = copyCompany({ ...existing, ...withoutUndefined(patch), id: existing.id, updatedAt: this.now() });
    this.companies.set(existing.id, record);
    this.touch();
    return copyCompany(record);
  }

  getCompany(id: string): CompanyRecord | undefined {
    const c = this.companies.get(id.toLowerCase());
    return c === undefined ? undefined : copyCompany(c);
  }

  allCompanies(): CompanyRecord[] {
    return Array.from(this.companies.values(), copyCompany);
  }

  /** The live company record without copying (for the GraphQL layer, read-only). */
  companyView(id: string): Readonly<CompanyRecord> | undefined {
    return this.companies.get(id);
  }

  // ---- internals ---------------------------------------------------------------------------

  private write(id: string, patch: PersonPatch, updatedAt: number): PersonRecord {
    const existing = this.people.get(id.toLowerCase());
    if (existing === undefined) throw new Error(`person ${id} not found`);
    const merged: PersonInput = { ...existing, ...withoutUndefined(patch) };
    const record = buildPerson(merged, existing.id, merged.createdAt ?? existing.createdAt, updatedAt);
    this.people.set(existing.id, record);
    this.touch(existing, record);
    return copyPerson(record);
  }

  /** Subscribe to writes (the query engine keeps its sorted indexes current with it). */
  onPeopleChange(listener: PeopleChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private touch(before?: PersonRecord, after?: PersonRecord): void {
    this.writeVersion++;
    if (before !== undefined || after !== undefined) this.peopleSnapshot = null;
    for (const listener of this.listeners) listener(before, after);
  }
}
