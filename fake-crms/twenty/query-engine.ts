/**
 * The `people` query semantics of Twenty, without HTTP or GraphQL: filter evaluation, ordering,
 * keyset cursors and page-size rules.
 *
 * It follows Twenty's server (packages/twenty-server: graphql-query-runner, common-find-many-
 * query-runner and api/utils) rather than an idealised API, because the fake exists to prove the
 * bridge survives the real thing:
 * - A filter is turned into SQL there, so it is evaluated here with SQL's three-valued logic:
 *   a comparison with NULL is "unknown", `not` of unknown stays unknown, and a record is returned
 *   only when the whole condition is true. `not: { jobTitle: { eq: "CEO" } }` therefore does not
 *   return people without a job title.
 * - Inside one field filter only the FIRST operator is applied (Twenty destructures
 *   `const [[operator, value]] = Object.entries(filterValue)`); graphql-js coerces input objects
 *   in schema order, so `{ gte: a, lt: b }` means `gte: a` alone. Combine bounds with `and`.
 *   Option `multiOperatorFilter: 'all'` ANDs them instead, for tests that want the ideal API.
 * - DateTime comparisons use Twenty's millisecond buckets (Postgres keeps microseconds, the API
 *   and cursors milliseconds): `eq v` is `v <= x < v+1ms`, `gt v` is `x >= v+1ms`,
 *   `lte v` is `x < v+1ms`, `in` is exact.
 * - Text fields have Twenty's "null equivalence": `is: NULL` also matches "", `eq: ""` also
 *   matches NULL, `neq: ""` excludes both. Text columns are ORDERED case-insensitively
 *   (Twenty wraps them in LOWER()); text filters stay case-sensitive.
 * - Soft-deleted rows are hidden unless the applied filter mentions `deletedAt` at any depth
 *   (TypeORM `withDeleted()`). The keyset condition is part of the applied filter, so a query
 *   ordered by `deletedAt` shows deleted rows from its second page on, as in Twenty.
 * - The cursor is base64(JSON) of the record's order-key values (dates as ISO strings) plus
 *   `id`. `after` becomes the keyset condition `k1 > v1 OR (k1 = v1 AND k2 > v2) OR ...`,
 *   null-aware like current Twenty (buildCursorKeysetCondition): a NULL block scanned after the
 *   cursor is reached through `k IS NULL`, a NULL cursor value in the leading block through
 *   `k IS NOT NULL`. Records are never located by index: the record a cursor came from may have
 *   changed or be gone. A cursor lacking one of the order keys is rejected, as current Twenty
 *   does (validateCursorMatchesOrderByOrThrow); keys outside the order are ignored.
 *
 * Deliberately stricter than Twenty (see the report): `first: 0` is rejected.
 */

import type { PersonRecord } from './store.js';

// ---- public types ------------------------------------------------------------------------------

export type OrderDirection = 'AscNullsFirst' | 'AscNullsLast' | 'DescNullsFirst' | 'DescNullsLast';
export type OrderableField = 'id' | 'jobTitle' | 'city' | 'createdAt' | 'updatedAt' | 'deletedAt';
export type FilterableField = OrderableField | 'companyId';

export interface OrderTerm {
  field: OrderableField;
  direction: OrderDirection;
}

/** A `PersonFilterInput` value as graphql-js coerces it (plain objects, schema key order). */
export type PersonFilter = Record<string, unknown>;

export interface PeopleQueryArgs {
  first?: number | null;
  last?: number | null;
  offset?: number | null;
  before?: string | null;
  after?: string | null;
  filter?: PersonFilter | null;
  orderBy?: ReadonlyArray<Record<string, unknown> | null> | null;
}

export interface PeopleQueryOptions {
  /** Largest accepted `first`/`last` (Twenty's QUERY_MAX_RECORDS; 60 in recent versions). */
  maxPageSize: number;
  /** Page size when neither `first` nor `last` is given. Default: min(maxPageSize, 60). */
  defaultPageSize?: number;
  /** 'first-only' (Twenty) or 'all' (AND every operator of a field filter). */
  multiOperatorFilter?: 'first-only' | 'all';
}

export interface PeopleQueryResult {
  /** The page, in the query's order (also for backward paging). */
  records: readonly Readonly<PersonRecord>[];
  order: readonly OrderTerm[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** The cursor of one of the returned records (under the query's order). */
  cursorOf(record: Readonly<PersonRecord>): string;
  /** Count under the filter alone (no cursor, no paging); computed on demand. */
  totalCount(): number;
}

/** A read-only source of people (TwentyStore implements it). */
export interface PeopleSource {
  /** Changes on every write. */
  readonly version: number;
  peopleView(): readonly Readonly<PersonRecord>[];
  /** Optional: per-write notifications, so sorted indexes are patched instead of rebuilt. */
  onPeopleChange?(listener: (before: Readonly<PersonRecord> | undefined, after: Readonly<PersonRecord> | undefined) => void): () => void;
}

/** A user error in the query, reported by the GraphQL layer with `extensions.code`. */
export class QueryError extends Error {
  readonly code: string;
  constructor(message: string, code = 'BAD_USER_INPUT') {
    super(message);
    this.name = 'QueryError';
    this.code = code;
  }
}

export const TWENTY_DEFAULT_PAGE_SIZE = 60;

// ---- fields ------------------------------------------------------------------------------------

type FieldKind = 'uuid' | 'text' | 'datetime';
type FieldValue = string | number | null;

const FIELD_KIND: Record<FilterableField, FieldKind> = {
  id: 'uuid',
  companyId: 'uuid',
  jobTitle: 'text',
  city: 'text',
  createdAt: 'datetime',
  updatedAt: 'datetime',
  deletedAt: 'datetime',
};

const FIELD_GET: Record<FilterableField, (p: Readonly<PersonRecord>) => FieldValue> = {
  id: (p) => p.id,
  companyId: (p) => p.companyId,
  jobTitle: (p) => p.jobTitle,
  city: (p) => p.city,
  createdAt: (p) => p.createdAt,
  updatedAt: (p) => p.updatedAt,
  deletedAt: (p) => p.deletedAt,
};

const ORDERABLE: ReadonlySet<string> = new Set<OrderableField>(['id', 'jobTitle', 'city', 'createdAt', 'updatedAt', 'deletedAt']);
const DIRECTIONS: ReadonlySet<string> = new Set<OrderDirection>(['AscNullsFirst', 'AscNullsLast', 'DescNullsFirst', 'DescNullsLast']);

function isFilterable(field: string): field is FilterableField {
  return Object.prototype.hasOwnProperty.call(FIELD_KIND, field);
}

/**
 * Parse a DateTime operand to epoch ms, keeping sub-millisecond digits as a fraction (Postgres
 * compares at microsecond precision). Returns NaN when unreadable.
 */
export function parseDateTime(value: string): number {
  const match = /^(.*T\d{2}:\d{2}:\d{2})\.(\d+)(.*)$/.exec(value);
  if (match === null) return Date.parse(value);
  const [, head, digits = '', tail] = match;
  const whole = Date.parse(`${head}${tail}`);
  return whole + Number(`0.${digits}`) * 1000;
}

/** How Twenty serves a timestamp: ISO-8601 with milliseconds (sub-ms digits dropped). */
export function formatDateTime(ms: number): string {
  return new Date(Math.floor(ms)).toISOString();
}

// ---- three-valued logic ------------------------------------------------------------------------

/** SQL truth value: true, false, or null for "unknown". */
export type Tri = boolean | null;
/** A compiled condition; a record matches only when it returns `true`. */
export type Predicate = (p: Readonly<PersonRecord>) => Tri;

const ALWAYS: Predicate = () => true;

function and(parts: Predicate[]): Predicate {
  if (parts.length === 0) return ALWAYS;
  if (parts.length === 1) return parts[0]!;
  return (p) => {
    let unknown = false;
    for (const part of parts) {
      const r = part(p);
      if (r === false) return false;
      if (r === null) unknown = true;
    }
    return unknown ? null : true;
  };
}

function or(parts: Predicate[]): Predicate {
  if (parts.length === 0) return ALWAYS;
  if (parts.length === 1) return parts[0]!;
  return (p) => {
    let unknown = false;
    for (const part of parts) {
      const r = part(p);
      if (r === true) return true;
      if (r === null) unknown = true;
    }
    return unknown ? null : false;
  };
}

function not(part: Predicate): Predicate {
  return (p) => {
    const r = part(p);
    return r === null ? null : !r;
  };
}

// ---- filter compilation ------------------------------------------------------------------------

interface CompileOptions {
  multiOperatorFilter: 'first-only' | 'all';
}

/** Compile a PersonFilterInput into a predicate; a record matches when it returns `true`. */
export function compileFilter(
  filter: PersonFilter | null | undefined,
  options: CompileOptions = { multiOperatorFilter: 'first-only' },
): Predicate {
  if (filter === null || filter === undefined) return ALWAYS;
  return compileObject(filter, options);
}

function compileObject(filter: PersonFilter, options: CompileOptions): Predicate {
  if (typeof filter !== 'object' || Array.isArray(filter)) throw new QueryError('Invalid filter: expected an object');
  const parts: Predicate[] = [];
  // Twenty chains every key of one filter object with andWhere.
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === null) continue;
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(value)) throw new QueryError(`Invalid filter: "${key}" expects a list`);
      const subs = value.filter((v): v is PersonFilter => v !== null && v !== undefined).map((v) => compileObject(v, options));
      parts.push(key === 'and' ? and(subs) : or(subs));
    } else if (key === 'not') {
      parts.push(not(compileObject(value as PersonFilter, options)));
    } else {
      parts.push(compileField(key, value as Record<string, unknown>, options));
    }
  }
  return and(parts);
}

function compileField(field: string, operators: Record<string, unknown>, options: CompileOptions): Predicate {
  if (!isFilterable(field)) throw new QueryError(`Field metadata not found for field: ${field}`);
  if (typeof operators !== 'object' || Array.isArray(operators)) throw new QueryError(`Invalid filter value for field ${field}`);
  const entries = Object.entries(operators).filter(([, v]) => v !== undefined);
  if (entries.length === 0) throw new QueryError(`Invalid filter value for field ${field}: no operator`);
  const applied = options.multiOperatorFilter === 'all' ? entries : entries.slice(0, 1);
  const kind = FIELD_KIND[field];
  const get = FIELD_GET[field];
  return and(applied.map(([op, value]) => compileOperator(field, kind, get, op, value)));
}

function unsupported(op: string): never {
  throw new QueryError(`Operator "${op}" is not supported`);
}

function requireNonEmptyList(field: string, value: unknown): unknown[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new QueryError(`Invalid filter value for field ${field}. Expected non-empty array`);
  }
  return value;
}

function compileIs(field: string, value: unknown, get: (p: Readonly<PersonRecord>) => FieldValue, nullEquivalent: boolean): Predicate {
  if (value === 'NULL')
    return nullEquivalent
      ? (p) => {
          const f = get(p);
          return f === null || f === '';
        }
      : (p) => get(p) === null;
  if (value === 'NOT_NULL') return (p) => get(p) !== null;
  throw new QueryError(`Invalid filter value for field ${field}: "is" expects NULL or NOT_NULL`);
}

function compileOperator(
  field: string,
  kind: FieldKind,
  get: (p: Readonly<PersonRecord>) => FieldValue,
  op: string,
  value: unknown,
): Predicate {
  if (op === 'is') return compileIs(field, value, get, kind === 'text');
  if (kind === 'datetime') return compileDateTimeOperator(field, get, op, value);
  if (kind === 'uuid') return compileUuidOperator(field, get, op, value);
  return compileTextOperator(field, get, op, value);
}

function toDateTime(field: string, value: unknown): number | null {
  if (value === null) return null;
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? parseDateTime(value) : NaN;
  if (Number.isNaN(ms)) throw new QueryError(`Invalid filter value for field ${field}: not a date-time`);
  return ms;
}

function compileDateTimeOperator(field: string, get: (p: Readonly<PersonRecord>) => FieldValue, op: string, value: unknown): Predicate {
  if (op === 'in') {
    const list = requireNonEmptyList(field, value).map((v) => toDateTime(field, v));
    return (p) => {
      const f = get(p) as number | null;
      return f === null ? null : list.includes(f);
    };
  }
  const v = toDateTime(field, value);
  // Comparing with NULL is unknown in SQL whatever the operator.
  if (v === null) return () => null;
  const next = v + 1;
  const cmp =
    (test: (f: number) => boolean): Predicate =>
    (p) => {
      const f = get(p) as number | null;
      return f === null ? null : test(f);
    };
  switch (op) {
    case 'eq':
      return cmp((f) => f >= v && f < next);
    case 'neq':
      return cmp((f) => f < v || f >= next);
    case 'gt':
      return cmp((f) => f >= next);
    case 'gte':
      return cmp((f) => f >= v);
    case 'lt':
      return cmp((f) => f < v);
    case 'lte':
      return cmp((f) => f < next);
    default:
      return unsupported(op);
  }
}

function compileUuidOperator(field: string, get: (p: Readonly<PersonRecord>) => FieldValue, op: string, value: unknown): Predicate {
  const norm = (v: unknown): string | null => (v === null ? null : String(v).toLowerCase());
  if (op === 'in') {
    const list = requireNonEmptyList(field, value).map(norm);
    return (p) => {
      const f = get(p) as string | null;
      return f === null ? null : list.includes(f);
    };
  }
  const v = norm(value);
  switch (op) {
    case 'eq':
      return (p) => {
        const f = get(p);
        return f === null || v === null ? null : f === v;
      };
    case 'neq':
      return (p) => {
        const f = get(p);
        return f === null || v === null ? null : f !== v;
      };
    // UUIDFilter has no gt/lt in the versions we follow (see crm-apis.md).
    default:
      return unsupported(op);
  }
}

/** Postgres LIKE pattern (% any run, _ one char, backslash escapes) as an anchored RegExp. */
export function likeToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) {
      source += escapeRegExp(pattern[++i]!);
    } else if (ch === '%') {
      source += '.*';
    } else if (ch === '_') {
      source += '.';
    } else {
      source += escapeRegExp(ch);
    }
  }
  return new RegExp(`^${source}$`, caseInsensitive ? 'isu' : 'su');
}

function escapeRegExp(ch: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(ch) ? `\\${ch}` : ch;
}

function compileTextOperator(field: string, get: (p: Readonly<PersonRecord>) => FieldValue, op: string, value: unknown): Predicate {
  if (op === 'in') {
    const list = requireNonEmptyList(field, value);
    return (p) => {
      const f = get(p);
      return f === null ? null : list.includes(f);
    };
  }
  const v = value === null ? null : String(value);
  // Twenty's null equivalence: "" and NULL are the same "empty" for text (eq/neq/like/ilike).
  const nullEquivalent = v === null || v === '';
  const sqlEq = (f: FieldValue): Tri => (f === null || v === null ? null : f === v);
  switch (op) {
    case 'eq':
      return nullEquivalent
        ? (p) => {
            const f = get(p);
            return f === null ? true : sqlEq(f);
          }
        : (p) => sqlEq(get(p));
    case 'neq':
      return nullEquivalent
        ? (p) => {
            const f = get(p);
            return f === null ? false : v === null ? null : f !== v;
          }
        : (p) => {
            const f = get(p);
            return f === null ? null : f !== v;
          };
    case 'gt':
      return (p) => {
        const f = get(p) as string | null;
        return f === null || v === null ? null : f > v;
      };
    case 'gte':
      return (p) => {
        const f = get(p) as string | null;
        return f === null || v === null ? null : f >= v;
      };
    case 'lt':
      return (p) => {
        const f = get(p) as string | null;
        return f === null || v === null ? null : f < v;
      };
    case 'lte':
      return (p) => {
        const f = get(p) as string | null;
        return f === null || v === null ? null : f <= v;
      };
    case 'startsWith':
      return (p) => {
        const f = get(p) as string | null;
        return f === null || v === null ? null : f.startsWith(v);
      };
    case 'like':
    case 'ilike': {
      // Twenty interpolates the operand into a string (`${value}`), so a null operand is "null".
      const re = likeToRegExp(String(value), op === 'ilike');
      return (p) => {
        const f = get(p) as string | null;
        if (f === null) return nullEquivalent ? true : null;
        return re.test(f);
      };
    }
    default:
      return unsupported(op);
  }
}

/** Whether a filter mentions `deletedAt` as a key at any depth (Twenty's checkForDeletedAtFilter). */
export function mentionsDeletedAt(filter: unknown): boolean {
  if (Array.isArray(filter)) return filter.some(mentionsDeletedAt);
  if (typeof filter !== 'object' || filter === null) return false;
  for (const [key, value] of Object.entries(filter)) {
    if (key === 'deletedAt') return true;
    if (typeof value === 'object' && value !== null && mentionsDeletedAt(value)) return true;
  }
  return false;
}

// ---- ordering ----------------------------------------------------------------------------------

/**
 * The effective order: the caller's terms (objects with several keys contribute them in schema
 * order), duplicates dropped (first wins), then `id AscNullsFirst` appended unless the caller
 * already ordered by id, as Twenty's resolveOrderByLeaves does.
 */
export function normalizeOrderBy(orderBy: PeopleQueryArgs['orderBy']): OrderTerm[] {
  const terms: OrderTerm[] = [];
  const seen = new Set<string>();
  for (const item of orderBy ?? []) {
    if (item === null || item === undefined) continue;
    for (const [field, direction] of Object.entries(item)) {
      if (direction === null || direction === undefined) continue;
      if (!ORDERABLE.has(field)) throw new QueryError(`Cannot order by field: ${field}`);
      if (typeof direction !== 'string' || !DIRECTIONS.has(direction))
        throw new QueryError(`Invalid order direction: ${String(direction)}`);
      if (seen.has(field)) continue;
      seen.add(field);
      terms.push({ field: field as OrderableField, direction: direction as OrderDirection });
    }
  }
  if (!seen.has('id')) terms.push({ field: 'id', direction: 'AscNullsFirst' });
  return terms;
}

const isAsc = (d: OrderDirection): boolean => d === 'AscNullsFirst' || d === 'AscNullsLast';
const isNullsFirst = (d: OrderDirection): boolean => d === 'AscNullsFirst' || d === 'DescNullsFirst';

/**
 * Comparator for the ORDER BY clause: text by LOWER() (as Twenty orders TEXT columns), strings
 * compared by code unit (a "C" collation; Postgres may use a locale collation).
 */
export function compareByOrder(order: readonly OrderTerm[]): (a: Readonly<PersonRecord>, b: Readonly<PersonRecord>) => number {
  const terms = order.map((t) => {
    const raw = FIELD_GET[t.field];
    const get =
      FIELD_KIND[t.field] === 'text'
        ? (p: Readonly<PersonRecord>): FieldValue => {
            const v = raw(p);
            return v === null ? null : (v as string).toLowerCase();
          }
        : raw;
    return { get, asc: isAsc(t.direction), nullsFirst: isNullsFirst(t.direction) };
  });
  return (a, b) => {
    for (const t of terms) {
      const x = t.get(a);
      const y = t.get(b);
      if (x === y) continue;
      if (x === null) return t.nullsFirst ? -1 : 1;
      if (y === null) return t.nullsFirst ? 1 : -1;
      const c = x < y ? -1 : 1;
      return t.asc ? c : -c;
    }
    return 0;
  };
}

function orderSignature(order: readonly OrderTerm[]): string {
  return order.map((t) => `${t.field}:${t.direction}`).join(',');
}

// ---- cursors ----------------------------------------------------------------------------------

function cursorValue(record: Readonly<PersonRecord>, field: OrderableField): FieldValue {
  const v = FIELD_GET[field](record);
  return FIELD_KIND[field] === 'datetime' && v !== null ? formatDateTime(v as number) : v;
}

/** Twenty's cursor: base64 of the JSON of the record's order-key values (ISO dates) and id. */
export function encodeCursor(record: Readonly<PersonRecord>, order: readonly OrderTerm[]): string {
  const data: Record<string, FieldValue> = {};
  for (const t of order) data[t.field] = cursorValue(record, t.field);
  return Buffer.from(JSON.stringify(data)).toString('base64');
}

function invalidCursor(cursor: string, reason?: string): QueryError {
  return new QueryError(reason === undefined ? `Invalid cursor: ${cursor}` : `Invalid cursor: ${reason}`);
}

/**
 * Decode a cursor and return its values aligned with `order` (dates as epoch ms, ids lower-case);
 * throws `Invalid cursor: ...` when it is not base64 JSON of an object, lacks an order key or
 * holds a value of the wrong type.
 */
export function decodeCursor(cursor: string, order: readonly OrderTerm[]): FieldValue[] {
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8'));
  } catch {
    throw invalidCursor(cursor);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw invalidCursor(cursor);
  const record = data as Record<string, unknown>;
  return order.map(({ field }) => {
    const value = record[field];
    if (value === undefined) {
      // Current Twenty's wording (validateCursorMatchesOrderByOrThrow), behind the usual prefix.
      throw invalidCursor(
        cursor,
        `cursor is missing the value for orderBy field "${field}": it was encoded for a different orderBy. Restart pagination without a cursor.`,
      );
    }
    if (value === null) return null;
    if (typeof value !== 'string') throw invalidCursor(cursor);
    switch (FIELD_KIND[field]) {
      case 'datetime': {
        const ms = parseDateTime(value);
        if (Number.isNaN(ms)) throw invalidCursor(cursor);
        return ms;
      }
      case 'uuid':
        return value.toLowerCase();
      case 'text':
        return value;
    }
  });
}

const NULLABLE: ReadonlySet<OrderableField> = new Set<OrderableField>(['jobTitle', 'city', 'deletedAt']);
const lower = (v: FieldValue): string => (v as string).toLowerCase();

/** `k = v` as the keyset's tie condition: strict NULL match, ms bucket for dates, LOWER() for text. */
function keysetEquality(field: OrderableField, v: FieldValue): Predicate {
  const get = FIELD_GET[field];
  if (v === null) return (p) => get(p) === null;
  switch (FIELD_KIND[field]) {
    case 'datetime': {
      const ms = v as number;
      return (p) => {
        const f = get(p) as number | null;
        return f === null ? null : f >= ms && f < ms + 1;
      };
    }
    case 'text': {
      const lv = lower(v);
      return (p) => {
        const f = get(p);
        return f === null ? null : lower(f) === lv;
      };
    }
    case 'uuid':
      return (p) => {
        const f = get(p);
        return f === null ? null : f === v;
      };
  }
}

/**
 * `k strictly after v` in the scan, or null when no row can be after the cursor on this key
 * alone (the cursor sits in the trailing NULL block): Twenty then drops that branch.
 */
function keysetStrict(term: OrderTerm, v: FieldValue, forward: boolean): Predicate | null {
  const { field } = term;
  const get = FIELD_GET[field];
  const ascending = isAsc(term.direction) === forward;
  const nullsScannedLast = !isNullsFirst(term.direction) === forward;
  if (v === null) return nullsScannedLast ? null : (p) => get(p) !== null;
  let main: Predicate;
  switch (FIELD_KIND[field]) {
    case 'datetime': {
      const ms = v as number;
      main = ascending
        ? (p) => {
            const f = get(p) as number | null;
            return f === null ? null : f >= ms + 1;
          }
        : (p) => {
            const f = get(p) as number | null;
            return f === null ? null : f < ms;
          };
      break;
    }
    case 'text': {
      const lv = lower(v);
      main = ascending
        ? (p) => {
            const f = get(p);
            return f === null ? null : lower(f) > lv;
          }
        : (p) => {
            const f = get(p);
            return f === null ? null : lower(f) < lv;
          };
      break;
    }
    case 'uuid': {
      const s = v as string;
      main = ascending
        ? (p) => {
            const f = get(p) as string | null;
            return f === null ? null : f > s;
          }
        : (p) => {
            const f = get(p) as string | null;
            return f === null ? null : f < s;
          };
      break;
    }
  }
  return nullsScannedLast && NULLABLE.has(field) ? or([main, (p) => get(p) === null]) : main;
}

/** The keyset condition "strictly after the cursor" (before it, paging backward). */
export function keysetPredicate(values: readonly FieldValue[], order: readonly OrderTerm[], forward: boolean): Predicate {
  const disjuncts: Predicate[] = [];
  for (let i = 0; i < order.length; i++) {
    const strict = keysetStrict(order[i]!, values[i]!, forward);
    if (strict === null) continue;
    const parts: Predicate[] = [];
    for (let j = 0; j < i; j++) parts.push(keysetEquality(order[j]!.field, values[j]!));
    parts.push(strict);
    disjuncts.push(and(parts));
  }
  return disjuncts.length === 0 ? () => false : or(disjuncts);
}

// ---- the engine --------------------------------------------------------------------------------

interface SortedIndex {
  version: number;
  compare: (a: Readonly<PersonRecord>, b: Readonly<PersonRecord>) => number;
  records: Readonly<PersonRecord>[];
}

/**
 * Runs `people` queries against a source. Keeps one sorted copy of the records per order, so a
 * page costs a binary search plus a scan; writes patch these copies in place (two binary
 * searches and splices) when the source reports them, else they are rebuilt on the next query.
 * Call `dispose()` when done with an engine over a long-lived source.
 */
export class PeopleQueryEngine {
  private readonly sorted = new Map<string, SortedIndex>();
  private readonly unsubscribe: () => void;

  constructor(private readonly source: PeopleSource) {
    this.unsubscribe = source.onPeopleChange?.((before, after) => this.patch(before, after)) ?? (() => {});
  }

  dispose(): void {
    this.unsubscribe();
    this.sorted.clear();
  }

  findMany(args: PeopleQueryArgs, options: PeopleQueryOptions): PeopleQueryResult {
    const limit = pageLimit(args, options);
    const order = normalizeOrderBy(args.orderBy);
    const compileOptions: CompileOptions = { multiOperatorFilter: options.multiOperatorFilter ?? 'first-only' };
    const filter = args.filter ?? null;
    const base = compileFilter(filter, compileOptions);

    // Twenty: forward unless `before` is defined; a cursor is used only when truthy.
    const forward = args.before === undefined || args.before === null;
    const cursorText = forward ? args.after : args.before;
    const values = cursorText ? decodeCursor(cursorText, order) : null;
    const keyset = values === null ? ALWAYS : keysetPredicate(values, order, forward);
    // The keyset condition joins the applied filter, so it reveals deleted rows when it names deletedAt.
    const withDeleted = mentionsDeletedAt(filter) || (values !== null && order.some((t) => t.field === 'deletedAt'));

    const offset = args.offset ?? 0;
    if (!Number.isInteger(offset) || offset < 0) throw new QueryError('Offset must be a non-negative integer');

    const sorted = this.sortedBy(order);
    const n = sorted.length;
    const step = forward ? 1 : -1;
    let i = forward ? 0 : n - 1;
    if (values !== null) {
      const skip = fastSkip(values, order, forward);
      if (skip !== null) i = firstNotSkipped(sorted, skip, forward);
    }

    const page: Readonly<PersonRecord>[] = [];
    let toSkip = offset;
    for (; forward ? i < n : i >= 0; i += step) {
      const p = sorted[i]!;
      if (!withDeleted && p.deletedAt !== null) continue;
      if (keyset(p) !== true || base(p) !== true) continue;
      if (toSkip > 0) {
        toSkip--;
        continue;
      }
      page.push(p);
      if (page.length > limit) break;
    }
    const hasMore = page.length > limit;
    if (hasMore) page.pop();
    if (!forward) page.reverse();

    const countDeleted = mentionsDeletedAt(filter);
    const source = this.source;
    let count: number | null = null;
    return {
      records: page,
      order,
      // Twenty: "next" only when paging forward with more rows; "previous" when a cursor was used.
      hasNextPage: forward ? hasMore : Boolean(args.before),
      hasPreviousPage: forward ? Boolean(args.after) : hasMore,
      cursorOf: (record) => encodeCursor(record, order),
      totalCount: () => {
        if (count === null) {
          count = 0;
          for (const p of source.peopleView()) {
            if ((countDeleted || p.deletedAt === null) && base(p) === true) count++;
          }
        }
        return count;
      },
    };
  }

  /** Twenty's findOne: the first visible record matching the filter, or null. */
  findOne(filter: PersonFilter, options: Pick<PeopleQueryOptions, 'multiOperatorFilter'> = {}): Readonly<PersonRecord> | null {
    const predicate = compileFilter(filter, { multiOperatorFilter: options.multiOperatorFilter ?? 'first-only' });
    const withDeleted = mentionsDeletedAt(filter);
    for (const p of this.sortedBy(normalizeOrderBy(null))) {
      if ((withDeleted || p.deletedAt === null) && predicate(p) === true) return p;
    }
    return null;
  }

  private sortedBy(order: readonly OrderTerm[]): readonly Readonly<PersonRecord>[] {
    const key = orderSignature(order);
    const version = this.source.version;
    const cached = this.sorted.get(key);
    if (cached !== undefined && cached.version === version) return cached.records;
    const compare = compareByOrder(order);
    const records = [...this.source.peopleView()].sort(compare);
    // Only a few orders are ever used; drop the oldest if a test tries many.
    if (this.sorted.size >= 16 && !this.sorted.has(key)) this.sorted.delete(this.sorted.keys().next().value!);
    this.sorted.set(key, { version, compare, records });
    return records;
  }

  /** Apply one write to every index that was current just before it; drop the others. */
  private patch(before: Readonly<PersonRecord> | undefined, after: Readonly<PersonRecord> | undefined): void {
    const version = this.source.version;
    for (const [key, index] of this.sorted) {
      if (index.version !== version - 1) {
        this.sorted.delete(key);
        continue;
      }
      const { records, compare } = index;
      if (before !== undefined) {
        let at = lowerBound(records, before, compare);
        if (records[at] !== before) at = records.indexOf(before);
        if (at >= 0) records.splice(at, 1);
      }
      if (after !== undefined) records.splice(lowerBound(records, after, compare), 0, after);
      index.version = version;
    }
  }
}

/** First position whose record does not sort before `record`. */
function lowerBound(
  records: readonly Readonly<PersonRecord>[],
  record: Readonly<PersonRecord>,
  compare: (a: Readonly<PersonRecord>, b: Readonly<PersonRecord>) => number,
): number {
  let lo = 0;
  let hi = records.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(records[mid]!, record) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function pageLimit(args: PeopleQueryArgs, options: PeopleQueryOptions): number {
  // Argument conflicts, with Twenty's truthiness checks and messages.
  if (args.first && args.last) throw new QueryError('Cannot provide both first and last');
  if (args.before && args.after) throw new QueryError('Cannot provide both before and after');
  if (args.before && args.first) throw new QueryError('Cannot provide both before and first');
  if (args.after && args.last) throw new QueryError('Cannot provide both after and last');
  const max = options.maxPageSize;
  for (const [name, value] of [
    ['First', args.first],
    ['Last', args.last],
  ] as const) {
    if (value === undefined || value === null) continue;
    if (value <= 0) throw new QueryError(`${name} argument must be a positive integer`);
    if (value > max) throw new QueryError(`Maximum number of records to fetch is ${max}`);
  }
  return args.first ?? args.last ?? options.defaultPageSize ?? Math.min(max, TWENTY_DEFAULT_PAGE_SIZE);
}

/**
 * A test telling, for a record in scan order, that it lies before any record the keyset can
 * match (so the scan may start after it). Every match is at or beyond the cursor's value on the
 * first order key, or NULL there when NULLs are scanned last; records strictly before it on that
 * key alone can be skipped, the rest of the keyset is still checked record by record. Null
 * (no shortcut) when the cursor's first value is NULL.
 */
function fastSkip(
  values: readonly FieldValue[],
  order: readonly OrderTerm[],
  forward: boolean,
): ((p: Readonly<PersonRecord>) => boolean) | null {
  const term = order[0]!;
  const raw = values[0]!;
  if (raw === null) return null;
  const get = FIELD_GET[term.field];
  const ascending = isAsc(term.direction) === forward;
  const nullsComeFirst = isNullsFirst(term.direction) === forward;
  switch (FIELD_KIND[term.field]) {
    case 'datetime': {
      const v = raw as number;
      return ascending
        ? (p) => {
            const f = get(p) as number | null;
            return f === null ? nullsComeFirst : f < v;
          }
        : (p) => {
            const f = get(p) as number | null;
            return f === null ? nullsComeFirst : f >= v + 1;
          };
    }
    case 'text': {
      const v = lower(raw);
      return ascending
        ? (p) => {
            const f = get(p);
            return f === null ? nullsComeFirst : lower(f) < v;
          }
        : (p) => {
            const f = get(p);
            return f === null ? nullsComeFirst : lower(f) > v;
          };
    }
    case 'uuid': {
      const v = raw as string;
      return ascending
        ? (p) => {
            const f = get(p) as string | null;
            return f === null ? nullsComeFirst : f < v;
          }
        : (p) => {
            const f = get(p) as string | null;
            return f === null ? nullsComeFirst : f > v;
          };
    }
  }
}

/** Binary search, in scan order, for the first record the skip test does not cover. */
function firstNotSkipped(
  sorted: readonly Readonly<PersonRecord>[],
  skip: (p: Readonly<PersonRecord>) => boolean,
  forward: boolean,
): number {
  const n = sorted.length;
  let lo = 0;
  let hi = n; // positions in scan order
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const record = sorted[forward ? mid : n - 1 - mid]!;
    if (skip(record)) lo = mid + 1;
    else hi = mid;
  }
  return forward ? lo : n - 1 - lo;
}
