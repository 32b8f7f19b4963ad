import { normaliseBaseUrl } from '../../crm-http/base-url.js';
import { AppError } from '../../errors.js';

/** `auth` fields of a Shopify integration (schemas/auth/shopify.schema.json). */
export interface ShopifyAuth {
  /** `acme.myshopify.com` or `acme`. */
  shop: string;
  /** Admin API access token, sent as X-Shopify-Access-Token. */
  access_token: string;
  /** Admin API version, YYYY-MM. */
  api_version?: string;
  /** For tests and proxies: where the Admin API is reached instead of https://{shop}.myshopify.com. */
  base_url?: string;
}

/**
 * The Admin API version asked for when `api_version` is absent: the latest stable version whose
 * schema graphql/shopify/schema.graphql was pruned from. Shopify supports a version for at least
 * twelve months (https://shopify.dev/docs/api/usage/versioning); move both together.
 */
export const DEFAULT_API_VERSION = '2026-07';

export interface ShopifyEndpoints {
  /** `{base}/admin/api/{version}/graphql.json` (https://shopify.dev/docs/api/admin-graphql#endpoints). */
  graphqlUrl: string;
  /** The store's handle: its myshopify.com subdomain, used in admin links. */
  store: string;
}

/*
 * The JSON Schema already enforces these; they are checked again here because the store name is
 * placed into a host name: nothing but a DNS label may reach it.
 */
const SHOP = /^([a-z0-9][a-z0-9-]{0,62})(?:\.myshopify\.com)?$/;
const VERSION = /^\d{4}-(?:0[1-9]|1[0-2])$/;

export function shopifyEndpoints(auth: ShopifyAuth): ShopifyEndpoints {
  const store = SHOP.exec(auth.shop)?.[1];
  if (store === undefined) {
    throw new AppError('invalid_auth', 'auth.shop must be the store name (acme) or its myshopify.com domain (acme.myshopify.com).');
  }
  const version = auth.api_version ?? DEFAULT_API_VERSION;
  if (!VERSION.test(version)) throw new AppError('invalid_auth', 'auth.api_version must be an Admin API version such as 2026-07.');
  const base = auth.base_url === undefined ? `https://${store}.myshopify.com` : normaliseBaseUrl(auth.base_url, 'base_url');
  return { graphqlUrl: `${base}/admin/api/${version}/graphql.json`, store };
}
