import { customerGid, startFakeShopify, type FakeShopify } from '../../src/fake-crm/shopify/index.js';
import { startFakeSalesforce, type FakeSalesforce } from '../../src/fake-crm/salesforce/index.js';
import { startFakeTwenty, type FakeTwenty } from '../../src/fake-crm/twenty/index.js';

/**
 * One CRM as the property-based sync tests see it: a fake on loopback with a controllable clock,
 * the writes a history is made of, and what "the latest version of each live record" is.
 * A record's version is its contact `name`: every write sets a fresh first name (or, for bulk
 * updates, one shared last name), so a delivered name says exactly which version was delivered.
 */
export interface CrmUnderTest {
  /** The id Talkdesk sees for a record. */
  readonly path: string;
  readonly auth: Record<string, unknown>;
  readonly host: string;
  create(first: string): string;
  update(id: string, first: string): void;
  /** Many records in one statement: they share one update time. */
  bulkUpdate(ids: string[], last: string): void;
  remove(id: string): void;
  /** A write that becomes visible only now, carrying an update time `ageMs` in the past. */
  insertLate(first: string, ageMs: number): string;
  advance(ms: number): void;
  now(): number;
  /** Live records: Talkdesk id → expected contact name. */
  alive(): Map<string, string>;
  /** The update time (ms) the CRM holds for a record, as the sync orders by it. */
  updatedAt(id: string): number | undefined;
  /**
   * The first update time an incremental sync from a checkpoint at `checkpointMs` reads, for the
   * "nothing new stays small" bound (the lookback, widened where the CRM's filter is coarser).
   */
  windowStart(checkpointMs: number, lookbackMs: number): number;
  close(): Promise<void>;
}

export interface CrmKind {
  readonly name: string;
  /** The largest page the fake accepts (and PAGE_SIZE may ask for). */
  readonly maxPageSize: number;
  start(): Promise<CrmUnderTest>;
}

const name = (first: string | null, last: string | null): string => [first, last].filter((p) => p).join(' ');

const twenty: CrmKind = {
  name: 'twenty',
  maxPageSize: 60,
  async start() {
    const fake: FakeTwenty = await startFakeTwenty({ apiKeys: ['prop-key'], maxPageSize: 60, maxLoggedRequests: 10 });
    const store = fake.store;
    return {
      path: '/twenty/contacts',
      auth: { api_key: 'prop-key', base_url: fake.url },
      host: new URL(fake.url).host,
      create: (first) => store.create({ firstName: first }).id,
      update: (id, first) => void store.update(id, { firstName: first }),
      bulkUpdate: (ids, last) => void store.updateMany(ids, { lastName: last }),
      remove: (id) => void store.softDelete(id),
      insertLate: (first, ageMs) => store.insertLate({ firstName: first, updatedAt: store.now() - ageMs }).id,
      advance: (ms) => void store.advance(ms),
      now: () => store.now(),
      alive: () => new Map(store.all().map((p) => [p.id, name(p.firstName, p.lastName)])),
      updatedAt: (id) => store.get(id)?.updatedAt,
      windowStart: (cp, lookback) => cp - lookback,
      close: () => fake.close(),
    };
  },
};

const shopify: CrmKind = {
  name: 'shopify',
  maxPageSize: 190,
  async start() {
    const fake: FakeShopify = await startFakeShopify({ accessTokens: ['shpat_prop'], bucket: null, maxLoggedRequests: 10 });
    const store = fake.store;
    const numeric = (gid: string): number => Number(gid.slice(gid.lastIndexOf('/') + 1));
    return {
      path: '/shopify/contacts',
      auth: { shop: 'prop-shop', access_token: 'shpat_prop', base_url: fake.url },
      host: new URL(fake.url).host,
      create: (first) => customerGid(store.create({ firstName: first }).id),
      update: (id, first) => void store.update(numeric(id), { firstName: first }),
      bulkUpdate: (ids, last) => void store.updateMany(ids.map(numeric), { lastName: last }),
      remove: (id) => void store.delete(numeric(id)),
      insertLate: (first, ageMs) => customerGid(store.insertLate({ firstName: first, updatedAt: store.now() - ageMs }).id),
      advance: (ms) => void store.advance(ms),
      now: () => store.now(),
      alive: () => new Map(store.all().map((c) => [customerGid(c.id), name(c.firstName, c.lastName)])),
      updatedAt: (id) => store.get(numeric(id))?.updatedAt,
      // Shopify matches `updated_at` searches by whole (UTC) days.
      windowStart: (cp, lookback) => Math.floor((cp - lookback) / 86_400_000) * 86_400_000,
      close: () => fake.close(),
    };
  },
};

const salesforce: CrmKind = {
  name: 'salesforce',
  maxPageSize: 2000,
  async start() {
    const fake: FakeSalesforce = await startFakeSalesforce({ accessTokens: ['sf-prop-token'], maxLoggedRequests: 10 });
    const store = fake.store;
    return {
      path: '/salesforce/contacts',
      auth: { instance_url: fake.url, access_token: 'sf-prop-token' },
      host: new URL(fake.url).host,
      create: (first) => store.createContact({ FirstName: first }).Id,
      update: (id, first) => void store.update(id, { FirstName: first }),
      bulkUpdate: (ids, last) => void store.updateMany(ids, { LastName: last }),
      remove: (id) => void store.delete(id),
      insertLate: (first, ageMs) =>
        store.insertLate({ FirstName: first, SystemModstamp: Math.floor((store.now() - ageMs) / 1000) * 1000 }).Id,
      advance: (ms) => void store.advance(ms),
      now: () => store.now(),
      alive: () => new Map(store.allContacts().map((c) => [c.Id, name(c.FirstName, c.LastName)])),
      updatedAt: (id) => store.getContact(id)?.SystemModstamp,
      // SystemModstamp has whole-second precision.
      windowStart: (cp, lookback) => Math.floor((cp - lookback) / 1000) * 1000,
      close: () => fake.close(),
    };
  },
};

export const CRMS: readonly CrmKind[] = [twenty, shopify, salesforce];
