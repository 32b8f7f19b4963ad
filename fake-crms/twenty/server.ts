/**
 * An HTTP server that answers like a Twenty workspace's `POST /graphql`, for the demo (`npm start`
 * runs it on loopback so the product works without an account) and for the test suite.
 *
 * Queries are really parsed, validated and executed with graphql-js against the pinned subset
 * schema of the generation served (`serverVersion`): 'current' (graphql/twenty/schema.graphql:
 * typed `additionalEmails: [String!]`, `additionalPhones: [AdditionalPhone!]`) or 'v0.53'
 * (graphql/twenty-v0.53/schema.graphql: both RAW_JSON). A selection the schema does not allow
 * fails here exactly as it would on a real server. `personAvatarUrl: false` serves a Person
 * without `avatarUrl`, as newer servers that moved the picture to a file field.
 *
 * Statuses and bodies (docs/crm-twenty.md; refusals in error-answers.ts, with their sources):
 * - unknown/missing API key: 200 `UNAUTHENTICATED` (middleware.service.ts), both generations;
 * - parse / validation errors: 400 with `GRAPHQL_PARSE_FAILED` / `GRAPHQL_VALIDATION_FAILED`
 *   (GraphQL Yoga);
 * - variable coercion errors: 400 `BAD_USER_INPUT`;
 * - resolver errors (bad cursor, page size, ...): 200 with `data: null` (`people` is non-null);
 * - throttled: 200; current servers `BAD_USER_INPUT` "Limit reached (N tokens per M ms)", v0.53
 *   "Too many requests." (error-answers.ts). No Retry-After on either.
 *
 * Rate limiting counts requests per API key in fixed windows of `windowMs` measured on the
 * STORE's clock: deterministic in tests (advance the store clock to open the next window), wall
 * time in the demo (store with `realClock`). Unauthenticated requests are not counted.
 */

import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';

import { buildSchema, execute, GraphQLError, Kind, valueFromASTUntyped, type GraphQLSchema, type ValueNode } from 'graphql';

import { projectRoot } from '../../src/project-root.js';
import { formatDateTime, parseDateTime, PeopleQueryEngine, QueryError, type PeopleQueryArgs, type PersonFilter } from './query-engine.js';
import {
  FakeCrmServer,
  type AnsweredFaultKind,
  pickDefinedOptions,
  type CommonFaultKind,
  type FakeCrm,
  type FaultSpecOf,
  type LoggedRequestBase,
} from '../support/fake-server.js';
import { DocumentCache, scalar, type PreparedDocument } from '../support/graphql-support.js';
import { bearerToken } from '../support/http-support.js';
import { TwentyStore, type PersonRecord, type TwentyStoreOptions } from './store.js';
import { rootFieldCount, TwentyRateLimiter, type TokenBucketLimit, type TwentyRateLimits } from './rate-limit.js';
import {
  errorBody,
  forbiddenAnswer,
  throttledAnswer,
  unauthenticatedAnswer,
  type RefusedAnswer,
  type TwentyGeneration,
} from './error-answers.js';

// ---- public types ------------------------------------------------------------------------------

export type TwentyServerVersion = TwentyGeneration;

export type FaultKind = CommonFaultKind | 'graphql-internal' | 'throttle' | 'unauthenticated' | 'forbidden' | 'invalid-cursor';

export type FaultSpec = FaultSpecOf<FaultKind>;

export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** The options that can be changed on a running fake with `setOptions`. */
export interface FakeTwentyRuntimeOptions {
  /** Accepted `Authorization: Bearer` keys. Default ['demo-api-key']. */
  apiKeys: string[];
  /**
   * Largest accepted `first`/`last`; null (default) for the generation's QUERY_MAX_RECORDS: 60
   * on v0.53, 200 on current servers.
   */
  maxPageSize: number | null;
  /** Page size when `first`/`last` are omitted. Default min(maxPageSize, 60). */
  defaultPageSize: number | null;
  /** Which schema generation to serve. Default 'current'. */
  serverVersion: TwentyServerVersion;
  /** Whether Person has `avatarUrl` (newer servers move the picture to a file field). Default true. */
  personAvatarUrl: boolean;
  /** Per-API-key throttling in fixed windows (the v0.53 line's request counting); null (default) for none. */
  rateLimit: RateLimit | null;
  /**
   * Current servers' throttling: token buckets per workspace, one token per root field, on the
   * wall clock (rate-limit.ts; TWENTY_DEFAULT_RATE_LIMITS are the server's defaults). Null
   * (default) for none.
   */
  tokenBuckets: TwentyRateLimits | null;
  /** 'first-only' (Twenty, default): one operator per field filter; 'all': AND them. */
  multiOperatorFilter: 'first-only' | 'all';
  /** Keep at most this many entries in `requests` (oldest dropped). Default 10,000. */
  maxLoggedRequests: number;
  /**
   * Reuse the serialized answer of an identical successful query while the store is unchanged
   * (benchmarks re-read the same pages). Default true; answers are identical either way.
   */
  responseCache: boolean;
}

export interface FakeTwentyOptions extends Partial<FakeTwentyRuntimeOptions> {
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** Serve this store; otherwise a new one is created with `storeOptions`. */
  store?: TwentyStore;
  storeOptions?: TwentyStoreOptions;
  /** Shorthand for `storeOptions.realClock` (the demo): timestamps and throttling on wall time. */
  realClock?: boolean;
}

export interface LoggedRequest extends LoggedRequestBase<FaultKind> {
  /** Path with query string, e.g. "/graphql". */
  path: string;
  operationName: string | null;
  /** Server time from arrival to the response being written (ms); null if never answered. */
  durationMs: number | null;
}

export interface FakeTwenty extends FakeCrm<FaultKind, FakeTwentyRuntimeOptions, LoggedRequest> {
  /** Base URL, e.g. http://127.0.0.1:54321 (the GraphQL endpoint is `${url}/graphql`). */
  readonly url: string;
  readonly store: TwentyStore;
}

// ---- schema ------------------------------------------------------------------------------------

const SCHEMA_FILE = 'schema.graphql';
const SCHEMA_DIRS: Record<TwentyServerVersion, string> = { current: 'twenty', 'v0.53': 'twenty-v0.53' };
/** QUERY_MAX_RECORDS by generation (docs/crm-twenty.md, "Page size"). */
const GENERATION_MAX_PAGE_SIZE: Record<TwentyServerVersion, number> = { current: 200, 'v0.53': 60 };
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function loadSchemaText(version: TwentyServerVersion): string {
  return readFileSync(join(projectRoot, 'graphql', SCHEMA_DIRS[version], SCHEMA_FILE), 'utf8');
}

/** The same schema without `Person.avatarUrl`. */
function withoutAvatarUrl(text: string): string {
  const field = /^\s*avatarUrl: String\n/m;
  if (!field.test(text)) throw new Error('schema.graphql no longer declares Person.avatarUrl: update the fake');
  return text.replace(field, '');
}

/** Give the SDL's bare scalars the input checks and output formats of Twenty's own scalars. */
function installScalars(schema: GraphQLSchema): void {
  const uuid = scalar(schema, 'UUID', SCHEMA_FILE);
  const parseUuid = (value: unknown): string => {
    if (typeof value !== 'string' || !UUID_PATTERN.test(value)) throw new GraphQLError(`Invalid UUID: ${JSON.stringify(value)}`);
    return value.toLowerCase();
  };
  uuid.parseValue = parseUuid;
  uuid.parseLiteral = (ast: ValueNode) => parseUuid(ast.kind === Kind.STRING ? ast.value : undefined);

  const dateTime = scalar(schema, 'DateTime', SCHEMA_FILE);
  const parseDate = (value: unknown): string => {
    if (typeof value !== 'string' || Number.isNaN(parseDateTime(value))) {
      throw new GraphQLError(`DateTime cannot represent an invalid date-time string: ${JSON.stringify(value)}`);
    }
    return value;
  };
  dateTime.parseValue = parseDate;
  dateTime.parseLiteral = (ast: ValueNode) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined);
  dateTime.serialize = (value: unknown) => (typeof value === 'number' ? formatDateTime(value) : value);

  if (schema.getType('RawJSONScalar') !== undefined) {
    const rawJson = scalar(schema, 'RawJSONScalar', SCHEMA_FILE);
    rawJson.parseLiteral = (ast: ValueNode, variables) => valueFromASTUntyped(ast, variables);
  }
}

interface SchemaEntry {
  schema: GraphQLSchema;
  /** Parsed and validated documents by query text (or the errors to answer). */
  documents: DocumentCache;
}

const schemas = new Map<string, SchemaEntry>();

function schemaFor(version: TwentyServerVersion, avatarUrl: boolean): SchemaEntry {
  const key = `${version}|${avatarUrl}`;
  let entry = schemas.get(key);
  if (entry === undefined) {
    const text = loadSchemaText(version);
    const schema = buildSchema(avatarUrl ? text : withoutAvatarUrl(text));
    installScalars(schema);
    entry = { schema, documents: new DocumentCache() };
    schemas.set(key, entry);
  }
  return entry;
}

function prepareDocument(entry: SchemaEntry, query: string): PreparedDocument {
  return entry.documents.prepare(entry.schema, query);
}

/** Twenty's code for a document that failed parsing or validation. */
function documentErrorCode(failedAt: 'parse' | 'validation'): string {
  return failedAt === 'parse' ? 'GRAPHQL_PARSE_FAILED' : 'GRAPHQL_VALIDATION_FAILED';
}

// ---- resolvers ---------------------------------------------------------------------------------

interface ResolverContext {
  store: TwentyStore;
  engine: PeopleQueryEngine;
  options: FakeTwentyRuntimeOptions;
}

function link(url: string | null): Record<string, unknown> {
  return { primaryLinkUrl: url, primaryLinkLabel: '', secondaryLinks: null };
}

function companyNode(store: TwentyStore, companyId: string | null): Record<string, unknown> | null {
  if (companyId === null) return null;
  const c = store.companyView(companyId);
  if (c === undefined) return null;
  return {
    id: c.id,
    name: c.name,
    domainName: link(c.domainUrl),
    address: c.address === null ? null : { ...c.address, addressLat: null, addressLng: null },
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    deletedAt: c.deletedAt,
  };
}

/** A person as Twenty's GraphQL serves it: composite fields as nested objects. */
function personNode(store: TwentyStore, p: Readonly<PersonRecord>): Record<string, unknown> {
  return {
    id: p.id,
    name: { firstName: p.firstName, lastName: p.lastName },
    emails: { primaryEmail: p.primaryEmail, additionalEmails: p.additionalEmails },
    phones: {
      primaryPhoneNumber: p.primaryPhoneNumber,
      primaryPhoneCountryCode: p.primaryPhoneCountryCode,
      primaryPhoneCallingCode: p.primaryPhoneCallingCode,
      additionalPhones: p.additionalPhones,
    },
    jobTitle: p.jobTitle,
    city: p.city,
    avatarUrl: p.avatarUrl,
    linkedinLink: link(p.linkedinUrl),
    xLink: link(p.xUrl),
    companyId: p.companyId,
    // Resolved only when selected (graphql-js calls function-valued properties).
    company: () => companyNode(store, p.companyId),
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    deletedAt: p.deletedAt,
  };
}

const rootValue = {
  people(args: PeopleQueryArgs, ctx: ResolverContext): Record<string, unknown> {
    const result = ctx.engine.findMany(args, {
      maxPageSize: maxPageSizeOf(ctx.options),
      defaultPageSize: ctx.options.defaultPageSize ?? undefined,
      multiOperatorFilter: ctx.options.multiOperatorFilter,
    });
    const { records } = result;
    const first = records[0];
    const last = records[records.length - 1];
    return {
      edges: records.map((record) => ({ node: personNode(ctx.store, record), cursor: () => result.cursorOf(record) })),
      pageInfo: {
        startCursor: first === undefined ? null : result.cursorOf(first),
        endCursor: last === undefined ? null : result.cursorOf(last),
        hasNextPage: result.hasNextPage,
        hasPreviousPage: result.hasPreviousPage,
      },
      totalCount: () => result.totalCount(),
    };
  },
  person(args: { filter: PersonFilter }, ctx: ResolverContext): Record<string, unknown> {
    const found = ctx.engine.findOne(args.filter, { multiOperatorFilter: ctx.options.multiOperatorFilter });
    if (found === null) throw new QueryError('Record not found', 'NOT_FOUND');
    return personNode(ctx.store, found);
  },
};

// ---- responses ---------------------------------------------------------------------------------

interface ErrorJson {
  message: string;
  locations?: unknown;
  path?: unknown;
  extensions: Record<string, unknown> & { code: string };
}

function formatError(error: GraphQLError, fallbackCode: string): ErrorJson {
  const json = error.toJSON();
  const original = error.originalError;
  const code =
    original instanceof QueryError ? original.code : typeof json.extensions?.['code'] === 'string' ? json.extensions['code'] : fallbackCode;
  return { ...json, extensions: { ...json.extensions, code } };
}

const JSON_TYPE = 'application/json; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';

// ---- the server --------------------------------------------------------------------------------

const DEFAULT_OPTIONS: FakeTwentyRuntimeOptions = {
  apiKeys: ['demo-api-key'],
  maxPageSize: null,
  defaultPageSize: null,
  serverVersion: 'current',
  personAvatarUrl: true,
  rateLimit: null,
  tokenBuckets: null,
  multiOperatorFilter: 'first-only',
  maxLoggedRequests: 10_000,
  responseCache: true,
};

const MAX_RESPONSE_CACHE_BYTES = 64 * 1024 * 1024;

function pickRuntimeOptions(options: Partial<FakeTwentyRuntimeOptions>): Partial<FakeTwentyRuntimeOptions> {
  return pickDefinedOptions(DEFAULT_OPTIONS, options);
}

function maxPageSizeOf(options: FakeTwentyRuntimeOptions): number {
  return options.maxPageSize ?? GENERATION_MAX_PAGE_SIZE[options.serverVersion];
}

function validateOptions(options: FakeTwentyRuntimeOptions): void {
  if (options.maxPageSize !== null && (!Number.isInteger(options.maxPageSize) || options.maxPageSize < 1)) {
    throw new RangeError('maxPageSize must be a positive integer or null');
  }
  if (options.rateLimit !== null && (options.rateLimit.limit < 0 || options.rateLimit.windowMs <= 0)) {
    throw new RangeError('rateLimit needs limit >= 0 and windowMs > 0');
  }
}

class FakeTwentyServer extends FakeCrmServer<FaultKind, FakeTwentyRuntimeOptions, LoggedRequest> implements FakeTwenty {
  readonly store: TwentyStore;
  private readonly engine: PeopleQueryEngine;
  private readonly started = new WeakMap<LoggedRequest, number>();
  private readonly responses = new Map<string, Buffer>();
  private responseBytes = 0;
  private readonly windows = new Map<string, { start: number; count: number }>();
  private limiter: TwentyRateLimiter | null = null;

  constructor(options: FakeTwentyOptions) {
    super({ ...DEFAULT_OPTIONS, ...pickRuntimeOptions(options) }, { json: JSON_TYPE, html: HTML_TYPE });
    this.store =
      options.store ??
      new TwentyStore({ ...options.storeOptions, ...(options.realClock === undefined ? {} : { realClock: options.realClock }) });
    this.engine = new PeopleQueryEngine(this.store);
    validateOptions(this.current);
    schemaFor(this.current.serverVersion, this.current.personAvatarUrl);
    if (this.current.tokenBuckets !== null) this.limiter = new TwentyRateLimiter(this.current.tokenBuckets);
  }

  setOptions(partial: Partial<FakeTwentyRuntimeOptions>): void {
    const next = { ...this.current, ...pickRuntimeOptions(partial) };
    validateOptions(next);
    schemaFor(next.serverVersion, next.personAvatarUrl);
    if ('rateLimit' in partial) this.windows.clear();
    if ('tokenBuckets' in partial) this.limiter = next.tokenBuckets === null ? null : new TwentyRateLimiter(next.tokenBuckets);
    this.current = next;
  }

  protected override disposing(): void {
    this.engine.dispose();
    this.responses.clear();
  }

  // ---- request handling ----------------------------------------------------------------------

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const entry: LoggedRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      query: null,
      variables: null,
      operationName: null,
      status: null,
      fault: null,
      durationMs: null,
    };
    this.started.set(entry, performance.now());
    const received = await this.receive(req, res, entry);
    if (received === null) return;
    const { body } = received;
    entry.operationName = received.operationName;
    if (await this.playFault(received.fault, req, res, entry)) return;

    const pathname = entry.path.split('?')[0];
    if (pathname !== '/graphql' && pathname !== '/graphql/') {
      this.send(res, entry, 404, errorBody(`Cannot ${entry.method} ${pathname ?? ''}`, 'NOT_FOUND'));
      return;
    }
    if (entry.method !== 'POST') {
      this.send(res, entry, 405, errorBody('Only POST is supported', 'METHOD_NOT_ALLOWED'), { Allow: 'POST' });
      return;
    }

    const apiKey = bearerToken(req.headers.authorization);
    if (apiKey === null || !this.current.apiKeys.includes(apiKey)) {
      this.answerUnauthenticated(res, entry);
      return;
    }
    if (!this.admit(apiKey)) {
      this.answerThrottled(res, entry);
      return;
    }

    if (body === null) {
      this.send(res, entry, 400, errorBody('POST body sent invalid JSON.', 'BAD_REQUEST'));
      return;
    }
    if (entry.query === null) {
      this.send(res, entry, 400, errorBody('Must provide query string.', 'BAD_REQUEST'));
      return;
    }
    const variables = body['variables'];
    if (variables !== undefined && variables !== null && entry.variables === null) {
      this.send(res, entry, 400, errorBody('Variables must be an object.', 'BAD_REQUEST'));
      return;
    }
    if (this.limiter !== null) {
      // One workspace per fake: every API key of it shares the workspace's buckets.
      const taken = this.limiter.take('workspace', rootFieldCount(entry.query, entry.variables, entry.operationName));
      if (!taken.ok) {
        this.answerThrottled(res, entry, taken.refusedBy);
        return;
      }
    }

    const cacheKey = this.current.responseCache ? this.responseKey(entry) : null;
    const cached = cacheKey === null ? undefined : this.responses.get(cacheKey);
    if (cached !== undefined) {
      this.sendText(res, entry, 200, cached, JSON_TYPE);
      return;
    }

    const schemaEntry = schemaFor(this.current.serverVersion, this.current.personAvatarUrl);
    const prepared = prepareDocument(schemaEntry, entry.query);
    if ('errors' in prepared) {
      this.send(res, entry, 400, { errors: prepared.errors.map((e) => formatError(e, documentErrorCode(prepared.failedAt))) });
      return;
    }

    const context: ResolverContext = { store: this.store, engine: this.engine, options: this.current };
    let result;
    try {
      result = await execute({
        schema: schemaEntry.schema,
        document: prepared,
        rootValue,
        contextValue: context,
        variableValues: entry.variables,
        operationName: entry.operationName,
      });
    } catch (error) {
      // execute throws only on programming errors (e.g. an invalid schema): a server bug.
      this.send(res, entry, 500, errorBody(error instanceof Error ? error.message : String(error), 'INTERNAL_SERVER_ERROR'));
      return;
    }
    if (!('data' in result)) {
      // No data at all: the request failed before execution (variables, operation name).
      this.send(res, entry, 400, { errors: (result.errors ?? []).map((e) => formatError(e, 'BAD_USER_INPUT')) });
      return;
    }
    const out: Record<string, unknown> = { data: result.data ?? null };
    if (result.errors !== undefined && result.errors.length > 0) {
      out['errors'] = result.errors.map((e) => formatError(e, 'INTERNAL_SERVER_ERROR'));
    }
    const text = JSON.stringify(out);
    if (cacheKey !== null && out['errors'] === undefined) {
      // Kept as bytes: a cached answer is written without encoding it again (the benchmark's
      // upstream must stay cheap next to the targets it serves).
      const bytes = Buffer.from(text);
      this.remember(cacheKey, bytes);
      this.sendText(res, entry, 200, bytes, JSON_TYPE);
      return;
    }
    this.sendText(res, entry, 200, text, JSON_TYPE);
  }

  /** Everything an answer depends on: the request, the schema, the paging options, the data. */
  private responseKey(entry: LoggedRequest): string {
    const o = this.current;
    return [
      o.serverVersion,
      o.personAvatarUrl,
      maxPageSizeOf(o),
      o.defaultPageSize,
      o.multiOperatorFilter,
      this.store.version,
      entry.operationName ?? '',
      JSON.stringify(entry.variables),
      entry.query,
    ].join('\u0000');
  }

  private remember(key: string, text: Buffer): void {
    if (text.length > MAX_RESPONSE_CACHE_BYTES / 4) return;
    while (this.responseBytes + text.length > MAX_RESPONSE_CACHE_BYTES && this.responses.size > 0) {
      const [oldestKey, oldest] = this.responses.entries().next().value!;
      this.responses.delete(oldestKey);
      this.responseBytes -= oldest.length;
    }
    this.responses.set(key, text);
    this.responseBytes += text.length;
  }

  /** Only a body past the size limit is answered (413); a broken stream has no one to answer. */
  protected bodyUnreadable(res: ServerResponse, entry: LoggedRequest, error: Error): void {
    if (error.message === 'too large') this.send(res, entry, 413, errorBody('Request body too large', 'BAD_REQUEST'));
  }

  protected unexpectedErrorBody(message: string): unknown {
    return errorBody(message, 'INTERNAL_SERVER_ERROR');
  }

  protected override answering(entry: LoggedRequest): void {
    const started = this.started.get(entry);
    if (started !== undefined) entry.durationMs = performance.now() - started;
  }

  private answerRefused(res: ServerResponse, entry: LoggedRequest, answer: RefusedAnswer): void {
    this.send(res, entry, answer.status, answer.body, answer.headers);
  }

  private answerUnauthenticated(res: ServerResponse, entry: LoggedRequest): void {
    this.answerRefused(res, entry, unauthenticatedAnswer());
  }

  /** Fixed-window counter per API key on the store clock; true when the request may proceed. */
  private admit(apiKey: string): boolean {
    const limit = this.current.rateLimit;
    if (limit === null) return true;
    const now = this.store.now();
    let window = this.windows.get(apiKey);
    if (window === undefined || now - window.start >= limit.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(apiKey, window);
    }
    if (window.count >= limit.limit) return false;
    window.count++;
    return true;
  }

  /**
   * The limit that refused the call (a token bucket, or the fixed-window `rateLimit`), answered
   * as the served generation does (error-answers.ts).
   */
  private answerThrottled(res: ServerResponse, entry: LoggedRequest, bucket?: TokenBucketLimit): void {
    // Twenty's default API-key limit (100 per 60 s) names the window when none is configured.
    const limit = bucket
      ? { limit: bucket.maxTokens, windowMs: bucket.windowMs }
      : (this.current.rateLimit ?? { limit: 100, windowMs: 60_000 });
    this.answerRefused(res, entry, throttledAnswer(this.current.serverVersion, limit));
  }

  protected answerFault(kind: AnsweredFaultKind<FaultKind>, req: IncomingMessage, res: ServerResponse, entry: LoggedRequest): void {
    switch (kind) {
      case 'http500':
        this.send(
          res,
          entry,
          500,
          '<html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1></body></html>',
        );
        return;
      case 'http503':
        this.send(
          res,
          entry,
          503,
          '<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1></body></html>',
          { 'Retry-After': '1' },
        );
        return;
      case 'not-json':
        this.send(res, entry, 200, '<!DOCTYPE html><html><body>Twenty is under maintenance</body></html>');
        return;
      case 'bad-shape':
        this.send(res, entry, 200, { data: { people: { edges: 'nope' } } });
        return;
      case 'graphql-internal':
        this.send(res, entry, 200, errorBody('Internal server error', 'INTERNAL_SERVER_ERROR', true));
        return;
      case 'throttle':
        this.answerThrottled(res, entry);
        return;
      case 'unauthenticated':
        this.answerUnauthenticated(res, entry);
        return;
      case 'forbidden':
        this.answerRefused(res, entry, forbiddenAnswer());
        return;
      case 'invalid-cursor': {
        const after = entry.variables?.['after'];
        this.send(res, entry, 200, errorBody(`Invalid cursor: ${typeof after === 'string' ? after : ''}`, 'BAD_USER_INPUT', true));
        return;
      }
    }
  }
}

/** Start a fake Twenty on `host:port` (default 127.0.0.1, any free port). */
export async function startFakeTwenty(options: FakeTwentyOptions = {}): Promise<FakeTwenty> {
  // On failure (e.g. EADDRINUSE) start() closes the fake, releasing the store subscription.
  return await new FakeTwentyServer(options).start(options.host, options.port);
}
