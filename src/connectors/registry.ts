import type { CrmDeps } from '../crm-http/graphql-call.js';
import type { Connector } from './connector.js';
import { createSalesforceConnector } from './salesforce/index.js';
import { createShopifyConnector } from './shopify/index.js';
import { createTwentyConnector } from './twenty/index.js';

/** Every CRM the bridge serves, by URL segment. Adding a CRM adds one line here. */
export function createConnectors(deps: CrmDeps): ReadonlyMap<string, Connector<unknown>> {
  const connectors: Connector<unknown>[] = [createTwentyConnector(deps), createSalesforceConnector(deps), createShopifyConnector(deps)];
  return new Map(connectors.map((c) => [c.name, c]));
}
