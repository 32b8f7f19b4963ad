import type { Contact_OrderBy } from '../../generated/salesforce/graphql.js';

/** The order Contacts are read in. Docs: https://developer.salesforce.com/docs/platform/graphql/guide/order-schema.html */
/**
 * (unconfirmed) Several keys of one `Contact_OrderBy` sort in the order the request lists them
 * (SystemModstamp first, then Id), as SOQL's `ORDER BY SystemModstamp, Id` would. The input type
 * is an object, not a list, and GraphQL does not define key order for input objects, so a server
 * could apply its own field order instead. The connector does not trust this blindly: it checks
 * every page is ascending by SystemModstamp and answers 502 otherwise (fetch-contacts-page.ts),
 * so a wrong guess fails loudly instead of losing contacts.
 */
export const CONTACT_ORDER: Contact_OrderBy = { SystemModstamp: { order: 'ASC' }, Id: { order: 'ASC' } };
