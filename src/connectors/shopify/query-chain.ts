/**
 * Deep stores. "Shopify limits pagination of arrays of objects to 25,000 objects"
 * (https://shopify.dev/docs/api/usage/limits), so one query's cursor chain cannot walk a store
 * with more customers. The connector never asks one chain for more objects than the limit: before
 * it would, it starts a fresh query from the last position it delivered (a keyset restart).
 *
 * The narrowing keys Shopify's search offers for customers (the `customers.query` argument in
 * graphql/shopify/schema.graphql; grammar: https://shopify.dev/docs/api/usage/search-syntax):
 * - `updated_at` with `>=`/`<=` (a time), which "matches a whole day" (search-query.ts);
 * - `id` ranges, documented as `id:>=1234` and `id:<=1234`.
 * A restart by `updated_at` alone cannot get past a day holding more updates than the limit: from
 * anywhere in that day the search matches the whole day again. Such a day is walked on its own,
 * sorted by ID and narrowed by `id:>=` (ids are unique, so each restart moves strictly forward),
 * then the run goes on from the next day. Every chain therefore moves forward: a time chain to a
 * later update time, a day walk to a larger id, the end of a walk to the next day.
 *
 * What Shopify answers past the limit is unconfirmed for the Admin API (the Storefront API
 * answers an error, Liquid serves the last allowed page: fake-crms/shopify/query-engine.ts). The
 * connector never gets there on its own count, restarts when a continued chain fails anyway
 * (fetch-customers-page.ts), and checks a chain that ends exactly at the limit with one more query,
 * in case it was cut short silently.
 *
 * The chain travels inside the bridge's offset as the connector's cursor (`sc1.` + base64url JSON).
 * A cursor without that prefix is a plain Shopify cursor (offsets issued before chains existed):
 * it is followed as before, with nothing to restart from.
 */

/** Shopify's documented pagination depth (https://shopify.dev/docs/api/usage/limits). */
export const PAGINATION_LIMIT = 25_000;

const DAY_MS = 86_400_000;
const PREFIX = 'sc1.';

/** One query of the run and how far its cursor chain has gone. */
export type Chain =
  /** `updated_at:>=since` (all customers when null), sorted by UPDATED_AT: the run's usual order. */
  | { kind: 'time'; since: number | null; after: string | null; served: number; lastAt: number | null }
  /** One UTC day's customers, sorted by ID, from `id:>=idAfter+1`: a day with more updates than a chain may serve. */
  | { kind: 'day'; day: number; idAfter: number | null; after: string | null; served: number; lastId: number | null };

/** The run's first chain: from its lower bound, sorted by update time. */
export function firstChain(since: number | null): Chain {
  return { kind: 'time', since, after: null, served: 0, lastAt: null };
}

export function encodeChain(chain: Chain): string {
  const wire =
    chain.kind === 'time'
      ? { k: 't', s: chain.since, a: chain.after, n: chain.served, l: chain.lastAt }
      : { k: 'd', d: chain.day, i: chain.idAfter, a: chain.after, n: chain.served, l: chain.lastId };
  return PREFIX + Buffer.from(JSON.stringify(wire)).toString('base64url');
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isCountOrNull = (v: unknown): v is number | null => v === null || isCount(v);
const isTextOrNull = (v: unknown): v is string | null => v === null || (typeof v === 'string' && v !== '');

/**
 * The chain a cursor stands for. A plain Shopify cursor (or anything unreadable) continues the
 * run's query from `since` with nothing known about its depth; Shopify judges the cursor itself.
 */
export function decodeChain(cursor: string, since: number | null): Chain {
  const plain: Chain = { kind: 'time', since, after: cursor, served: 0, lastAt: null };
  if (!cursor.startsWith(PREFIX)) return plain;
  let w: Record<string, unknown>;
  try {
    w = JSON.parse(Buffer.from(cursor.slice(PREFIX.length), 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return plain;
  }
  if (w === null || typeof w !== 'object' || !isTextOrNull(w['a']) || !isCount(w['n']) || !isCountOrNull(w['l'])) return plain;
  if (w['k'] === 't' && isCountOrNull(w['s'])) return { kind: 'time', since: w['s'], after: w['a'], served: w['n'], lastAt: w['l'] };
  if (w['k'] === 'd' && isCount(w['d']) && isCountOrNull(w['i'])) {
    return { kind: 'day', day: w['d'], idAfter: w['i'], after: w['a'], served: w['n'], lastId: w['l'] };
  }
  return plain;
}

/** The UTC day (its first millisecond) holding `ms`. */
function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/**
 * A fresh query from the last position this chain delivered, moving strictly forward; null when
 * the chain delivered nothing to restart from.
 * - A time chain restarts at its last update time (inclusive: ties there are read again), unless
 *   that is not past where it started (to the second, the search's precision): then the day it
 *   started in holds more updates than a chain may serve, and that day is walked by id.
 * - A day walk restarts after the largest id it delivered.
 */
export function restartChain(chain: Chain): Chain | null {
  if (chain.kind === 'day') {
    if (chain.lastId === null) return null;
    return { kind: 'day', day: chain.day, idAfter: chain.lastId, after: null, served: 0, lastId: null };
  }
  if (chain.lastAt === null) return null;
  const since = chain.since === null ? null : Math.floor(chain.since / 1000) * 1000;
  if (since === null || chain.lastAt > since) return firstChain(chain.lastAt);
  return { kind: 'day', day: dayOf(since), idAfter: null, after: null, served: 0, lastId: null };
}

/**
 * Where the run goes when Shopify says a chain has no next page: nowhere (null, the run is
 * over), or on. A chain that ended exactly at the limit may have been cut short silently, so it is
 * checked with one more query from its last position; a finished day walk goes on from the next day.
 */
export function afterChainEnd(chain: Chain, limit: number): Chain | null {
  if (chain.served >= limit) return restartChain(chain);
  if (chain.kind === 'day') return firstChain(chain.day + DAY_MS);
  return null;
}

/** The search for this chain's query, in Shopify's search syntax (null: every customer). */
export function chainSearch(chain: Chain, updatedSinceQuery: (ms: number) => string): string | null {
  if (chain.kind === 'time') return chain.since === null ? null : updatedSinceQuery(chain.since);
  const from = new Date(chain.day).toISOString().replace(/\.000Z$/, 'Z');
  const to = new Date(chain.day + DAY_MS - 1000).toISOString().replace(/\.000Z$/, 'Z');
  // Both bounds inclusive: read by whole days or by instants, they select this UTC day or more.
  const terms = [`updated_at:>='${from}'`, `updated_at:<='${to}'`];
  if (chain.idAfter !== null) terms.push(`id:>=${chain.idAfter + 1}`);
  return terms.join(' ');
}
