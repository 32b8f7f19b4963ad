/**
 * The `query` argument of `customers` for an incremental sync, in Shopify's search syntax
 * (https://shopify.dev/docs/api/usage/search-syntax): `updated_at:>='2026-01-01T12:00:00Z'`.
 *
 * - Inclusive (`>=`): customers sharing the boundary time are read again rather than lost, and
 *   `>=` stays a superset even where Shopify matches `updated_at` by whole days (errors.ts, fetch-customers-page.ts).
 * - Whole seconds, rounded down: Shopify keeps `updated_at` to the second, so a bound inside a
 *   second would otherwise exclude the rest of that second.
 * - Quoted: the syntax requires date values in quotes.
 */
export function updatedSinceQuery(updatedSinceMs: number): string {
  const seconds = Math.floor(updatedSinceMs / 1000) * 1000;
  const iso = new Date(seconds).toISOString().replace(/\.000Z$/, 'Z');
  return `updated_at:>='${iso}'`;
}
