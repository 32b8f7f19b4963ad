import {
  MAX_PAGE_SIZE as FAKE_MAX_PAGE_SIZE,
  startFakeSalesforce,
  type ContactRecord,
  type FakeSalesforce,
  type FakeSalesforceOptions,
} from '../../../fake-crms/salesforce/index.js';
import { variantName, type AdapterVariant, type CrmAdapter, type CrmFake, type LiveRecord } from '../crm-adapter.js';

const ACCESS_TOKEN = '00Dproperty!access-token';
/** The connector's cap (src/connectors/salesforce/index.ts): Salesforce's documented largest `first`. */
const CONNECTOR_MAX_PAGE_SIZE = 2000;
/** SystemModstamp has whole-second precision (the store truncates every ordinary write to it). */
const SECOND_MS = 1000;

/**
 * Salesforce orders contacts sharing a SystemModstamp by Id, compared case-sensitively on the
 * 15-character form (the fake's query engine; also what the connector's `Id gt` compares). The
 * 18-character form sorts the same (its suffix is a function of the 15), but the 15 are what the
 * CRM compares.
 */
function tieOf(id: string): string {
  return id.slice(0, 15);
}

/**
 * Salesforce Contacts. The version token lives in `Title`, which the bridge delivers, trimmed and
 * otherwise unchanged, as `title` (src/connectors/salesforce/to-talkdesk-contact.ts). Deletion is
 * Salesforce's: to the recycle bin, which GraphQL does not read. Order key: SystemModstamp, whole
 * seconds as the fake stores and serves it, then the Id's 15-character form.
 */
export function salesforceAdapter(variant: AdapterVariant<FakeSalesforceOptions> = {}): CrmAdapter {
  return {
    name: variantName('salesforce', variant),
    path: '/salesforce/contacts',
    maxPageSize: Math.min(FAKE_MAX_PAGE_SIZE, CONNECTOR_MAX_PAGE_SIZE),
    subMillisecond: false,
    lateUpdates: true,
    deliveredVersion: (contact) => (typeof contact['title'] === 'string' ? contact['title'] : null),
    // Not widened: the connector sends the bound to the millisecond (`SystemModstamp gte`;
    // formatDateTime keeps a fraction when there is one) and the fake compares it exactly. (With
    // whole-second checkpoints and lookbacks the bound is a whole second anyway.)
    windowStart: (checkpointMs, lookbackMs) => checkpointMs - lookbackMs,

    async start(): Promise<CrmFake> {
      const fake: FakeSalesforce = await startFakeSalesforce({
        accessTokens: [ACCESS_TOKEN],
        // The log is for tests that inspect requests; thousands of pages would only fill memory.
        maxLoggedRequests: 1,
        ...variant.fake,
      });
      const store = fake.store;
      const auth = { instance_url: fake.url, access_token: ACCESS_TOKEN };
      const live = (c: ContactRecord): LiveRecord => ({
        id: c.Id,
        version: c.Title ?? '',
        key: { at: c.SystemModstamp, tie: tieOf(c.Id) },
      });

      return {
        host: new URL(fake.url).host,
        auth,
        async reset() {
          // Empty, the clock at its start, and the Id sequence restarted: Ids (which order ties)
          // then depend only on the example.
          store.reset();
        },
        close: () => fake.close(),

        now: () => store.now(),
        advance: (ms) => void store.advance(ms),

        create: (version) => store.createContact({ LastName: `Contact ${version}`, Title: version }).Id,
        update: (id, version) => void store.update(id, { Title: version }),
        updateMany: (ids, version) => void store.updateMany(ids, { Title: version }),
        remove: (id) => void store.delete(id),
        // The store keeps a given SystemModstamp as it is: truncated here to the second, as
        // Salesforce keeps it (and as the store does for every ordinary write).
        insertLate: (version, updatedAt, id) => {
          const SystemModstamp = Math.floor(updatedAt / SECOND_MS) * SECOND_MS;
          return id === undefined
            ? store.insertLate({ LastName: `Contact ${version}`, Title: version, SystemModstamp }).Id
            : store.insertLate({ Id: id, Title: version, SystemModstamp }).Id;
        },

        live: (): LiveRecord[] => store.allContacts().map(live),
      };
    },
  };
}
