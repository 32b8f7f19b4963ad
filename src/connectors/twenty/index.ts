import { print } from 'graphql';
import type { CrmDeps } from '../../crm-http/graphql-call.js';
import { TwentyAuthCheckDocument } from '../../generated/twenty/graphql.js';
import type { Connector } from '../connector.js';
import type { TwentyAuth } from './auth.js';
import { twentyCall } from './client.js';
import { fetchPeoplePage } from './fetch-people-page.js';

export type { TwentyAuth } from './auth.js';

const AUTH_CHECK_QUERY = print(TwentyAuthCheckDocument);

/**
 * Twenty CRM (https://twenty.com), `person` records.
 * Page size: Twenty has capped `first` at 60, 100, 200 and 10,000 across versions and rejects a
 * larger value, so the default is the smallest cap any version enforced; PAGE_SIZE may raise it
 * for servers known to accept more.
 */
export function createTwentyConnector(deps: CrmDeps): Connector<TwentyAuth> {
  return {
    name: 'twenty',
    authSchemaId: 'talkdesk-bridge/auth/twenty',
    defaultPageSize: 60,
    maxPageSize: 1000,
    fetchPage: (auth, query) => fetchPeoplePage(deps, auth, query),
    checkAuth: async (auth, call) => {
      await twentyCall(deps, auth, AUTH_CHECK_QUERY, {}, call);
    },
  };
}
