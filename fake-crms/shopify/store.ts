/**
 * The in-memory store behind the fake Shopify: a shop's customers.
 *
 * Records mirror what the Admin API serves for a customer (crm-apis.md, Shopify section): a numeric
 * id (the REST "legacy" id; the GraphQL id is `gid://shopify/Customer/{id}`), names, the default
 * email and phone, the default address, a picture, and timestamps. Timestamps are epoch
 * milliseconds but always whole SECONDS, as Shopify keeps `updated_at` (its API serves
 * `2026-01-01T12:00:00Z`, and its cursors carry `…12:00:00.000000`), so customers written in the
 * same second tie on `updatedAt`, as they do in a real shop.
 *
 * The clock is the store's own: deterministic by default (it moves only through `advance` /
 * `setNow`), or the wall clock with `realClock: true` (a demo). Ids grow with creation order, in
 * irregular steps, as Shopify's do. Deleting a customer removes it: Shopify's API shows no trace of
 * a deleted customer, so a poller cannot see deletions.
 *
 * Every write bumps `version` (readers cache sorted views by it); every value returned is a copy.
 */

import { ClockedStore, mulberry32, withoutUndefined } from '../support/store-support.js';

export { DEFAULT_START_TIME, mulberry32 } from '../support/store-support.js';

export interface CustomerAddress {
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  /** Region name, e.g. "Ontario". */
  province: string | null;
  /** Region code, e.g. "ON". */
  provinceCode: string | null;
  zip: string | null;
  /** Country name, e.g. "Canada". */
  country: string | null;
  /** ISO 3166-1 alpha-2, e.g. "CA". */
  countryCode: string | null;
}

export interface CustomerRecord {
  /** Numeric id (legacyResourceId). */
  id: number;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  /** As stored: normally E.164 (Shopify validates on save); imports can hold national numbers. */
  phone: string | null;
  address: CustomerAddress | null;
  /** An uploaded picture; null means Shopify's default avatar is served. */
  imageUrl: string | null;
  createdAt: number;
  updatedAt: number;
}

/** What `create` accepts: everything optional; id and timestamps are generated when absent. */
export type CustomerInput = Partial<Omit<CustomerRecord, 'address'>> & { address?: Partial<CustomerAddress> | null };
/** What `update`/`updateMany` accept. `id` cannot change; `updatedAt` is always set to now. */
export type CustomerPatch = Partial<Omit<CustomerRecord, 'id' | 'createdAt' | 'updatedAt' | 'address'>> & {
  address?: Partial<CustomerAddress> | null;
};

export interface ShopifyStoreOptions {
  /** Initial clock value (epoch ms). Default: 2026-01-01T00:00:00Z. */
  startTime?: number;
  /** Use the wall clock instead of the controllable one. */
  realClock?: boolean;
  /** Seed of the id generator (deterministic by default). */
  idSeed?: number;
  /** The first id handed out (before the first irregular step). Default 7,000,000,000,000. */
  firstId?: number;
}

/** Shopify keeps update times to the second. */
export function toShopifySeconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/** `gid://shopify/Customer/123` for the numeric id 123. */
export function customerGid(id: number): string {
  return `gid://shopify/Customer/${id}`;
}

function buildAddress(src: Partial<CustomerAddress> | null | undefined): CustomerAddress | null {
  if (src === null || src === undefined) return null;
  return {
    company: src.company ?? null,
    address1: src.address1 ?? null,
    address2: src.address2 ?? null,
    city: src.city ?? null,
    province: src.province ?? null,
    provinceCode: src.provinceCode ?? null,
    zip: src.zip ?? null,
    country: src.country ?? null,
    countryCode: src.countryCode ?? null,
  };
}

function buildCustomer(src: CustomerInput, id: number, createdAt: number, updatedAt: number): CustomerRecord {
  return {
    id,
    firstName: src.firstName ?? null,
    lastName: src.lastName ?? null,
    email: src.email ?? null,
    phone: src.phone ?? null,
    address: buildAddress(src.address),
    imageUrl: src.imageUrl ?? null,
    createdAt: toShopifySeconds(createdAt),
    updatedAt: toShopifySeconds(updatedAt),
  };
}

function copy(c: CustomerRecord): CustomerRecord {
  return { ...c, address: c.address === null ? null : { ...c.address } };
}

export class ShopifyStore extends ClockedStore {
  private random: () => number;
  private nextId: number;
  private readonly customers = new Map<number, CustomerRecord>();
  private snapshot: readonly CustomerRecord[] | null = null;
  private writeVersion = 0;

  constructor(private readonly options: ShopifyStoreOptions = {}) {
    super(options);
    this.random = mulberry32(options.idSeed ?? 0x5109);
    this.nextId = options.firstId ?? 7_000_000_000_000;
  }

  /** Back to a new store's state: no customers, the clock at its start, ids generated afresh. */
  reset(): void {
    this.customers.clear();
    this.resetClock();
    this.random = mulberry32(this.options.idSeed ?? 0x5109);
    this.nextId = this.options.firstId ?? 7_000_000_000_000;
    this.touch();
  }

  get version(): number {
    return this.writeVersion;
  }

  /** The next id: larger than every id handed out before, by an irregular step. */
  newId(): number {
    this.nextId += 1 + Math.floor(this.random() * 1000);
    return this.nextId;
  }

  // ---- writes ------------------------------------------------------------------------------

  /** Create a customer; `createdAt = updatedAt = now` unless given. Throws if the id exists. */
  create(input: CustomerInput = {}): CustomerRecord {
    const id = input.id ?? this.newId();
    if (this.customers.has(id)) throw new Error(`customer ${id} already exists`);
    if (id > this.nextId) this.nextId = id;
    const now = this.now();
    const updatedAt = input.updatedAt ?? input.createdAt ?? now;
    const record = buildCustomer(input, id, input.createdAt ?? Math.min(now, updatedAt), updatedAt);
    this.customers.set(id, record);
    this.touch();
    return copy(record);
  }

  /** Update one customer; like any Shopify write it sets `updatedAt = now`. Throws if unknown. */
  update(id: number, patch: CustomerPatch): CustomerRecord {
    return this.write(id, patch, this.now());
  }

  /**
   * Update several customers in one go (an import, a bulk edit in the admin): they all get the
   * same `updatedAt`, which is what produces ties larger than a page.
   */
  updateMany(ids: readonly number[], patch: CustomerPatch): CustomerRecord[] {
    const now = this.now();
    return ids.map((id) => this.write(id, patch, now));
  }

  /** Delete a customer: it disappears from every query. Returns whether it existed. */
  delete(id: number): boolean {
    const existed = this.customers.delete(id);
    if (existed) this.touch();
    return existed;
  }

  /**
   * A write that becomes visible only now but carries an older `updatedAt` (a replica that lags, a
   * long transaction): creates the customer, or overwrites an existing one with the given fields.
   */
  insertLate(input: CustomerInput & { updatedAt: number }): CustomerRecord {
    const existing = input.id === undefined ? undefined : this.customers.get(input.id);
    if (existing === undefined) return this.create({ ...input, createdAt: input.createdAt ?? input.updatedAt });
    const merged: CustomerInput = {
      ...existing,
      ...withoutUndefined(input),
      address: input.address === undefined ? existing.address : input.address,
    };
    const record = buildCustomer(merged, existing.id, input.createdAt ?? Math.min(existing.createdAt, input.updatedAt), input.updatedAt);
    this.customers.set(existing.id, record);
    this.touch();
    return copy(record);
  }

  // ---- reads -------------------------------------------------------------------------------

  get(id: number): CustomerRecord | undefined {
    const c = this.customers.get(id);
    return c === undefined ? undefined : copy(c);
  }

  /** Copies of every customer, in creation order. */
  all(): CustomerRecord[] {
    return Array.from(this.customers.values(), copy);
  }

  get size(): number {
    return this.customers.size;
  }

  /** The live records without copying (for the query engine, which must not mutate them). */
  customersView(): readonly Readonly<CustomerRecord>[] {
    if (this.snapshot === null) this.snapshot = Array.from(this.customers.values());
    return this.snapshot;
  }

  // ---- internals ---------------------------------------------------------------------------

  private write(id: number, patch: CustomerPatch, now: number): CustomerRecord {
    const existing = this.customers.get(id);
    if (existing === undefined) throw new Error(`customer ${id} not found`);
    const address =
      patch.address === undefined
        ? existing.address
        : patch.address === null
          ? null
          : { ...existing.address, ...withoutUndefined(patch.address) };
    const merged: CustomerInput = { ...existing, ...withoutUndefined(patch), address };
    const record = buildCustomer(merged, existing.id, existing.createdAt, now);
    this.customers.set(existing.id, record);
    this.touch();
    return copy(record);
  }

  private touch(): void {
    this.writeVersion++;
    this.snapshot = null;
  }
}
