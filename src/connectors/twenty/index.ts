import { print } from 'graphql';
import type { CrmDeps } from '../../crm-http/graphql-call.js';
import { TwentyAuthCheckDocument } from '../../generated/twenty/graphql.js';
import type { Connector } from '../connector.js';
import type { TwentyAuth } from './auth.js';
import { twentyCall } from './client.js';
import { fetchPeoplePage } from './fetch-people-page.js';
import { ServerShapes, V053_PAGE_SIZE } from './server-shape.js';

export type { TwentyAuth } from './auth.js';

const AUTH_CHECK_QUERY = print(TwentyAuthCheckDocument);

/**
 * Twenty CRM (https://twenty.com), `person` records.
 * Page size: without PAGE_SIZE, each server gets the largest page its generation accepts
 * (server-shape.ts: 60 on v0.53, 200 on current servers); `defaultPageSize` is what a server of
 * unknown shape gets. PAGE_SIZE, when set, is asked as is (up to maxPageSize), lowered only to
 * the maximum a server names when it refuses it.
 */
export function createTwentyConnector(deps: CrmDeps): Connector<TwentyAuth> {
  // One per connector (each app instance): what this process learned about each workspace.
  const shapes = new ServerShapes(deps, ({ host, reason }) => {
    deps.logger?.warn(
      { crm: 'twenty', host, reason },
      'Twenty schema of a shape this bridge does not know: contacts carry the primary email and phone only',
    );
  });
  const pageDeps = { crm: deps, shapes };
  return {
    name: 'twenty',
    authSchemaId: 'talkdesk-bridge/auth/twenty',
    defaultPageSize: V053_PAGE_SIZE,
    maxPageSize: 1000,
    fetchPage: (auth, query) => fetchPeoplePage(pageDeps, auth, query),
    checkAuth: async (auth, call) => {
      await twentyCall(deps, auth, AUTH_CHECK_QUERY, {}, call);
    },
  };
}
