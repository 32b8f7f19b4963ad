/**
 * An HTTP server that answers like a Salesforce org's GraphQL API,
 * `POST /services/data/vXX.0/graphql`, for the test suite.
 *
 * Queries are really parsed, validated and executed with graphql-js against the bridge's
 * hand-written subset schema (graphql/salesforce/schema.graphql), so a selection or variable the
 * schema does not allow fails here as it would on an org (where the real schema is a superset).
 *
 * Answers (crm-apis.md, Salesforce section; REST error bodies as documented at
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm):
 * - missing or unknown access token: HTTP 401 `[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]`;
 * - org API request limit exhausted (`requestLimit`): HTTP 503 `REQUEST_LIMIT_EXCEEDED` in the
 *   same array shape (the shape is the REST API's; the status is the GraphQL API's own: "When you
 *   exceed the rate limit, the endpoint returns a 503 Service Unavailable error code",
 *   https://developer.salesforce.com/docs/platform/graphql/guide/rate-limit.html). The REST API
 *   answers the same code with 403 (errorcodes page above);
 * - unknown path or API version below v56.0 (GraphQL's first): HTTP 404 `NOT_FOUND`;
 * - parse, validation and resolver errors: HTTP 200 with graphql-java style errors,
 *   `extensions.classification` ValidationError / InvalidSyntax / DataFetchingException (the
 *   ErrorType values of https://developer.salesforce.com/docs/platform/graphql/guide/query-status.html);
 *   a failed `Contact` field is null in `data`.
 */

import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';

import {
  buildSchema,
  execute,
  GraphQLError,
  Kind,
  type GraphQLInputObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';

import { projectRoot } from '../../src/project-root.js';
import {
  FakeCrmServer,
  type AnsweredFaultKind,
  type CommonFaultKind,
  type FakeCrm,
  type FaultSpecOf,
  type LoggedRequestBase,
} from '../support/fake-server.js';
import { DocumentCache, scalar, type PreparedDocument } from '../support/graphql-support.js';
import { bearerToken } from '../support/http-support.js';
import {
  contactName,
  encodeCursor,
  findContacts,
  QueryError,
  type ContactFilter,
  type OrderTerm,
  type OrderableField,
} from './query-engine.js';
import { SalesforceStore, type ContactRecord, type SalesforceStoreOptions } from './store.js';
import { ApiAllowance, subqueryCount } from './api-allowance.js';

// ---- public types ------------------------------------------------------------------------------

export type FaultKind = CommonFaultKind | 'graphql-error' | 'request-limit' | 'invalid-session';

export type FaultSpec = FaultSpecOf<FaultKind>;

/**
 * How several keys of one `Contact_OrderBy` take precedence.
 * - 'schema': in the order the schema declares the input type's fields (the pinned schema lists
 *   them alphabetically, Id before SystemModstamp, as Salesforce's generated types do). This is
 *   what Salesforce's server, graphql-java, does: it coerces an input object by walking the type's
 *   field definitions, so the key order of the request is gone before the query is built
 *   (graphql-java `ValuesResolver`; crm-apis.md, "Checked against primary sources").
 * - 'request': in the order the request wrote the keys (a SOQL-like reading). No Salesforce source
 *   says so; kept so that tests show the connector does not depend on either.
 */
export type OrderByKeyOrder = 'schema' | 'request';

export interface FakeSalesforceRuntimeOptions {
  /** Precedence of several orderBy keys. Default 'schema' (graphql-java's). */
  orderByKeyOrder: OrderByKeyOrder;
  /** Accepted `Authorization: Bearer` access tokens. Default ['00Dfake!demo-access-token']. */
  accessTokens: string[];
  /**
   * The org's API request allowance (api-allowance.ts: each subquery counts one): once used up,
   * every further request is REQUEST_LIMIT_EXCEEDED. Answers then carry Sforce-Limit-Info.
   * Null = no limit (and no header).
   */
  requestLimit: number | null;
  /** Keep at most this many entries in `requests`. Default 10,000. */
  maxLoggedRequests: number;
}

export interface FakeSalesforceOptions extends Partial<FakeSalesforceRuntimeOptions> {
  host?: string;
  port?: number;
  store?: SalesforceStore;
  storeOptions?: SalesforceStoreOptions;
}

export type LoggedRequest = LoggedRequestBase<FaultKind>;

export interface FakeSalesforce extends FakeCrm<FaultKind, FakeSalesforceRuntimeOptions, LoggedRequest> {
  /** The instance URL, e.g. http://127.0.0.1:54321 (what OAuth would return as instance_url). */
  readonly url: string;
  readonly store: SalesforceStore;
  /** Contact queries answered, by the `first`, `after`, `upperBound` and `where` they used. */
  contactQueries(): Array<ContactQueryLog>;
  /** Requests counted against the allowance so far, and the allowance; null without `requestLimit`. */
  apiUsage(): { used: number; limit: number } | null;
}

/** GraphQL is available from API v56.0. */
const MIN_API_VERSION = 56;

// ---- schema ------------------------------------------------------------------------------------

let cachedSchema: GraphQLSchema | null = null;

function loadSchema(): GraphQLSchema {
  if (cachedSchema !== null) return cachedSchema;
  const schema = buildSchema(readFileSync(join(projectRoot, 'graphql', 'salesforce', 'schema.graphql'), 'utf8'));
  const dateTime = scalar(schema, 'DateTime', 'schema.graphql');
  const parseDate = (value: unknown): string => {
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
      throw new GraphQLError(`Invalid DateTime value: ${JSON.stringify(value)}`);
    }
    return value;
  };
  dateTime.parseValue = parseDate;
  dateTime.parseLiteral = (ast: ValueNode) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined);
  // (unconfirmed) GraphQL serves date-times as ISO 8601 UTC with milliseconds.
  dateTime.serialize = (value: unknown) => (typeof value === 'number' ? new Date(value).toISOString() : value);
  cachedSchema = schema;
  return schema;
}

const documents = new DocumentCache();

function prepare(query: string): PreparedDocument {
  return documents.prepare(loadSchema(), query);
}

/** graphql-java's classification of a document that failed parsing or validation. */
function documentClassification(failedAt: 'parse' | 'validation'): string {
  return failedAt === 'parse' ? 'InvalidSyntax' : 'ValidationError';
}

// ---- resolvers ---------------------------------------------------------------------------------

/** One `Contact` query as the fake received it; `key` is its response key (the alias, if any). */
export interface ContactQueryLog {
  key: string;
  first: number | null;
  after: string | null;
  upperBound: number | null;
  where: unknown;
}

interface ResolverContext {
  store: SalesforceStore;
  orderByKeyOrder: OrderByKeyOrder;
  /** The request's raw variables: the orderBy key order is read from them. */
  rawVariables: Record<string, unknown>;
  onContactQuery(args: ContactQueryLog): void;
}

const wrap = (value: unknown): { value: unknown; displayValue: null } => ({ value, displayValue: null });

function contactNode(store: SalesforceStore, c: Readonly<ContactRecord>): Record<string, unknown> {
  return {
    Id: c.Id,
    Name: wrap(contactName(c)),
    FirstName: wrap(c.FirstName),
    LastName: wrap(c.LastName),
    Title: wrap(c.Title),
    Email: wrap(c.Email),
    Phone: wrap(c.Phone),
    MobilePhone: wrap(c.MobilePhone),
    HomePhone: wrap(c.HomePhone),
    OtherPhone: wrap(c.OtherPhone),
    PhotoUrl: wrap(c.PhotoUrl),
    MailingStreet: wrap(c.MailingStreet),
    MailingCity: wrap(c.MailingCity),
    MailingState: wrap(c.MailingState),
    MailingPostalCode: wrap(c.MailingPostalCode),
    MailingCountry: wrap(c.MailingCountry),
    AccountId: wrap(c.AccountId),
    Account: () => {
      const account = c.AccountId === null ? undefined : store.accountView(c.AccountId);
      return account === undefined ? null : { Id: account.Id, Name: wrap(account.Name), Website: wrap(account.Website) };
    },
    CreatedDate: wrap(c.CreatedDate),
    LastModifiedDate: wrap(c.LastModifiedDate),
    SystemModstamp: wrap(c.SystemModstamp),
  };
}

/**
 * The orderBy terms by precedence. graphql-js, like graphql-java, coerces an input object in the
 * schema's field order; in 'request' mode the keys are read again from the raw variable or the
 * literal in the document, which still have the request's order.
 */
function orderTerms(
  coerced: Record<string, { order?: string; nulls?: string } | null> | undefined,
  info: GraphQLResolveInfo,
  ctx: ResolverContext,
): OrderTerm[] {
  if (!coerced) return [];
  const declared = Object.keys((info.schema.getType('Contact_OrderBy') as GraphQLInputObjectType).getFields());
  let keys: string[] = declared.filter((k) => k in coerced);
  if (ctx.orderByKeyOrder === 'request') {
    const argument = info.fieldNodes[0]?.arguments?.find((a) => a.name.value === 'orderBy');
    if (argument?.value.kind === Kind.VARIABLE) {
      const value = ctx.rawVariables[argument.value.name.value];
      if (typeof value === 'object' && value !== null) keys = Object.keys(value);
    } else if (argument?.value.kind === Kind.OBJECT) {
      keys = argument.value.fields.map((f) => f.name.value);
    }
  }
  const terms: OrderTerm[] = [];
  for (const key of keys) {
    const clause = coerced[key];
    if (!clause) continue;
    terms.push({
      field: key as OrderableField,
      order: clause.order === 'DESC' ? 'DESC' : 'ASC',
      nulls: clause.nulls === 'LAST' ? 'LAST' : 'FIRST',
    });
  }
  return terms;
}

interface ContactArgs {
  first?: number | null;
  after?: string | null;
  where?: ContactFilter | null;
  orderBy?: Record<string, { order?: string; nulls?: string } | null>;
  upperBound?: number | null;
}

const rootValue = {
  uiapi: () => ({
    query: () => ({
      Contact(args: ContactArgs, ctx: ResolverContext, info: GraphQLResolveInfo): Record<string, unknown> {
        ctx.onContactQuery({
          key: String(info.path.key),
          first: args.first ?? null,
          after: args.after ?? null,
          upperBound: args.upperBound ?? null,
          where: args.where ?? null,
        });
        const result = findContacts(ctx.store.contactsView(), {
          first: args.first ?? null,
          after: args.after ?? null,
          where: args.where ?? null,
          orderBy: orderTerms(args.orderBy, info, ctx),
          upperBound: args.upperBound ?? null,
        });
        const cursorAt = (i: number): string => encodeCursor(result.offset + i);
        const n = result.records.length;
        return {
          edges: result.records.map((record, i) => ({ node: contactNode(ctx.store, record), cursor: cursorAt(i) })),
          pageInfo: {
            hasNextPage: result.hasNextPage,
            hasPreviousPage: result.hasPreviousPage,
            startCursor: n === 0 ? null : cursorAt(0),
            endCursor: n === 0 ? null : cursorAt(n - 1),
          },
          totalCount: result.totalCount,
          pageResultCount: n,
        };
      },
    }),
  }),
};

// ---- responses ---------------------------------------------------------------------------------

const JSON_TYPE = 'application/json;charset=UTF-8';
const HTML_TYPE = 'text/html;charset=UTF-8';

const restError = (errorCode: string, message: string): Array<{ message: string; errorCode: string }> => [{ message, errorCode }];

function graphqlError(error: GraphQLError, classification: string): Record<string, unknown> {
  const json = error.toJSON();
  return { message: json.message, locations: json.locations ?? [], path: json.path ?? null, extensions: { classification } };
}

const DEFAULT_OPTIONS: FakeSalesforceRuntimeOptions = {
  orderByKeyOrder: 'schema',
  accessTokens: ['00Dfake!demo-access-token'],
  requestLimit: null,
  maxLoggedRequests: 10_000,
};

function pickOptions(options: Partial<FakeSalesforceRuntimeOptions>): Partial<FakeSalesforceRuntimeOptions> {
  const out: Partial<FakeSalesforceRuntimeOptions> = {};
  if (options.orderByKeyOrder !== undefined) out.orderByKeyOrder = options.orderByKeyOrder;
  if (options.accessTokens !== undefined) out.accessTokens = [...options.accessTokens];
  if (options.requestLimit !== undefined) out.requestLimit = options.requestLimit;
  if (options.maxLoggedRequests !== undefined) out.maxLoggedRequests = options.maxLoggedRequests;
  return out;
}

// ---- the server --------------------------------------------------------------------------------

class FakeSalesforceServer extends FakeCrmServer<FaultKind, FakeSalesforceRuntimeOptions, LoggedRequest> implements FakeSalesforce {
  readonly store: SalesforceStore;
  private readonly queries: Array<ContactQueryLog> = [];
  private allowance: ApiAllowance | null = null;

  constructor(options: FakeSalesforceOptions) {
    super({ ...DEFAULT_OPTIONS, ...pickOptions(options) }, { json: JSON_TYPE, html: HTML_TYPE });
    this.store = options.store ?? new SalesforceStore(options.storeOptions);
    if (this.current.requestLimit !== null) this.allowance = new ApiAllowance(this.current.requestLimit);
    loadSchema();
  }

  override resetRequests(): void {
    super.resetRequests();
    this.queries.length = 0;
  }

  setOptions(partial: Partial<FakeSalesforceRuntimeOptions>): void {
    this.current = { ...this.current, ...pickOptions(partial) };
    if ('requestLimit' in partial) this.allowance = this.current.requestLimit === null ? null : new ApiAllowance(this.current.requestLimit);
  }

  apiUsage(): { used: number; limit: number } | null {
    return this.allowance === null ? null : { used: this.allowance.used, limit: this.allowance.limit };
  }

  contactQueries(): Array<ContactQueryLog> {
    return [...this.queries];
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const entry: LoggedRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      query: null,
      variables: null,
      status: null,
      fault: null,
    };
    const received = await this.receive(req, res, entry);
    if (received === null) return;
    const { body } = received;
    if (await this.playFault(received.fault, req, res, entry)) return;

    const pathname = entry.path.split('?')[0] ?? '';
    const version = /^\/services\/data\/v(\d+)\.0\/graphql\/?$/.exec(pathname);
    if (version === null || Number(version[1]) < MIN_API_VERSION) {
      this.send(res, entry, 404, restError('NOT_FOUND', 'The requested resource does not exist'));
      return;
    }
    if (entry.method !== 'POST') {
      this.send(res, entry, 405, restError('METHOD_NOT_ALLOWED', `HTTP Method '${entry.method}' not allowed. Allowed are POST`));
      return;
    }
    const token = bearerToken(req.headers.authorization);
    if (token === null || !this.current.accessTokens.includes(token)) {
      this.send(res, entry, 401, restError('INVALID_SESSION_ID', 'Session expired or invalid'));
      return;
    }
    const allowance = this.allowance;
    if (allowance !== null) {
      const exhausted = allowance.exhausted();
      if (!exhausted) allowance.charge(subqueryCount(entry.query));
      res.setHeader('Sforce-Limit-Info', allowance.header());
      if (exhausted) {
        // HTTP 503 from the GraphQL endpoint, as Salesforce's API request limits page says (REST uses 403):
        // https://developer.salesforce.com/docs/platform/graphql/guide/rate-limit.html
        this.send(res, entry, 503, restError('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'));
        return;
      }
    }

    if (body === null || entry.query === null) {
      this.send(res, entry, 400, restError('JSON_PARSER_ERROR', 'The request body must be a JSON object with a query string.'));
      return;
    }
    const prepared = prepare(entry.query);
    if ('errors' in prepared) {
      const classification = documentClassification(prepared.failedAt);
      this.send(res, entry, 200, { errors: prepared.errors.map((e) => graphqlError(e, classification)) });
      return;
    }
    const context: ResolverContext = {
      store: this.store,
      orderByKeyOrder: this.current.orderByKeyOrder,
      rawVariables: entry.variables ?? {},
      onContactQuery: (args) => this.queries.push(args),
    };
    const result = await execute({
      schema: loadSchema(),
      document: prepared,
      rootValue,
      contextValue: context,
      variableValues: entry.variables,
    });
    if (!('data' in result) || result.data === undefined) {
      this.send(res, entry, 200, { errors: (result.errors ?? []).map((e) => graphqlError(e, 'ValidationError')) });
      return;
    }
    const out: Record<string, unknown> = { data: result.data };
    if (result.errors !== undefined && result.errors.length > 0) {
      out['errors'] = result.errors.map((e) =>
        graphqlError(e, e.originalError instanceof QueryError ? 'DataFetchingException' : 'ExecutionAborted'),
      );
    }
    this.send(res, entry, 200, out);
  }

  protected bodyUnreadable(res: ServerResponse, entry: LoggedRequest): void {
    this.send(res, entry, 413, restError('REQUEST_ENTITY_TOO_LARGE', 'Request body too large'));
  }

  protected unexpectedErrorBody(message: string): unknown {
    return restError('UNKNOWN_EXCEPTION', message);
  }

  protected answerFault(kind: AnsweredFaultKind<FaultKind>, req: IncomingMessage, res: ServerResponse, entry: LoggedRequest): void {
    switch (kind) {
      case 'http500':
        this.send(
          res,
          entry,
          500,
          restError(
            'UNKNOWN_EXCEPTION',
            'An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-123456789)',
          ),
        );
        return;
      case 'http503':
        this.send(
          res,
          entry,
          503,
          '<html><body><h1>Service Unavailable</h1><p>The server is temporarily unable to service your request.</p></body></html>',
        );
        return;
      case 'not-json':
        this.send(res, entry, 200, '<!DOCTYPE html><html><body>Salesforce is down for maintenance</body></html>');
        return;
      case 'bad-shape':
        this.send(res, entry, 200, { data: { uiapi: { query: { Contact: { edges: 'nope' } } } } });
        return;
      case 'graphql-error':
        this.send(res, entry, 200, {
          data: { uiapi: { query: { Contact: null } } },
          errors: [
            {
              message: 'An internal server error occurred',
              locations: [],
              path: ['uiapi', 'query', 'Contact'],
              extensions: { classification: 'DataFetchingException' },
            },
          ],
        });
        return;
      case 'request-limit':
        this.send(res, entry, 503, restError('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'));
        return;
      case 'invalid-session':
        this.send(res, entry, 401, restError('INVALID_SESSION_ID', 'Session expired or invalid'));
        return;
    }
  }
}

/** Start a fake Salesforce org on `host:port` (default 127.0.0.1, any free port). */
export async function startFakeSalesforce(options: FakeSalesforceOptions = {}): Promise<FakeSalesforce> {
  return await new FakeSalesforceServer(options).start(options.host, options.port);
}
