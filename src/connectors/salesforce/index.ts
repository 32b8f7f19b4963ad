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
 * Page size: 200 by default (a common Salesforce batch size, and valid whether or not a future
 * change sends `upperBound`, which requires 200–2,000); at most 2,000, the largest `first`
 * Salesforce documents.
 */
export function createSalesforceConnector(deps: CrmDeps): Connector<SalesforceAuth> {
  const salesforceDeps: CrmDeps = { ...deps, fetch: readSalesforceErrors(deps.fetch) };
  return {
    name: 'salesforce',
    authSchemaId: 'talkdesk-bridge/auth/salesforce',
    defaultPageSize: 200,
    maxPageSize: 2000,
    fetchPage: (auth, query) => fetchContactsPage(salesforceDeps, auth, query),
    checkAuth: async (auth, call) => {
      await salesforceCall(salesforceDeps, auth, AUTH_CHECK_QUERY, {}, call);
    },
  };
}
