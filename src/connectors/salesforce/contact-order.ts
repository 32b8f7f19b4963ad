import type { Contact_OrderBy } from '../../generated/salesforce/graphql.js';

/**
 * The orders Contacts are read in: one key per query.
 * Docs: https://developer.salesforce.com/docs/platform/graphql/guide/order-schema.html
 *
 * `Contact_OrderBy` is one input object, and Salesforce serves GraphQL with graphql-java, which
 * coerces an input object by walking the type's declared fields (`ValuesResolver`), not the keys
 * of the request. So `{ SystemModstamp: …, Id: … }` may well sort by Id first (the schema lists
 * fields alphabetically in Salesforce's generated types), and nothing documents the request's key
 * order as significant (crm-apis.md, "Checked against primary sources"). With one key per query
 * the question does not arise:
 * - through the run, SystemModstamp alone; records sharing a second then come in an order
 *   Salesforce does not promise, so a run page only ever hands on whole seconds;
 * - inside one second holding more contacts than a page, `SystemModstamp eq` that second and
 *   Id alone, where a keyset on Id is exact (fetch-contacts-page.ts).
 */
export const SYNC_ORDER: Contact_OrderBy = { SystemModstamp: { order: 'ASC' } };
export const TIE_ORDER: Contact_OrderBy = { Id: { order: 'ASC' } };
