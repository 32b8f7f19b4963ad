/**
 * The subset of Shopify's search syntax (https://shopify.dev/docs/api/usage/search-syntax) that the
 * fake's `customers(query:)` understands: terms joined by whitespace or `AND`, each
 * `field:value` or `field:<op>value` with `<op>` one of `>= <= > <`, values bare or quoted with
 * single or double quotes. Fields: `updated_at`, `customer_date` (creation time) and `id`.
 *
 * Semantics follow Shopify's own description of the fields (the `query` argument's documentation
 * in graphql/shopify/schema.graphql):
 * - Time fields "match a whole day": a comparison is made between calendar days (UTC here; the
 *   shop's time zone on Shopify, unconfirmed), so `updated_at:>='2026-01-02T15:00:00Z'` returns
 *   everything updated on 2 January or later, and `updated_at:>'…'` skips the rest of that day.
 *   `matching: 'exact'` compares instants instead, for tests that want the ideal API.
 * - An unknown field or an unreadable value does not fail the query: the term is ignored and a
 *   warning is reported (Shopify reports these under `extensions.search`), so a mistyped filter
 *   silently widens the result.
 * Anything else (OR, NOT, parentheses, bare words) is outside the subset and is refused, so a test
 * cannot pass by relying on syntax the fake does not model.
 */

import type { CustomerRecord } from './store.js';

export type TimeMatching = 'day' | 'exact';

export interface SearchWarning {
  field: string;
  message: string;
}

export interface CompiledSearch {
  matches(customer: Readonly<CustomerRecord>): boolean;
  warnings: SearchWarning[];
}

/** A query outside the modelled subset (reported as a GraphQL error). */
export class SearchSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SearchSyntaxError';
  }
}

type Op = '=' | '>=' | '<=' | '>' | '<';
type Predicate = (customer: Readonly<CustomerRecord>) => boolean;

const DAY_MS = 86_400_000;
const TERM = /^([a-z_]+):(>=|<=|>|<)?(?:'([^']*)'|"([^"]*)"|([^\s'"]+))/;

function compare(op: Op, a: number, b: number): boolean {
  switch (op) {
    case '=':
      return a === b;
    case '>=':
      return a >= b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '<':
      return a < b;
  }
}

/** A time value: ISO 8601 date-time (a zone is required), or a date `YYYY-MM-DD` (UTC midnight). */
function parseTime(value: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Date.parse(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) return NaN;
  return Date.parse(value);
}

function timeTerm(get: (c: Readonly<CustomerRecord>) => number, op: Op, value: number, matching: TimeMatching): Predicate {
  if (matching === 'exact') return (c) => compare(op, get(c), value);
  const day = Math.floor(value / DAY_MS);
  return (c) => compare(op, Math.floor(get(c) / DAY_MS), day);
}

/** Compile a `query` argument; null or blank matches everything. */
export function compileSearch(query: string | null | undefined, matching: TimeMatching = 'day'): CompiledSearch {
  const predicates: Predicate[] = [];
  const warnings: SearchWarning[] = [];
  let rest = (query ?? '').trim();
  let expectTerm = true;
  while (rest !== '') {
    if (!expectTerm && /^AND(\s|$)/.test(rest)) {
      rest = rest.slice(3).trimStart();
      expectTerm = true;
      continue;
    }
    const match = TERM.exec(rest);
    if (match === null) throw new SearchSyntaxError(`The fake Shopify does not model this search syntax: ${rest.slice(0, 60)}`);
    rest = rest.slice(match[0].length).trimStart();
    expectTerm = false;
    const field = match[1]!;
    const op = (match[2] ?? '=') as Op;
    const value = match[3] ?? match[4] ?? match[5] ?? '';
    if (field === 'updated_at' || field === 'customer_date') {
      const at = parseTime(value);
      if (Number.isNaN(at)) {
        warnings.push({ field, message: `Invalid value for ${field}: ${value}` });
        continue;
      }
      const get = field === 'updated_at' ? (c: Readonly<CustomerRecord>) => c.updatedAt : (c: Readonly<CustomerRecord>) => c.createdAt;
      predicates.push(timeTerm(get, op, at, matching));
    } else if (field === 'id') {
      const id = /^\d+$/.test(value) ? Number(value) : NaN;
      if (Number.isNaN(id)) {
        warnings.push({ field, message: `Invalid value for id: ${value}` });
        continue;
      }
      predicates.push((c) => compare(op, c.id, id));
    } else {
      warnings.push({ field, message: 'Invalid search field for this query.' });
    }
  }
  if (expectTerm && predicates.length + warnings.length > 0) throw new SearchSyntaxError('The search query ends with AND.');
  return { matches: (c) => predicates.every((p) => p(c)), warnings };
}
