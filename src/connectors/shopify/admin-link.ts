/**
 * (unconfirmed) The admin shows a customer at admin.shopify.com/store/{store}/customers/{id}, where
 * {store} is the store's myshopify.com subdomain and {id} the REST (legacy) id (crm-apis.md).
 */
export function adminCustomerUrl(store: string, legacyResourceId: string): string {
  return `https://admin.shopify.com/store/${encodeURIComponent(store)}/customers/${legacyResourceId}`;
}
