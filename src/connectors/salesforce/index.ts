import { print } from 'graphql';
import type { CrmDeps } from '../../crm-http/graphql-call.js';
import { SalesforceAuthCheckDocument } from '../../generated/salesforce/graphql.js';
import type { Connector } from '../connector.js';
import type { SalesforceAuth } from './auth.js';
import { salesforceCall } from './client.js';
import { readSalesforceErrors } from './errors.js';
import { fetchContactsPage } from './fetch-contacts-page.js';

export type { SalesforceAuth } from './auth.js';

const AUTH_CHECK_QUERY = print(SalesforceAuthCheckDocument);

/**
 * Salesforce Contacts through the GraphQL API (UI API), https://developer.salesforce.com/docs/platform/graphql/guide/graphql-about.html
 *
 * Page size: 2,000 by default and at most, the most one subquery returns ("Each subquery can return
 * up to 2000 records", https://developer.salesforce.com/docs/platform/graphql/guide/query-limits.html),
 * and the batch Salesforce's REST query serves by default (resources_query.htm). Each page costs
 * the org one API request of its daily allowance whatever its size, so 2,000 costs a tenth of
 * what 200 did: 50 requests instead of 500 for 100,000 contacts. Time: the bridge's own share of a
 * 2,000-contact page was measured at p50 ≈ 228 ms (bench, against the fake org), and one
 * Talkdesk page makes at most two Salesforce calls (a run page, then the first page of a crowded
 * second), each bounded by CRM_TIMEOUT_MS (10 s) within REQUEST_DEADLINE_MS (25 s), under the
 * ~30 s Talkdesk allows a page. PAGE_SIZE lowers it for an org whose Contacts are slow to read.
 */
export function createSalesforceConnector(deps: CrmDeps): Connector<SalesforceAuth> {
  const salesforceDeps: CrmDeps = { ...deps, fetch: readSalesforceErrors(deps.fetch) };
  return {
    name: 'salesforce',
    authSchemaId: 'talkdesk-bridge/auth/salesforce',
    defaultPageSize: 2000,
    maxPageSize: 2000,
    fetchPage: (auth, query) => fetchContactsPage(salesforceDeps, auth, query),
    checkAuth: async (auth, call) => {
      await salesforceCall(salesforceDeps, auth, AUTH_CHECK_QUERY, {}, call);
    },
  };
}
