import { MAX_PAGE_SIZE as CONNECTOR_MAX_PAGE_SIZE } from '../../../src/connectors/shopify/query-cost.js';
import {
  customerGid,
  startFakeShopify,
  type CustomerRecord,
  type FakeShopify,
  type FakeShopifyOptions,
} from '../../../fake-crms/shopify/index.js';
import { variantName, type AdapterVariant, type CrmAdapter, type CrmFake, type LiveRecord } from '../crm-adapter.js';

const ACCESS_TOKEN = 'shpat_property';
/** The fake's `first`/`last` cap (its default, Shopify's usual 250). */
const FAKE_MAX_PAGE_SIZE = 250;
const DAY_MS = 86_400_000;

/** The numeric id of `gid://shopify/Customer/123`. */
function numericId(gid: string): number {
  const id = Number(gid.slice(gid.lastIndexOf('/') + 1));
  if (!Number.isSafeInteger(id)) throw new Error(`not a Shopify customer gid: ${gid}`);
  return id;
}

/**
 * Shopify orders customers sharing an `updatedAt` by NUMERIC id (the fake's keyset: `a.id - b.id`).
 * Zero-padded to the 16 digits of the largest safe integer, plain string comparison gives that
 * order for any two ids, whatever their lengths.
 */
function tieOf(id: number): string {
  return String(id).padStart(16, '0');
}

/**
 * Shopify customers. The version token lives in the default address's `company`, which the bridge
 * delivers, trimmed and otherwise unchanged, as `company` (src/connectors/shopify/to-talkdesk-contact.ts;
 * the name goes through Shopify's displayName fallbacks instead). Deletion is Shopify's: the
 * customer is gone from every query. Order key: `updatedAt`, which the fake keeps and serves in
 * whole seconds (store.ts truncates every write, late ones included; the API serves
 * `…T12:00:00Z`), then the numeric id as a zero-padded string. Talkdesk sees the GID.
 * Incremental filter: `updated_at:>=` matches whole UTC days in the fake (search-query.ts), an
 * unconfirmed fact about Shopify; the variant `fake: { timeMatching: 'exact' }` runs the fake
 * comparing exact seconds instead, where an incremental sync re-reads only its window and a write
 * landing behind a run's cursor is caught by the checkpoint's floor alone.
 */
export function shopifyAdapter(variant: AdapterVariant<FakeShopifyOptions> = {}): CrmAdapter {
  const exactTimes = variant.fake?.timeMatching === 'exact';
  return {
    name: variantName('shopify', variant),
    path: '/shopify/contacts',
    // The connector's cap (190: one query's cost under 1,000 points) is below the fake's 250.
    maxPageSize: Math.min(FAKE_MAX_PAGE_SIZE, CONNECTOR_MAX_PAGE_SIZE),
    subMillisecond: false,
    lateUpdates: true,
    deliveredVersion: (contact) => (typeof contact['company'] === 'string' ? contact['company'] : null),
    // The connector rounds the bound down to the second, and the fake's `updated_at:>=` then
    // compares calendar days (UTC): the whole day of checkpoint - lookback is read again.
    windowStart: (checkpointMs, lookbackMs) =>
      exactTimes ? Math.floor((checkpointMs - lookbackMs) / 1000) * 1000 : Math.floor((checkpointMs - lookbackMs) / DAY_MS) * DAY_MS,

    async start(): Promise<CrmFake> {
      const fake: FakeShopify = await startFakeShopify({
        accessTokens: [ACCESS_TOKEN],
        maxPageSize: FAKE_MAX_PAGE_SIZE,
        // No throttling: thousands of pages would otherwise wait for the bucket (costs are still computed).
        bucket: null,
        // The log is for tests that inspect requests; thousands of pages would only fill memory.
        maxLoggedRequests: 1,
        ...variant.fake,
      });
      const store = fake.store;
      const auth = { shop: 'property-shop', access_token: ACCESS_TOKEN, base_url: fake.url };
      const live = (c: CustomerRecord): LiveRecord => ({
        id: customerGid(c.id),
        version: c.address?.company ?? '',
        key: { at: c.updatedAt, tie: tieOf(c.id) },
      });

      return {
        host: new URL(fake.url).host,
        auth,
        async reset() {
          // Empty, the clock at its start, and the id sequence restarted: ids (which order ties)
          // then depend only on the example.
          store.reset();
        },
        close: () => fake.close(),

        now: () => store.now(),
        advance: (ms) => void store.advance(ms),

        create: (version) => customerGid(store.create({ firstName: `Customer ${version}`, address: { company: version } }).id),
        update: (id, version) => void store.update(numericId(id), { address: { company: version } }),
        updateMany: (ids, version) =>
          void store.updateMany(
            ids.map((id) => numericId(id)),
            { address: { company: version } },
          ),
        remove: (id) => void store.delete(numericId(id)),
        // The store truncates `updatedAt` to the second, as Shopify keeps it.
        insertLate: (version, updatedAt, id) =>
          customerGid(
            id === undefined
              ? store.insertLate({ firstName: `Customer ${version}`, address: { company: version }, updatedAt }).id
              : store.insertLate({ id: numericId(id), address: { ...store.get(numericId(id))?.address, company: version }, updatedAt }).id,
          ),

        live: (): LiveRecord[] => store.all().map(live),
      };
    },
  };
}
