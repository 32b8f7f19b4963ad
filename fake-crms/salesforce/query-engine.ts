/**
 * The semantics of `uiapi.query.Contact(first, after, where, orderBy, upperBound)`, without HTTP
 * or GraphQL: filter evaluation, ordering and Salesforce's paging limits. The filter and order
 * shapes are Salesforce's own types (graphql/salesforce/schema.graphql, with their provenance);
 * the paging limits are what Salesforce documents, reproduced so that tests prove the bridge
 * never runs into them:
 * - `first` defaults to 10 and may not exceed 2,000
 *   (https://developer.salesforce.com/docs/platform/graphql/guide/paginate.html);
 * - without `upperBound`, one query's result window ends after 4,000 records: paging past it is
 *   impossible, and hasNextPage turns false there however many records remain (how a real org
 *   signals the end of the window is unconfirmed; a silent stop is the worst case, so it is the
 *   one reproduced) (https://developer.salesforce.com/docs/platform/graphql/guide/paginate-use.html);
 * - cursors are offsets, base64("v1:<index>") as in Salesforce's examples, and without
 *   `upperBound` an `after` past offset 2,000 is refused;
 * - with `upperBound`, `first` must be 200–2,000 and the window is `upperBound` records
 *   (https://developer.salesforce.com/docs/platform/graphql/guide/paginate-use-upperbound.html).
 * The result is computed afresh on every query, so records changing between pages shift the
 * offsets under an `after` cursor, as they do on a live org.
 *
 * Filters (https://developer.salesforce.com/docs/platform/graphql/guide/filter-fields.html): keys
 * of one filter object and several operators on one field are AND'd; `and`/`or`/`not` combine.
 * Comparisons follow SOQL's two-valued logic: `eq null` matches empty fields, `ne` matches them
 * too. String comparisons are case-insensitive; `like` takes `%` and `_`. Ids compare on their
 * 15-character case-sensitive form, so either form of an Id is accepted.
 */

import type { ContactRecord } from './store.js';

export class QueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryError';
  }
}

export type OrderableField = 'Id' | 'LastModifiedDate' | 'Name' | 'SystemModstamp';

export interface OrderTerm {
  field: OrderableField;
  order: 'ASC' | 'DESC';
  nulls: 'FIRST' | 'LAST';
}

export type ContactFilter = Record<string, unknown>;

export interface ContactQueryArgs {
  first?: number | null;
  after?: string | null;
  where?: ContactFilter | null;
  /** The orderBy terms by precedence (server.ts decides it: schema or request key order). */
  orderBy?: readonly OrderTerm[];
  upperBound?: number | null;
}

export interface ContactQueryResult {
  records: readonly Readonly<ContactRecord>[];
  /** Offset of the first returned record in the query's result. */
  offset: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** Records matching the filter, before any window or paging. */
  totalCount: number;
}

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 2000;
export const WINDOW_WITHOUT_UPPER_BOUND = 4000;
export const MAX_CURSOR_OFFSET = 2000;
export const UPPER_BOUND_MIN_FIRST = 200;

type Value = string | number | null;

const FIELDS: Record<OrderableField, (c: Readonly<ContactRecord>) => Value> = {
  Id: (c) => c.Id,
  Name: (c) => contactName(c),
  LastModifiedDate: (c) => c.LastModifiedDate,
  SystemModstamp: (c) => c.SystemModstamp,
};

/** Contact.Name as Salesforce composes it from the name parts. */
export function contactName(c: Readonly<ContactRecord>): string | null {
  const parts = [c.FirstName, c.LastName].filter((p): p is string => p !== null && p !== '');
  return parts.length > 0 ? parts.join(' ') : null;
}

// ---- cursors -----------------------------------------------------------------------------------

export function encodeCursor(index: number): string {
  return Buffer.from(`v1:${index}`).toString('base64');
}

function decodeCursor(cursor: string): number {
  const match = /^v1:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (match === null) throw new QueryError(`Invalid cursor: ${cursor.slice(0, 40)}`);
  return Number(match[1]);
}

// ---- filters -----------------------------------------------------------------------------------

type Predicate = (c: Readonly<ContactRecord>) => boolean;

export function compileFilter(filter: ContactFilter | null | undefined): Predicate {
  if (filter === null || filter === undefined) return () => true;
  const parts: Predicate[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (value === null || value === undefined) continue;
    if (key === 'and' || key === 'or') {
      const subs = (value as Array<ContactFilter | null>).filter((v): v is ContactFilter => v !== null).map(compileFilter);
      parts.push(key === 'and' ? (c) => subs.every((p) => p(c)) : (c) => subs.some((p) => p(c)));
    } else if (key === 'not') {
      const sub = compileFilter(value as ContactFilter);
      parts.push((c) => !sub(c));
    } else {
      parts.push(compileField(key as OrderableField, value as Record<string, unknown>));
    }
  }
  return (c) => parts.every((p) => p(c));
}

function compileField(field: OrderableField, operators: Record<string, unknown>): Predicate {
  const get = FIELDS[field];
  if (get === undefined) throw new QueryError(`Field ${field} cannot be filtered`);
  const kind = field === 'Id' ? 'id' : field === 'Name' ? 'string' : 'datetime';
  const parts = Object.entries(operators)
    .filter(([, v]) => v !== undefined)
    .map(([op, v]) => compileOperator(kind, get, op, v));
  return (c) => parts.every((p) => p(c));
}

function operand(kind: 'id' | 'string' | 'datetime', value: unknown): Value {
  if (value === null) return null;
  if (kind === 'datetime') {
    // DateTimeInput { value }: the operand is wrapped.
    const inner = (value as { value?: unknown }).value;
    if (inner === null || inner === undefined) return null;
    const ms = Date.parse(String(inner));
    if (Number.isNaN(ms)) throw new QueryError(`Invalid DateTime value: ${String(inner)}`);
    return ms;
  }
  if (kind === 'id') return String(value).slice(0, 15);
  return String(value).toLowerCase();
}

function comparable(kind: 'id' | 'string' | 'datetime', value: Value): Value {
  if (value === null) return null;
  if (kind === 'id') return String(value).slice(0, 15);
  if (kind === 'string') return String(value).toLowerCase();
  return value;
}

function likePattern(pattern: string): RegExp {
  const body = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.');
  return new RegExp(`^${body}$`, 'is');
}

function compileOperator(
  kind: 'id' | 'string' | 'datetime',
  get: (c: Readonly<ContactRecord>) => Value,
  op: string,
  raw: unknown,
): Predicate {
  const field = (c: Readonly<ContactRecord>): Value => comparable(kind, get(c));
  if (op === 'in' || op === 'nin') {
    const list = (raw as unknown[] | null) ?? [];
    const values = list.map((v) => operand(kind, v));
    return op === 'in' ? (c) => values.includes(field(c)) : (c) => !values.includes(field(c));
  }
  const v = operand(kind, raw);
  switch (op) {
    case 'eq':
      return (c) => field(c) === v;
    case 'ne':
      return (c) => field(c) !== v;
    case 'like': {
      if (typeof v !== 'string') return () => false;
      const re = likePattern(v);
      return (c) => {
        const f = field(c);
        return f !== null && re.test(String(f));
      };
    }
    case 'lt':
    case 'gt':
    case 'lte':
    case 'gte':
      return (c) => {
        const f = field(c);
        if (f === null || v === null) return false;
        if (op === 'lt') return f < v;
        if (op === 'gt') return f > v;
        if (op === 'lte') return f <= v;
        return f >= v;
      };
    default:
      throw new QueryError(`Unsupported operator ${op}`);
  }
}

// ---- ordering ----------------------------------------------------------------------------------

function compareBy(terms: readonly OrderTerm[]): (a: Readonly<ContactRecord>, b: Readonly<ContactRecord>) => number {
  return (a, b) => {
    for (const term of terms) {
      const kind = term.field === 'Id' ? 'id' : term.field === 'Name' ? 'string' : 'datetime';
      const x = comparable(kind, FIELDS[term.field](a));
      const y = comparable(kind, FIELDS[term.field](b));
      if (x === y) continue;
      if (x === null) return term.nulls === 'FIRST' ? -1 : 1;
      if (y === null) return term.nulls === 'FIRST' ? 1 : -1;
      const cmp = x < y ? -1 : 1;
      return term.order === 'ASC' ? cmp : -cmp;
    }
    // Ties beyond the requested order come in storage order, as SOQL promises nothing for them.
    return 0;
  };
}

// ---- the query ---------------------------------------------------------------------------------

export function findContacts(source: readonly Readonly<ContactRecord>[], args: ContactQueryArgs): ContactQueryResult {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  const upperBound = args.upperBound ?? null;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new QueryError(`The first argument must be between 1 and ${MAX_PAGE_SIZE}, but was ${first}.`);
  }
  if (upperBound !== null) {
    if (first < UPPER_BOUND_MIN_FIRST) {
      throw new QueryError(`With upperBound, the first argument must be between ${UPPER_BOUND_MIN_FIRST} and ${MAX_PAGE_SIZE}.`);
    }
    if (!Number.isInteger(upperBound) || upperBound < first) throw new QueryError('upperBound must be at least the first argument.');
  }
  const window = upperBound ?? WINDOW_WITHOUT_UPPER_BOUND;

  let offset = 0;
  if (args.after !== null && args.after !== undefined) {
    offset = decodeCursor(args.after) + 1;
    const cap = upperBound ?? MAX_CURSOR_OFFSET;
    if (offset > cap) throw new QueryError(`Cursor offset ${offset} exceeds the maximum of ${cap}; use upperBound to page further.`);
  }

  const predicate = compileFilter(args.where);
  const matching = source.filter(predicate);
  const terms = args.orderBy && args.orderBy.length > 0 ? args.orderBy : [{ field: 'Id', order: 'ASC', nulls: 'FIRST' } as OrderTerm];
  matching.sort(compareBy(terms));

  const end = Math.min(matching.length, window);
  const records = offset >= end ? [] : matching.slice(offset, Math.min(offset + first, end));
  return {
    records,
    offset,
    hasNextPage: offset + records.length < end,
    hasPreviousPage: offset > 0,
    totalCount: matching.length,
  };
}
