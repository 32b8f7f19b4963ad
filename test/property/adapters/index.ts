import type { CrmAdapter } from '../crm-adapter.js';
import { salesforceAdapter } from './salesforce.js';
import { shopifyAdapter } from './shopify.js';
import { twentyAdapter } from './twenty.js';

/**
 * Every CRM, and every version of one, that the property-based sync tests run against; each runs
 * the whole suite. A version where real servers differ is one more line here: the same adapter
 * with the fake's switch for it (`fake`) and a `label` for the test titles. A new connector adds
 * its adapter (one file in this folder implementing CrmAdapter for its fake) to this list.
 */
export const ADAPTERS: readonly CrmAdapter[] = [
  // Two live schema generations (docs/crm-twenty.md): the bridge picks its selection per server.
  twentyAdapter({ label: 'current schema', fake: { serverVersion: 'current' } }),
  twentyAdapter({ label: 'v0.53 schema', fake: { serverVersion: 'v0.53' } }),
  shopifyAdapter(),
  // search-query.ts: whether `updated_at:>=` matches whole days or exact times is unconfirmed.
  shopifyAdapter({ label: 'searches matching exact times', fake: { timeMatching: 'exact' } }),
  // server.ts: Salesforce's graphql-java applies several orderBy keys in the schema's field order;
  // the request's order is the other reading. The connector must not depend on either.
  salesforceAdapter({ label: 'orderBy keys in schema order', fake: { orderByKeyOrder: 'schema' } }),
  salesforceAdapter({ label: 'orderBy keys in request order', fake: { orderByKeyOrder: 'request' } }),
];
