import {
  DEFAULT_START_TIME,
  mulberry32,
  startFakeTwenty,
  uuidFrom,
  type FakeTwenty,
  type FakeTwentyOptions,
} from '../../../fake-crms/twenty/index.js';
import { variantName, type AdapterVariant, type CrmAdapter, type CrmFake, type LiveRecord } from '../crm-adapter.js';

const API_KEY = 'property-key';
/**
 * Twenty's `first` cap has been 60, 100, 200 and 10,000 across versions (crm-apis.md); 200 lets
 * the tests draw pages from one record to far more than the fake's default of 60.
 */
const FAKE_MAX_PAGE_SIZE = 200;
/** Restarted on every reset, so ids (which order ties) depend only on the example. */
const ID_SEED = 0x5eed;

/**
 * Twenty people, on a fake of the schema generation the variant names (`serverVersion`). The version token lives in `jobTitle`, which the bridge delivers as `title`.
 * Deletion is Twenty's soft delete (the API's `deletePerson`): the row stays, hidden from the
 * bridge's queries. Order key: `updatedAt` with its sub-millisecond fraction (Postgres order),
 * then the UUID, which the fake compares as plain strings like Postgres' C collation.
 */
export function twentyAdapter(variant: AdapterVariant<FakeTwentyOptions> = {}): CrmAdapter {
  return {
    name: variantName('twenty', variant),
    path: '/twenty/contacts',
    maxPageSize: FAKE_MAX_PAGE_SIZE,
    subMillisecond: true,
    lateUpdates: true,
    deliveredVersion: (contact) => (typeof contact['title'] === 'string' ? contact['title'] : null),
    windowStart: (checkpointMs, lookbackMs) => checkpointMs - lookbackMs,

    async start(): Promise<CrmFake> {
      const fake: FakeTwenty = await startFakeTwenty({
        apiKeys: [API_KEY],
        maxPageSize: FAKE_MAX_PAGE_SIZE,
        // The log is for tests that inspect requests; thousands of pages would only fill memory.
        maxLoggedRequests: 1,
        ...variant.fake,
      });
      const store = fake.store;
      let nextId = mulberry32(ID_SEED);
      const auth = { api_key: API_KEY, base_url: fake.url };

      return {
        host: new URL(fake.url).host,
        auth,
        async reset() {
          // The store has no "clear": hard-delete every row (the query engine's indexes follow
          // through the store's change notifications) and put the clock back.
          for (const p of store.all({ includeDeleted: true })) store.hardDelete(p.id);
          store.setNow(DEFAULT_START_TIME);
          nextId = mulberry32(ID_SEED);
        },
        close: () => fake.close(),

        now: () => store.now(),
        advance: (ms) => void store.advance(ms),

        create: (version) => store.create({ id: uuidFrom(nextId), firstName: `Person ${version}`, jobTitle: version }).id,
        update: (id, version) => void store.update(id, { jobTitle: version }),
        updateMany: (ids, version) => void store.updateMany(ids, { jobTitle: version }),
        remove: (id) => void store.softDelete(id),
        insertLate: (version, updatedAt, id) =>
          id === undefined
            ? store.insertLate({ id: uuidFrom(nextId), firstName: `Person ${version}`, jobTitle: version, updatedAt }).id
            : store.insertLate({ id, jobTitle: version, updatedAt }).id,

        live: (): LiveRecord[] => store.all().map((p) => ({ id: p.id, version: p.jobTitle ?? '', key: { at: p.updatedAt, tie: p.id } })),
      };
    },
  };
}
