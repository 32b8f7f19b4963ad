/**
 * An HTTP server that answers like a shop's Admin GraphQL API,
 * `POST /admin/api/{version}/graphql.json`, for the test suite (and a demo).
 *
 * Queries are parsed, validated and executed with graphql-js against graphql/shopify/schema.graphql,
 * the pruned copy of Shopify's published schema, so a selection Shopify's schema does not allow
 * fails here as it would there. What it reproduces (crm-apis.md, Shopify section; what is not
 * confirmed is marked "(unconfirmed)" beside the connector code that relies on it, and is
 * implemented the same way here):
 * - Auth: `X-Shopify-Access-Token` must be a known token, else HTTP 401 with Shopify's string-valued
 *   `errors`. A token without the `read_customers` scope gets ACCESS_DENIED on `customers`.
 * - Cost-based throttling: a leaky bucket per token (`maximumAvailable` points, refilled at
 *   `restoreRate` points per second of wall-clock time). A query needs its requested cost in the
 *   bucket; the difference to its actual cost is refunded afterwards. Every answer carries
 *   `extensions.cost`; a query that does not fit is answered THROTTLED (HTTP 200, or 429 with
 *   `throttleStatusCode: 429`) without running. A query costing more than `maxQueryCost` is refused
 *   with MAX_COST_EXCEEDED.
 * - GraphQL errors (syntax, validation, bad arguments) come with HTTP 200, as graphql-ruby answers.
 * - `customers`: search subset, sort keys, keyset cursors, page sizes (query-engine.ts,
 *   search-query.ts); search warnings are reported under `extensions.search`.
 * - Faults can be injected: each request consumes the next queued one.
 */

import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';

import { buildSchema, execute, getOperationAST, GraphQLError, Kind, type FragmentDefinitionNode, type GraphQLSchema } from 'graphql';

import { projectRoot } from '../../src/project-root.js';
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
import { CustomersQueryEngine, CustomersQueryError, type CustomersArgs, type PastPaginationLimit } from './query-engine.js';
import { actualQueryCost, requestedQueryCost } from './query-cost.js';
import { SearchSyntaxError, type SearchWarning, type TimeMatching } from './search-query.js';
import { customerGid, ShopifyStore, type CustomerAddress, type CustomerRecord, type ShopifyStoreOptions } from './store.js';

// ---- public types ------------------------------------------------------------------------------

export type FaultKind =
  | CommonFaultKind
  | 'graphql-internal'
  /** THROTTLED with an empty bucket, whatever the bucket really holds. */
  | 'throttle'
  | 'unauthenticated'
  | 'access-denied'
  | 'invalid-cursor';

export type FaultSpec = FaultSpecOf<FaultKind>;

export interface CostBucket {
  maximumAvailable: number;
  /** Points per second. */
  restoreRate: number;
}

/** The options that can be changed on a running fake with `setOptions`. */
export interface FakeShopifyRuntimeOptions {
  /** Accepted `X-Shopify-Access-Token` values. Default ['shpat_demo']. */
  accessTokens: string[];
  /** Scopes granted to every accepted token. Default ['read_customers']. */
  scopes: string[];
  /** Largest `first`/`last`. Default 250. */
  maxPageSize: number;
  /** Largest requested cost of one query. Default 1000. */
  maxQueryCost: number;
  /** Each token's leaky bucket; null for no throttling (costs are still reported). Default 2000 / 100 per s. */
  bucket: CostBucket | null;
  /** HTTP status of a THROTTLED answer. Default 200. */
  throttleStatusCode: 200 | 429;
  /** How `updated_at` comparisons match: by whole days (Shopify's description, default) or exactly. */
  timeMatching: TimeMatching;
  /**
   * Objects one query's cursor chain may reach: Shopify's documented 25,000 by default
   * (https://shopify.dev/docs/api/usage/limits; query-engine.ts).
   */
  paginationLimit: number;
  /** Past `paginationLimit`: a GraphQL error ('error', default) or a silent last page ('end'). Unconfirmed: query-engine.ts. */
  pastPaginationLimit: PastPaginationLimit;
  /** Keep at most this many entries in `requests`. Default 10,000. */
  maxLoggedRequests: number;
}

export interface FakeShopifyOptions extends Partial<FakeShopifyRuntimeOptions> {
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** Serve this store; otherwise a new one is created with `storeOptions`. */
  store?: ShopifyStore;
  storeOptions?: ShopifyStoreOptions;
  /** The bucket's clock (epoch ms). Default: the wall clock, so that a client's wait really refills it. */
  bucketClock?: () => number;
}

export interface LoggedRequest extends LoggedRequestBase<FaultKind> {
  /** Path with query string, e.g. "/admin/api/2026-07/graphql.json". */
  path: string;
  /** The API version in the path, when it has one. */
  apiVersion: string | null;
  operationName: string | null;
  /** Error codes of the answer (`THROTTLED`, …), empty when none. */
  errorCodes: string[];
  /** The requested cost computed for the query, when it got that far. */
  requestedCost: number | null;
}

export interface FakeShopify extends FakeCrm<FaultKind, FakeShopifyRuntimeOptions, LoggedRequest> {
  /** Base URL, e.g. http://127.0.0.1:54321; the API is at `${url}/admin/api/{version}/graphql.json`. */
  readonly url: string;
  readonly store: ShopifyStore;
  /** Set every token's bucket to `points` (0 drains it), as of now. */
  setBucketLevel(points: number): void;
  /** What a token's bucket holds now. */
  bucketLevel(token: string): number;
}

// ---- schema ------------------------------------------------------------------------------------

/** (unconfirmed) What `Customer.image.url` serves for a customer without a picture. */
export const DEFAULT_AVATAR_URL = 'https://cdn.shopify.com/s/images/admin/customers/default-avatar.png';

let cachedSchema: { schema: GraphQLSchema; documents: DocumentCache } | null = null;

function shopifySchema(): NonNullable<typeof cachedSchema> {
  if (cachedSchema !== null) return cachedSchema;
  const schema = buildSchema(readFileSync(join(projectRoot, 'graphql', 'shopify', 'schema.graphql'), 'utf8'));
  // Shopify serves DateTime as ISO 8601 in UTC to the second: 2026-01-01T12:00:00Z.
  scalar(schema, 'DateTime', 'graphql/shopify/schema.graphql').serialize = (value: unknown) =>
    typeof value === 'number' ? new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z') : value;
  cachedSchema = { schema, documents: new DocumentCache() };
  return cachedSchema;
}

function prepare(query: string): PreparedDocument {
  const entry = shopifySchema();
  return entry.documents.prepare(entry.schema, query);
}

// ---- resolvers ---------------------------------------------------------------------------------

/** A user error raised while resolving, with the code Shopify gives it. */
class ShopifyFieldError extends Error {
  constructor(
    message: string,
    readonly extensions: Record<string, unknown>,
  ) {
    super(message);
  }
}

interface ResolverContext {
  engine: CustomersQueryEngine;
  options: FakeShopifyRuntimeOptions;
  /** Filled by `customers`, reported under `extensions.search`. */
  searchWarnings: Array<{ path: string[]; query: string; warnings: SearchWarning[] }>;
}

/** Shopify's displayName: first and last name, else the email, else the phone (else empty). */
function displayName(c: Readonly<CustomerRecord>): string {
  const name = [c.firstName, c.lastName]
    .map((part) => part?.trim() ?? '')
    .filter(Boolean)
    .join(' ');
  return name || c.email || c.phone || '';
}

/** Address lines in a generic order; Shopify formats per country, which the fake does not model. */
function formatAddress(a: Readonly<CustomerAddress>, c: Readonly<CustomerRecord>, withName: boolean, withCompany: boolean): string[] {
  const name = [c.firstName, c.lastName].filter(Boolean).join(' ');
  const locality = [a.city, a.provinceCode ?? a.province, a.zip].filter(Boolean).join(' ');
  const lines = [withName ? name : null, withCompany ? a.company : null, a.address1, a.address2, locality, a.country];
  return lines.filter((line): line is string => typeof line === 'string' && line.trim() !== '');
}

function customerNode(c: Readonly<CustomerRecord>): Record<string, unknown> {
  const address = c.address;
  return {
    id: customerGid(c.id),
    legacyResourceId: String(c.id),
    displayName: displayName(c),
    firstName: c.firstName,
    lastName: c.lastName,
    defaultEmailAddress: c.email === null ? null : { emailAddress: c.email },
    defaultPhoneNumber: c.phone === null ? null : { phoneNumber: c.phone },
    defaultAddress:
      address === null
        ? null
        : {
            ...address,
            countryCodeV2: address.countryCode,
            formatted: (args: { withName?: boolean; withCompany?: boolean }) =>
              formatAddress(address, c, args.withName ?? false, args.withCompany ?? true),
          },
    image: () => ({ url: () => c.imageUrl ?? DEFAULT_AVATAR_URL }),
    updatedAt: c.updatedAt,
  };
}

const rootValue = {
  customers(args: CustomersArgs, ctx: ResolverContext): Record<string, unknown> {
    if (!ctx.options.scopes.includes('read_customers')) {
      throw new ShopifyFieldError('Access denied for customers field. Required access: `read_customers` access scope.', {
        code: 'ACCESS_DENIED',
        documentation: 'https://shopify.dev/api/usage/access-scopes',
        requiredAccess: '`read_customers` access scope.',
      });
    }
    let result;
    try {
      result = ctx.engine.find(args, {
        maxPageSize: ctx.options.maxPageSize,
        timeMatching: ctx.options.timeMatching,
        paginationLimit: ctx.options.paginationLimit,
        pastPaginationLimit: ctx.options.pastPaginationLimit,
      });
    } catch (error) {
      if (error instanceof CustomersQueryError || error instanceof SearchSyntaxError) throw new ShopifyFieldError(error.message, {});
      throw error;
    }
    if (result.warnings.length > 0) ctx.searchWarnings.push({ path: ['customers'], query: args.query ?? '', warnings: result.warnings });
    const nodes = result.records.map(customerNode);
    const last = result.records[result.records.length - 1];
    const first = result.records[0];
    return {
      nodes,
      edges: result.records.map((record, i) => ({ node: nodes[i], cursor: () => result.cursorOf(record) })),
      pageInfo: {
        hasNextPage: result.hasNextPage,
        hasPreviousPage: result.hasPreviousPage,
        startCursor: first === undefined ? null : result.cursorOf(first),
        endCursor: last === undefined ? null : result.cursorOf(last),
      },
    };
  },
};

// ---- responses ---------------------------------------------------------------------------------

const JSON_TYPE = 'application/json; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';
const UNAUTHORIZED_BODY = { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' };

interface ErrorJson {
  message: string;
  locations?: unknown;
  path?: unknown;
  extensions?: Record<string, unknown>;
}

function formatError(error: GraphQLError): ErrorJson {
  const json = error.toJSON() as ErrorJson;
  const original = error.originalError;
  if (original instanceof ShopifyFieldError && Object.keys(original.extensions).length > 0) json.extensions = original.extensions;
  return json;
}

function internalErrorBody(): Record<string, unknown> {
  const requestId = 'fake-0000-0000';
  return {
    errors: [
      {
        message: `Internal error. Looks like something went wrong on our end.\nRequest ID: ${requestId} (include this in support requests).`,
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
      },
    ],
  };
}

// ---- the server --------------------------------------------------------------------------------

const DEFAULT_OPTIONS: FakeShopifyRuntimeOptions = {
  accessTokens: ['shpat_demo'],
  scopes: ['read_customers'],
  maxPageSize: 250,
  maxQueryCost: 1000,
  bucket: { maximumAvailable: 2000, restoreRate: 100 },
  throttleStatusCode: 200,
  timeMatching: 'day',
  paginationLimit: 25_000,
  pastPaginationLimit: 'error',
  maxLoggedRequests: 10_000,
};

function pickRuntimeOptions(options: Partial<FakeShopifyRuntimeOptions>): Partial<FakeShopifyRuntimeOptions> {
  return pickDefinedOptions(DEFAULT_OPTIONS, options);
}

function validateOptions(o: FakeShopifyRuntimeOptions): void {
  if (!Number.isInteger(o.maxPageSize) || o.maxPageSize < 1) throw new RangeError('maxPageSize must be a positive integer');
  if (!Number.isInteger(o.paginationLimit) || o.paginationLimit < 1) throw new RangeError('paginationLimit must be a positive integer');
  if (!(o.maxQueryCost > 0)) throw new RangeError('maxQueryCost must be positive');
  if (o.bucket !== null && !(o.bucket.maximumAvailable > 0 && o.bucket.restoreRate > 0)) {
    throw new RangeError('bucket needs a positive maximumAvailable and restoreRate');
  }
}

interface Bucket {
  level: number;
  at: number;
}

class FakeShopifyServer extends FakeCrmServer<FaultKind, FakeShopifyRuntimeOptions, LoggedRequest> implements FakeShopify {
  readonly store: ShopifyStore;
  private readonly engine: CustomersQueryEngine;
  private readonly buckets = new Map<string, Bucket>();
  private readonly bucketClock: () => number;

  constructor(options: FakeShopifyOptions) {
    super({ ...DEFAULT_OPTIONS, ...pickRuntimeOptions(options) }, { json: JSON_TYPE, html: HTML_TYPE });
    this.store = options.store ?? new ShopifyStore(options.storeOptions);
    this.engine = new CustomersQueryEngine(this.store);
    validateOptions(this.current);
    this.bucketClock = options.bucketClock ?? Date.now;
    shopifySchema();
  }

  setOptions(partial: Partial<FakeShopifyRuntimeOptions>): void {
    const next = { ...this.current, ...pickRuntimeOptions(partial) };
    validateOptions(next);
    if ('bucket' in partial) this.buckets.clear();
    this.current = next;
  }

  setBucketLevel(points: number): void {
    const at = this.bucketClock();
    for (const token of this.current.accessTokens) this.buckets.set(token, { level: points, at });
  }

  bucketLevel(token: string): number {
    return this.refill(token).level;
  }

  // ---- the leaky bucket ----------------------------------------------------------------------

  private refill(token: string): Bucket {
    const bucket = this.current.bucket;
    const now = this.bucketClock();
    if (bucket === null) return { level: Number.POSITIVE_INFINITY, at: now };
    const state = this.buckets.get(token) ?? { level: bucket.maximumAvailable, at: now };
    state.level = Math.min(bucket.maximumAvailable, state.level + ((now - state.at) / 1000) * bucket.restoreRate);
    state.at = now;
    this.buckets.set(token, state);
    return state;
  }

  private costExtension(token: string, requested: number, actual: number | null): Record<string, unknown> {
    const bucket = this.current.bucket ?? { maximumAvailable: 2000, restoreRate: 100 };
    const level = this.current.bucket === null ? bucket.maximumAvailable : this.refill(token).level;
    return {
      requestedQueryCost: requested,
      actualQueryCost: actual,
      throttleStatus: { maximumAvailable: bucket.maximumAvailable, currentlyAvailable: Math.floor(level), restoreRate: bucket.restoreRate },
    };
  }

  // ---- request handling ----------------------------------------------------------------------

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const entry: LoggedRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      apiVersion: null,
      headers: req.headers,
      query: null,
      variables: null,
      operationName: null,
      status: null,
      errorCodes: [],
      requestedCost: null,
      fault: null,
    };
    const received = await this.receive(req, res, entry);
    if (received === null) return;
    const { body } = received;
    entry.operationName = received.operationName;
    const pathMatch = /^\/admin\/api\/(\d{4}-\d{2}|unstable)\/graphql\.json$/.exec(entry.path.split('?')[0] ?? '');
    entry.apiVersion = pathMatch?.[1] ?? null;
    if (await this.playFault(received.fault, req, res, entry)) return;

    if (pathMatch === null) {
      this.send(res, entry, 404, { errors: 'Not Found' });
      return;
    }
    if (entry.method !== 'POST') {
      this.send(res, entry, 405, { errors: 'Only POST is supported' }, { Allow: 'POST' });
      return;
    }
    const token = tokenOf(req.headers);
    if (token === null || !this.current.accessTokens.includes(token)) {
      this.send(res, entry, 401, UNAUTHORIZED_BODY);
      return;
    }
    if (body === null || entry.query === null) {
      this.send(res, entry, 400, { errors: { query: ['Required parameter missing or invalid'] } });
      return;
    }

    const prepared = prepare(entry.query);
    if ('errors' in prepared) {
      this.send(res, entry, 200, { errors: prepared.errors.map(formatError) });
      return;
    }
    const schema = shopifySchema().schema;
    const operation = getOperationAST(prepared, entry.operationName);
    if (!operation) {
      this.send(res, entry, 200, { errors: [{ message: 'An operation name is required' }] });
      return;
    }
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const def of prepared.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
    const costInput = { schema, operation, fragments, variables: entry.variables ?? {} };
    let requested: number;
    try {
      requested = requestedQueryCost(costInput);
    } catch {
      // Variables the cost walk cannot read: execution reports them, as Shopify would.
      requested = 0;
    }
    entry.requestedCost = requested;

    if (requested > this.current.maxQueryCost) {
      this.send(res, entry, 200, {
        errors: [
          {
            message: `Query cost is ${requested}, which exceeds the single query max cost limit (${this.current.maxQueryCost}).`,
            extensions: { code: 'MAX_COST_EXCEEDED', cost: requested, maxCost: this.current.maxQueryCost },
          },
        ],
        extensions: { cost: this.costExtension(token, requested, null) },
      });
      return;
    }
    const bucket = this.refill(token);
    if (bucket.level < requested) {
      this.answerThrottled(res, entry, token, requested);
      return;
    }
    bucket.level -= requested;

    const context: ResolverContext = { engine: this.engine, options: this.current, searchWarnings: [] };
    let result;
    try {
      result = await execute({
        schema,
        document: prepared,
        rootValue,
        contextValue: context,
        variableValues: entry.variables,
        operationName: entry.operationName,
      });
    } catch (error) {
      bucket.level += requested;
      this.send(res, entry, 500, { errors: [{ message: error instanceof Error ? error.message : String(error) }] });
      return;
    }
    const data = (result.data ?? null) as Record<string, unknown> | null;
    const actual = actualQueryCost(costInput, (path) => returnedAt(data, path));
    bucket.level = Math.min(this.current.bucket?.maximumAvailable ?? Infinity, bucket.level + Math.max(0, requested - actual));
    const extensions: Record<string, unknown> = { cost: this.costExtension(token, requested, actual) };
    if (context.searchWarnings.length > 0) extensions['search'] = context.searchWarnings;
    const out: Record<string, unknown> = {};
    if (result.errors !== undefined && result.errors.length > 0) out['errors'] = result.errors.map(formatError);
    if ('data' in result) out['data'] = data;
    out['extensions'] = extensions;
    this.send(res, entry, 200, out);
  }

  private answerThrottled(res: ServerResponse, entry: LoggedRequest, token: string, requested: number, emptyBucket = false): void {
    const cost = this.costExtension(token, requested, null);
    if (emptyBucket) (cost['throttleStatus'] as Record<string, number>)['currentlyAvailable'] = 0;
    this.send(res, entry, this.current.throttleStatusCode, {
      errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }],
      extensions: { cost },
    });
  }

  /** As the base's, plus the answer's error codes in the log and Shopify's API version header. */
  protected override send(
    res: ServerResponse,
    entry: LoggedRequest,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    if (res.destroyed || res.headersSent) return;
    if (typeof body !== 'string') entry.errorCodes = errorCodes(body);
    const extra: Record<string, string> = entry.apiVersion === null ? {} : { 'X-Shopify-API-Version': entry.apiVersion };
    super.send(res, entry, status, body, { ...extra, ...headers });
  }

  protected bodyUnreadable(res: ServerResponse, entry: LoggedRequest): void {
    this.send(res, entry, 413, { errors: 'Request body too large' });
  }

  protected unexpectedErrorBody(message: string): unknown {
    return { errors: [{ message }] };
  }

  protected answerFault(kind: AnsweredFaultKind<FaultKind>, req: IncomingMessage, res: ServerResponse, entry: LoggedRequest): void {
    const token = tokenOf(req.headers) ?? '';
    switch (kind) {
      case 'http500':
        this.send(res, entry, 500, '<html><body><h1>Internal Server Error</h1></body></html>');
        return;
      case 'http503':
        this.send(res, entry, 503, '<html><body><h1>Service Unavailable</h1></body></html>', { 'Retry-After': '1' });
        return;
      case 'not-json':
        this.send(res, entry, 200, '<!DOCTYPE html><html><body>This store is unavailable</body></html>');
        return;
      case 'bad-shape':
        this.send(res, entry, 200, { data: { customers: { nodes: 'nope' } } });
        return;
      case 'graphql-internal':
        this.send(res, entry, 200, internalErrorBody());
        return;
      case 'throttle': {
        const prepared = entry.query === null ? null : prepare(entry.query);
        let requested = 1;
        if (prepared !== null && !('errors' in prepared)) {
          const operation = getOperationAST(prepared, entry.operationName);
          if (operation) {
            requested = requestedQueryCost({ schema: shopifySchema().schema, operation, fragments: {}, variables: entry.variables ?? {} });
          }
        }
        entry.requestedCost = requested;
        this.answerThrottled(res, entry, token, requested, true);
        return;
      }
      case 'unauthenticated':
        this.send(res, entry, 401, UNAUTHORIZED_BODY);
        return;
      case 'access-denied':
        this.send(res, entry, 200, {
          data: null,
          errors: [
            {
              message: 'Access denied for customers field. Required access: `read_customers` access scope.',
              path: ['customers'],
              extensions: { code: 'ACCESS_DENIED', documentation: 'https://shopify.dev/api/usage/access-scopes' },
            },
          ],
        });
        return;
      case 'invalid-cursor': {
        const after = entry.variables?.['after'];
        this.send(res, entry, 200, {
          data: null,
          errors: [{ message: `Invalid cursor for the current sort: ${typeof after === 'string' ? after : ''}`, path: ['customers'] }],
        });
        return;
      }
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tokenOf(headers: IncomingHttpHeaders): string | null {
  const value = headers['x-shopify-access-token'];
  return typeof value === 'string' && value !== '' ? value : null;
}

function errorCodes(body: unknown): string[] {
  const errors = isObject(body) ? body['errors'] : undefined;
  if (!Array.isArray(errors)) return [];
  return errors
    .map((e) => (isObject(e) && isObject(e['extensions']) ? e['extensions']['code'] : undefined))
    .filter((c): c is string => typeof c === 'string');
}

/** How many objects the connection at `path` (e.g. "/customers") returned, from the response data. */
function returnedAt(data: Record<string, unknown> | null, path: string): number | undefined {
  let node: unknown = data;
  for (const segment of path.split('/').filter(Boolean)) node = isObject(node) ? node[segment] : undefined;
  if (!isObject(node)) return 0;
  const list = Array.isArray(node['nodes']) ? node['nodes'] : Array.isArray(node['edges']) ? node['edges'] : undefined;
  return list?.length;
}

/** Start a fake Shopify on `host:port` (default 127.0.0.1, any free port). */
export async function startFakeShopify(options: FakeShopifyOptions = {}): Promise<FakeShopify> {
  return await new FakeShopifyServer(options).start(options.host, options.port);
}
