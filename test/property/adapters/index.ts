import type { CrmAdapter } from '../crm-adapter.js';
import { salesforceRequestOrderAdapter, salesforceSchemaOrderAdapter } from './salesforce.js';
import { shopifyAdapter, shopifyExactTimesAdapter } from './shopify.js';
import { twentyAdapter } from './twenty.js';

/**
 * Every CRM the property-based sync tests run against. A new connector adds its adapter (one file
 * in this folder implementing CrmAdapter for its fake) to this list; nothing else changes.
 */
export const ADAPTERS: readonly CrmAdapter[] = [
  twentyAdapter,
  shopifyAdapter,
  shopifyExactTimesAdapter,
  salesforceSchemaOrderAdapter,
  salesforceRequestOrderAdapter,
];
