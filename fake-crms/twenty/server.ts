/**
 * An HTTP server that answers like a Twenty workspace's `POST /graphql`, for the demo (`npm start`
 * runs it on loopback so the product works without an account) and for the test suite.
 *
 * Queries are really parsed, validated and executed with graphql-js against our pinned subset
 * schema (graphql/twenty/schema.graphql), so a selection the pinned schema does not allow fails
 * here exactly as it would on a real server. The variant `serverVersion: 'typed-additional'`
 * derives, by text replacement of the same file, the schema of the Twenty versions that type
 * `additionalEmails` / `additionalPhones` / `secondaryLinks` as objects instead of RAW_JSON.
 *
 * Statuses and bodies (see /work/shared/reference/crm-apis.md, Twenty section):
 * - unknown/missing API key: 401 `UNAUTHENTICATED` (or 200 with that body, `authFailureMode:
 *   'graphql'`, as some versions answer);
 * - parse / validation errors: 400 with `GRAPHQL_PARSE_FAILED` / `GRAPHQL_VALIDATION_FAILED`;
 * - variable coercion errors: 400 `BAD_USER_INPUT`;
 * - resolver errors (bad cursor, page size, ...): 200 with `data: null` (`people` is non-null);
 * - throttled: 429 `LIMIT_REACHED`, message "Limit reached (N per W ms)", `Retry-After` seconds.
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

// ---- public types ------------------------------------------------------------------------------

export type TwentyServerVersion = 'raw-json' | 'typed-additional';
export type AuthFailureMode = 'http401' | 'graphql';

export type FaultKind = CommonFaultKind | 'graphql-internal' | 'throttle' | 'unauthenticated' | 'invalid-cursor';

export type FaultSpec = FaultSpecOf<FaultKind>;

export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** The options that can be changed on a running fake with `setOptions`. */
export interface FakeTwentyRuntimeOptions {
  /** Accepted `Authorization: Bearer` keys. Default ['demo-api-key']. */
  apiKeys: string[];
  /** Largest accepted `first`/`last`. Default 60 (Twenty's QUERY_MAX_RECORDS). */
  maxPageSize: number;
  /** Page size when `first`/`last` are omitted. Default min(maxPageSize, 60). */
  defaultPageSize: number | null;
  /** Which schema variant to serve. Default 'raw-json'. */
  serverVersion: TwentyServerVersion;
  /** How authentication failures are answered. Default 'http401'. */
  authFailureMode: AuthFailureMode;
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
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function loadSchemaText(): string {
  return readFileSync(join(projectRoot, 'graphql', 'twenty', 'schema.graphql'), 'utf8');
}

function replaceOnce(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`schema.graphql no longer contains "${from}": update the typed-additional variant`);
  return text.replace(from, to);
}

/**
 * The newer servers' typing of the additional* sub-fields. Emails stay a leaf list (a selection
 * without sub-fields stays valid there); phones and links become object lists, so selecting them
 * as scalars fails validation, as on those servers.
 */
function typedAdditionalVariant(text: string): string {
  let out = replaceOnce(text, 'additionalEmails: RawJSONScalar', 'additionalEmails: [String!]');
  out = replaceOnce(out, 'additionalPhones: RawJSONScalar', 'additionalPhones: [AdditionalPhone!]');
  out = replaceOnce(out, 'secondaryLinks: RawJSONScalar', 'secondaryLinks: [LinkMetadata!]');
  return `${out}
type AdditionalPhone {
  number: String
  countryCode: String
  callingCode: String
}

type LinkMetadata {
  url: String
  label: String
}
`;
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

  const rawJson = scalar(schema, 'RawJSONScalar', SCHEMA_FILE);
  rawJson.parseLiteral = (ast: ValueNode, variables) => valueFromASTUntyped(ast, variables);
}

interface SchemaEntry {
  schema: GraphQLSchema;
  /** Parsed and validated documents by query text (or the errors to answer). */
  documents: DocumentCache;
}

const schemas = new Map<TwentyServerVersion, SchemaEntry>();

function schemaFor(version: TwentyServerVersion): SchemaEntry {
  let entry = schemas.get(version);
  if (entry === undefined) {
    const text = loadSchemaText();
    const schema = buildSchema(version === 'typed-additional' ? typedAdditionalVariant(text) : text);
    installScalars(schema);
    entry = { schema, documents: new DocumentCache() };
    schemas.set(version, entry);
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
      maxPageSize: ctx.options.maxPageSize,
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

function errorBody(message: string, code: string, withNullData = false): Record<string, unknown> {
  const errors = [{ message, extensions: { code } }];
  return withNullData ? { data: null, errors } : { errors };
}

const JSON_TYPE = 'application/json; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';

// ---- the server --------------------------------------------------------------------------------

const DEFAULT_OPTIONS: FakeTwentyRuntimeOptions = {
  apiKeys: ['demo-api-key'],
  maxPageSize: 60,
  defaultPageSize: null,
  serverVersion: 'raw-json',
  authFailureMode: 'http401',
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

function validateOptions(options: FakeTwentyRuntimeOptions): void {
  if (!Number.isInteger(options.maxPageSize) || options.maxPageSize < 1) throw new RangeError('maxPageSize must be a positive integer');
  if (options.rateLimit !== null && (options.rateLimit.limit < 0 || options.rateLimit.windowMs <= 0)) {
    throw new RangeError('rateLimit needs limit >= 0 and windowMs > 0');
  }
}

class FakeTwentyServer extends FakeCrmServer<FaultKind, FakeTwentyRuntimeOptions, LoggedRequest> implements FakeTwenty {
  readonly store: TwentyStore;
  private readonly engine: PeopleQueryEngine;
  private readonly started = new WeakMap<LoggedRequest, number>();
  private readonly responses = new Map<string, string>();
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
    schemaFor(this.current.serverVersion);
    if (this.current.tokenBuckets !== null) this.limiter = new TwentyRateLimiter(this.current.tokenBuckets);
  }

  setOptions(partial: Partial<FakeTwentyRuntimeOptions>): void {
    const next = { ...this.current, ...pickRuntimeOptions(partial) };
    validateOptions(next);
    schemaFor(next.serverVersion);
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
      this.answerThrottled(res, entry, apiKey);
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
        this.answerThrottled(res, entry, apiKey, taken.refusedBy);
        return;
      }
    }

    const cacheKey = this.current.responseCache ? this.responseKey(entry) : null;
    const cached = cacheKey === null ? undefined : this.responses.get(cacheKey);
    if (cached !== undefined) {
      this.sendText(res, entry, 200, cached, JSON_TYPE);
      return;
    }

    const schemaEntry = schemaFor(this.current.serverVersion);
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
    if (cacheKey !== null && out['errors'] === undefined) this.remember(cacheKey, text);
    this.sendText(res, entry, 200, text, JSON_TYPE);
  }

  /** Everything an answer depends on: the request, the schema, the paging options, the data. */
  private responseKey(entry: LoggedRequest): string {
    const o = this.current;
    return [
      o.serverVersion,
      o.maxPageSize,
      o.defaultPageSize,
      o.multiOperatorFilter,
      this.store.version,
      entry.operationName ?? '',
      JSON.stringify(entry.variables),
      entry.query,
    ].join('\u0000');
  }

  private remember(key: string, text: string): void {
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

  private answerUnauthenticated(res: ServerResponse, entry: LoggedRequest): void {
    const status = this.current.authFailureMode === 'graphql' ? 200 : 401;
    this.send(res, entry, status, errorBody('Unauthenticated', 'UNAUTHENTICATED'));
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

  private answerThrottled(res: ServerResponse, entry: LoggedRequest, apiKey: string | null, bucket?: TokenBucketLimit): void {
    if (bucket !== undefined) {
      // The throttler's own message (throttler.service.ts); current servers send no Retry-After.
      this.send(res, entry, 429, errorBody(`Limit reached (${bucket.maxTokens} tokens per ${bucket.windowMs} ms)`, 'LIMIT_REACHED'));
      return;
    }
    const limit = this.current.rateLimit ?? { limit: 100, windowMs: 60_000 };
    const window = apiKey === null ? undefined : this.windows.get(apiKey);
    const waitMs = window === undefined ? limit.windowMs : window.start + limit.windowMs - this.store.now();
    const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
    this.send(res, entry, 429, errorBody(`Limit reached (${limit.limit} per ${limit.windowMs} ms)`, 'LIMIT_REACHED'), {
      'Retry-After': String(retryAfter),
    });
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
        this.answerThrottled(res, entry, bearerToken(req.headers.authorization));
        return;
      case 'unauthenticated':
        this.answerUnauthenticated(res, entry);
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
