import { createHash } from 'node:crypto';
import { print } from 'graphql';
import type { CrmDeps } from '../../crm-http/graphql-call.js';
import { TwentySchemaShapeDocument } from '../../generated/twenty/graphql.js';
import type { CallContext } from '../connector.js';
import { twentyEndpoints, type TwentyAuth } from './auth.js';
import { twentyCall } from './client.js';
import { TwentySelectionRejected } from './errors.js';

/**
 * What the bridge knows about one Twenty workspace's GraphQL schema, from a one-time look at it
 * (the TwentySchemaShape introspection query, graphql/twenty/operations.graphql).
 *
 * - `additional`: how the page operation selects the additional emails and phones. Two
 *   generations are live (docs/crm-twenty.md): the v0.53 line types both
 *   as the `RawJSONScalar` ('raw-json'); current servers type them `[String!]` and
 *   `[AdditionalPhone!]` ('typed', twentyhq/twenty, packages/twenty-server/src/engine/api/graphql/
 *   workspace-schema-builder/utils/get-composite-sub-field-gql-types.util.ts). A server of any
 *   other shape gets the primary email and phone only ('primary-only'), never an error.
 * - `missingPersonFields`: optional Person fields of the shared selection the server does not
 *   serve (newer servers move the picture from `avatarUrl` to a file field); they are left out
 *   of the document, and the contact's value is null.
 * - `pageSize`: the page size used when PAGE_SIZE is not configured, the largest each
 *   generation is known to accept: `first` is capped at 60 on v0.53 (QUERY_MAX_RECORDS = 60);
 *   current servers allow 200 (QUERY_MAX_RECORDS = 200; some versions 10,000). 200 people with
 *   their company are a few hundred kB, well inside CRM_TIMEOUT_MS. A server that refuses it
 *   names its maximum, which is then remembered (`learnPageCap`).
 */
export interface ServerShape {
  readonly additional: 'typed' | 'raw-json' | 'primary-only';
  readonly missingPersonFields: readonly OptionalPersonField[];
  readonly pageSize: number;
  /** The largest `first` the server said it accepts, once it refused a larger one. */
  pageCap: number | null;
}

/** The Person fields of the shared selection (person-core.graphql) a server may not serve. */
export const OPTIONAL_PERSON_FIELDS = ['avatarUrl', 'jobTitle', 'city', 'linkedinLink', 'xLink', 'company'] as const;
export type OptionalPersonField = (typeof OPTIONAL_PERSON_FIELDS)[number];

export const V053_PAGE_SIZE = 60;
export const CURRENT_PAGE_SIZE = 200;

const SHAPE_QUERY = print(TwentySchemaShapeDocument);

/** A server's schema changes when it is upgraded: looked at again after this long. */
const SHAPE_TTL_MS = 60 * 60 * 1000;
/** Distinct workspaces remembered; the oldest is forgotten first (it only costs one more look). */
const MAX_SHAPES = 1000;

interface Entry {
  shape: Promise<ServerShape>;
  at: number;
}

/** Reports a server of a shape this bridge does not know (once per server and workspace). */
export type UnknownShapeReporter = (details: { host: string; reason: string }) => void;

/**
 * Shapes by GraphQL URL and workspace. Twenty builds the schema per workspace from its metadata,
 * so one host (Twenty Cloud serves every workspace at api.twenty.com) can serve several shapes:
 * the key is the URL plus a digest of the API key (the key itself is never kept).
 */
export class ServerShapes {
  private readonly entries = new Map<string, Entry>();
  private readonly reported = new Set<string>();

  constructor(
    private readonly deps: CrmDeps,
    private readonly reportUnknown: UnknownShapeReporter,
    private readonly now: () => number = Date.now,
  ) {}

  /** The shape of the workspace behind `auth`, looked at once and cached. */
  shapeOf(auth: TwentyAuth, call: CallContext): Promise<ServerShape> {
    const key = shapeKey(auth);
    const entry = this.entries.get(key);
    if (entry !== undefined && this.now() - entry.at < SHAPE_TTL_MS) return entry.shape;
    if (entry !== undefined) this.entries.delete(key);
    while (this.entries.size >= MAX_SHAPES) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    const shape = this.look(auth, call, key);
    this.entries.set(key, { shape, at: this.now() });
    // A failed look (throttled, unauthorised, timed out) is not remembered.
    shape.catch(() => {
      if (this.entries.get(key)?.shape === shape) this.entries.delete(key);
    });
    return shape;
  }

  /** Forget what is known about this workspace (its server rejected a selection chosen from it). */
  forget(auth: TwentyAuth): void {
    this.entries.delete(shapeKey(auth));
  }

  /**
   * The server refused the selection chosen from a fresh look too: from now on (until the shape
   * is looked at again) it gets the primary email and phone and none of the optional fields.
   */
  fallBack(auth: TwentyAuth, reason: string): ServerShape {
    const key = shapeKey(auth);
    const shape: ServerShape = {
      additional: 'primary-only',
      missingPersonFields: OPTIONAL_PERSON_FIELDS,
      pageSize: V053_PAGE_SIZE,
      pageCap: null,
    };
    this.entries.set(key, { shape: Promise.resolve(shape), at: this.now() });
    this.report(key, auth, `the server refused the selection its schema describes (${reason.slice(0, 200)})`);
    return shape;
  }

  private report(key: string, auth: TwentyAuth, reason: string): void {
    if (this.reported.has(key)) return;
    if (this.reported.size >= MAX_SHAPES) this.reported.clear();
    this.reported.add(key);
    // The host only: the URL has no credentials (base-url.ts), the key is never passed here.
    this.reportUnknown({ host: new URL(twentyEndpoints(auth).graphqlUrl).host, reason });
  }

  private async look(auth: TwentyAuth, call: CallContext, key: string): Promise<ServerShape> {
    let data: unknown;
    try {
      data = await twentyCall<unknown>(this.deps, auth, SHAPE_QUERY, {}, call);
    } catch (err) {
      // Introspection refused (Twenty only refuses it to unauthenticated callers, but a proxy or
      // a server setting may): nothing is known, which is the unknown shape.
      if (!(err instanceof TwentySelectionRejected)) throw err;
      this.report(key, auth, `introspection refused (${err.message.slice(0, 200)})`);
      return shapeFromIntrospection(null);
    }
    const shape = shapeFromIntrospection(data);
    if (shape.additional === 'primary-only') this.report(key, auth, unknownReason(data));
    return shape;
  }
}

function shapeKey(auth: TwentyAuth): string {
  const digest = createHash('sha256').update(auth.api_key).digest('base64url').slice(0, 22);
  return `${twentyEndpoints(auth).graphqlUrl}\u0000${digest}`;
}

interface TypeRef {
  kind?: unknown;
  name?: unknown;
  ofType?: unknown;
}

/** The named type under any NON_NULL / LIST wrappers, and whether a LIST was among them. */
function unwrap(type: unknown): { kind: unknown; name: unknown; list: boolean } | null {
  let list = false;
  let t = type as TypeRef | null | undefined;
  for (let depth = 0; depth < 4 && t && typeof t === 'object'; depth++) {
    if (t.kind === 'LIST') list = true;
    if (t.kind !== 'LIST' && t.kind !== 'NON_NULL') return { kind: t.kind, name: t.name, list };
    t = t.ofType as TypeRef | null | undefined;
  }
  return null;
}

function fieldType(group: unknown, field: string): ReturnType<typeof unwrap> {
  const fields = (group as { fields?: unknown } | null | undefined)?.fields;
  if (!Array.isArray(fields)) return null;
  const found = fields.find((f) => (f as { name?: unknown } | null)?.name === field) as { type?: unknown } | undefined;
  return found === undefined ? null : unwrap(found.type);
}

type Generation = 'typed' | 'raw-json' | null;

function emailsGeneration(emails: unknown): Generation {
  const t = fieldType(emails, 'additionalEmails');
  if (t === null) return null;
  if (!t.list && t.kind === 'SCALAR' && t.name === 'RawJSONScalar') return 'raw-json';
  if (t.list && t.kind === 'SCALAR' && t.name === 'String') return 'typed';
  return null;
}

function phonesGeneration(phones: unknown): Generation {
  const t = fieldType(phones, 'additionalPhones');
  if (t === null) return null;
  if (!t.list && t.kind === 'SCALAR' && t.name === 'RawJSONScalar') return 'raw-json';
  // The object's sub-fields (number, countryCode, callingCode) are selected by name: a server
  // without them rejects the selection, and the connector then looks again (fetch-people-page.ts).
  if (t.list && t.kind === 'OBJECT') return 'typed';
  return null;
}

/** The shape an introspection answer describes; anything unexpected gives 'primary-only'. */
export function shapeFromIntrospection(data: unknown): ServerShape {
  const answer = (data ?? {}) as { emails?: unknown; phones?: unknown; person?: unknown };
  const emails = emailsGeneration(answer.emails);
  const phones = phonesGeneration(answer.phones);
  const additional = emails !== null && emails === phones ? emails : 'primary-only';
  const personFields = (answer.person as { fields?: unknown } | null | undefined)?.fields;
  const served = new Set(Array.isArray(personFields) ? personFields.map((f) => (f as { name?: unknown } | null)?.name) : []);
  // Without a Person type in the answer there is nothing to go on: keep the whole selection.
  const missingPersonFields = served.size === 0 ? [] : OPTIONAL_PERSON_FIELDS.filter((f) => !served.has(f));
  return { additional, missingPersonFields, pageSize: additional === 'typed' ? CURRENT_PAGE_SIZE : V053_PAGE_SIZE, pageCap: null };
}

function describeType(t: ReturnType<typeof unwrap>): string {
  if (t === null) return 'absent';
  return `${t.list ? 'list of ' : ''}${String(t.kind)} ${String(t.name)}`.slice(0, 80);
}

function unknownReason(data: unknown): string {
  const answer = (data ?? {}) as { emails?: unknown; phones?: unknown };
  return (
    `Emails.additionalEmails is ${describeType(fieldType(answer.emails, 'additionalEmails'))}, ` +
    `Phones.additionalPhones is ${describeType(fieldType(answer.phones, 'additionalPhones'))}`
  );
}
