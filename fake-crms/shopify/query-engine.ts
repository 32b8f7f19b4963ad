/**
 * The `customers` connection of the fake Shopify, without HTTP or GraphQL: search, sorting, keyset
 * cursors and page-size rules.
 *
 * - Sort keys UPDATED_AT, CREATED_AT and ID (the default), `reverse` for descending. Records that
 *   tie on the sort value are ordered by id, in the same direction.
 * - Cursors are what Shopify's look like decoded: base64 of `{"last_id":…,"last_value":"…"}`, the
 *   record's id and sort value (`2026-01-01 12:00:00.000000` for times, the id as text for ID).
 *   `after` keeps the records strictly after that (value, id) in the query's order, found by value,
 *   never by index: the record the cursor came from may have changed or be gone. A cursor whose
 *   value cannot belong to the query's sort key is refused.
 * - `first`/`last` are required (one of them), at most `maxPageSize` (250 by default).
 * - Pagination depth: "Shopify limits pagination of arrays of objects to 25,000 objects"
 *   (https://shopify.dev/docs/api/usage/limits). A forward page never serves an object past
 *   position `paginationLimit` of the query's result (the cursor's depth is where its position
 *   falls in that result now, as with any keyset: Shopify's cursors carry no count). What Shopify
 *   answers past it is unconfirmed for the Admin API: the Storefront API "will now return an
 *   error when paginating past the 25,000th item" and Liquid returns the last allowed page
 *   (https://shopify.dev/changelog/new-pagination-limits-for-liquid-storefront-graphql-api), so
 *   `pastPaginationLimit` switches between an error ('error', the default) and a silent end
 *   ('end': the page stops at the limit and says there is no next page). The error's wording and
 *   code are not published; the fake's message is its own.
 * NAME, LOCATION and RELEVANCE are not modelled and are refused.
 */

import { compileSearch, type SearchWarning, type TimeMatching } from './search-query.js';
import type { CustomerRecord } from './store.js';

export type CustomerSortKey = 'UPDATED_AT' | 'CREATED_AT' | 'ID' | 'NAME' | 'LOCATION' | 'RELEVANCE';

export interface CustomersArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  query?: string | null;
  reverse?: boolean | null;
  sortKey?: CustomerSortKey | null;
}

export interface CustomersOptions {
  maxPageSize: number;
  timeMatching: TimeMatching;
  /** Objects one query's cursor chain may reach (Shopify: 25,000). Default: no limit. */
  paginationLimit?: number;
  /** What a page reaching past `paginationLimit` gets: an error (default) or a silent last page. */
  pastPaginationLimit?: PastPaginationLimit;
}

export type PastPaginationLimit = 'error' | 'end';

export interface CustomersResult {
  records: readonly Readonly<CustomerRecord>[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  cursorOf(record: Readonly<CustomerRecord>): string;
  warnings: SearchWarning[];
}

/** A user error in the arguments, reported as a GraphQL error (optionally with a code). */
export class CustomersQueryError extends Error {
  readonly code: string | undefined;
  constructor(message: string, code?: string) {
    super(message);
    this.name = 'CustomersQueryError';
    this.code = code;
  }
}

export interface CustomersSource {
  readonly version: number;
  customersView(): readonly Readonly<CustomerRecord>[];
}

type SortValue = (c: Readonly<CustomerRecord>) => number;

const SORT_VALUES: Partial<Record<CustomerSortKey, SortValue>> = {
  UPDATED_AT: (c) => c.updatedAt,
  CREATED_AT: (c) => c.createdAt,
  ID: (c) => c.id,
};

/** `2026-01-01 12:00:00.000000`: how a time reads inside a decoded Shopify cursor. */
function cursorTime(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.(\d{3})Z$/, '.$1000');
}

function parseCursorTime(text: string): number {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})\.(\d{6})$/.exec(text);
  return match === null ? NaN : Date.parse(`${match[1]}T${match[2]}.${match[3]!.slice(0, 3)}Z`);
}

export function encodeCursor(sortKey: CustomerSortKey, record: Readonly<CustomerRecord>): string {
  const value = sortKey === 'ID' ? String(record.id) : cursorTime((SORT_VALUES[sortKey] as SortValue)(record));
  return Buffer.from(JSON.stringify({ last_id: record.id, last_value: value })).toString('base64');
}

/** The (value, id) a cursor stands for under `sortKey`; throws when it cannot be one of ours. */
export function decodeCursor(sortKey: CustomerSortKey, cursor: string): { value: number; id: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8'));
  } catch {
    parsed = null;
  }
  const { last_id: id, last_value: raw } = (parsed ?? {}) as { last_id?: unknown; last_value?: unknown };
  const value = typeof raw !== 'string' ? NaN : sortKey === 'ID' ? (/^\d+$/.test(raw) ? Number(raw) : NaN) : parseCursorTime(raw);
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || Number.isNaN(value)) {
    throw new CustomersQueryError(`Invalid cursor for the current sort: ${cursor.slice(0, 80)}`);
  }
  return { value, id };
}

function pageSize(name: string, value: number | null | undefined, max: number): number | null {
  if (value === null || value === undefined) return null;
  if (value < 0) throw new CustomersQueryError(`${name} must be a non-negative number`);
  if (value > max) throw new CustomersQueryError(`The ${name} argument cannot be greater than ${max}.`);
  return value;
}

export class CustomersQueryEngine {
  private readonly sorted = new Map<CustomerSortKey, { version: number; records: readonly Readonly<CustomerRecord>[] }>();

  constructor(private readonly source: CustomersSource) {}

  find(args: CustomersArgs, options: CustomersOptions): CustomersResult {
    const sortKey = args.sortKey ?? 'ID';
    const sortValue = SORT_VALUES[sortKey];
    if (sortValue === undefined) throw new CustomersQueryError(`The fake Shopify does not model sortKey ${sortKey}.`);
    const first = pageSize('first', args.first, options.maxPageSize);
    const last = pageSize('last', args.last, options.maxPageSize);
    if (first === null && last === null) {
      throw new CustomersQueryError('you must provide one of first or last');
    }
    if (first !== null && last !== null) throw new CustomersQueryError('providing both first and last is not supported');

    const direction = args.reverse === true ? -1 : 1;
    const key = (c: Readonly<CustomerRecord>): [number, number] => [sortValue(c), c.id];
    // Positive when a record at (value, id) lies after the point (v, i) in the query's order.
    const after = (c: Readonly<CustomerRecord>, v: number, i: number): number => {
      const [cv, ci] = key(c);
      return direction * (cv !== v ? cv - v : ci - i);
    };

    const search = compileSearch(args.query, options.timeMatching);
    let window = this.ascending(sortKey, sortValue).filter((c) => search.matches(c));
    if (direction === -1) window = window.slice().reverse();
    const all = window;
    if (args.after) {
      const at = decodeCursor(sortKey, args.after);
      window = window.filter((c) => after(c, at.value, at.id) > 0);
    }
    if (args.before) {
      const at = decodeCursor(sortKey, args.before);
      window = window.filter((c) => after(c, at.value, at.id) < 0);
    }
    let records = first !== null ? window.slice(0, first) : window.slice(Math.max(0, window.length - (last as number)));
    // How many of the query's objects lie at or before the `after` cursor: the page's depth.
    const depth = all.length - window.length;
    const limit = options.paginationLimit ?? Infinity;
    let cutAtLimit = false;
    if (first !== null && depth + records.length > limit) {
      if ((options.pastPaginationLimit ?? 'error') === 'error') {
        throw new CustomersQueryError(`Pagination is limited to ${limit} objects per query; narrow the results with a search query.`);
      }
      records = records.slice(0, Math.max(0, limit - depth));
      cutAtLimit = true;
    }
    const firstRecord = records[0];
    const lastRecord = records[records.length - 1];
    const hasNextPage = cutAtLimit
      ? false
      : first !== null
        ? window.length > records.length
        : lastRecord !== undefined && all.some((c) => after(c, ...key(lastRecord)) > 0);
    const hasPreviousPage =
      last !== null ? window.length > records.length : firstRecord !== undefined && all.some((c) => after(c, ...key(firstRecord)) < 0);
    return { records, hasNextPage, hasPreviousPage, cursorOf: (record) => encodeCursor(sortKey, record), warnings: search.warnings };
  }

  /** Every customer in ascending (sort value, id) order, cached until the next write. */
  private ascending(sortKey: CustomerSortKey, sortValue: SortValue): readonly Readonly<CustomerRecord>[] {
    const cached = this.sorted.get(sortKey);
    if (cached !== undefined && cached.version === this.source.version) return cached.records;
    const records = this.source.customersView().slice();
    records.sort((a, b) => sortValue(a) - sortValue(b) || a.id - b.id);
    this.sorted.set(sortKey, { version: this.source.version, records });
    return records;
  }
}
