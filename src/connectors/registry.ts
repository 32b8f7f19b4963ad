import type { CrmDeps } from '../crm-http/graphql-call.js';
import type { Connector } from './connector.js';
import { createSalesforceConnector } from './salesforce/index.js';
import { createShopifyConnector, type ShopifyConnectorOptions } from './shopify/index.js';
import { createTwentyConnector } from './twenty/index.js';

/** Connector settings that are not configuration: the defaults are the CRMs' documented limits; tests lower them. */
export interface ConnectorOptions {
  shopify?: ShopifyConnectorOptions;
}

/** Every CRM the bridge serves, by URL segment. Adding a CRM adds one line here. */
export function createConnectors(deps: CrmDeps, options: ConnectorOptions = {}): ReadonlyMap<string, Connector<unknown>> {
  const connectors: Connector<unknown>[] = [
    createTwentyConnector(deps),
    createSalesforceConnector(deps),
    createShopifyConnector(deps, options.shopify),
  ];
  return new Map(connectors.map((c) => [c.name, c]));
}
