/**
 * UNCONFIRMED: every shape of Salesforce's GraphQL API (UI API) that this connector relies on but
 * that was not seen in a primary source (a Salesforce document or a recorded answer from a real
 * org). They live here, and only here, so that one session against a real org can confirm or
 * correct them in one place; graphql/salesforce/schema.graphql flags the same items. The fake
 * Salesforce (fake-crms/salesforce/) implements the same assumptions, so the test suite cannot
 * confirm them: only a real org can.
 *
 * Docs consulted:
 *   https://developer.salesforce.com/docs/platform/graphql/guide/filter-fields.html
 *   https://developer.salesforce.com/docs/platform/graphql/guide/order-schema.html
 *   https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm
 */
import type { Contact_OrderBy, DateTimeInput, IdOperators } from '../../generated/salesforce/graphql.js';

// ---- filter operands ---------------------------------------------------------------------------

/**
 * (unconfirmed) A date-time operand is wrapped in an input object: `{ gt: { value: "…" } }`
 * rather than `{ gt: "…" }` (crm-apis.md; Salesforce's DateTimeInput also offers relative
 * `literal`s such as TODAY, which we do not use).
 */
export function dateTimeOperand(epochMs: number): DateTimeInput {
  return { value: formatDateTime(epochMs) };
}

/**
 * (unconfirmed) The text of a date-time operand. SOQL's documented dateTime literal is
 * `YYYY-MM-DDThh:mm:ssZ` without fractional seconds, and Salesforce's audit fields carry whole
 * seconds, so whole-second times are written that way; a time with milliseconds (never seen from
 * Salesforce) keeps them rather than being rounded into a different position.
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_dateformats.htm
 */
export function formatDateTime(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return epochMs % 1000 === 0 ? iso.replace(/\.000Z$/, 'Z') : iso;
}

/** (unconfirmed) `IDOperators` has `gt` (SOQL itself accepts `WHERE Id > '…'`). */
export function idAfter(id: string): IdOperators {
  return { gt: id };
}

// ---- ordering ----------------------------------------------------------------------------------

/**
 * (unconfirmed) Several keys of one `Contact_OrderBy` sort in the order the request lists them
 * (SystemModstamp first, then Id), as SOQL's `ORDER BY SystemModstamp, Id` would. The input type
 * is an object, not a list, and GraphQL does not define key order for input objects, so a server
 * could apply its own field order instead. The connector does not trust this blindly: it checks
 * every page is ascending by SystemModstamp and answers 502 otherwise (fetch-contacts-page.ts),
 * so a wrong guess fails loudly instead of losing contacts.
 */
export const CONTACT_ORDER: Contact_OrderBy = { SystemModstamp: { order: 'ASC' }, Id: { order: 'ASC' } };

// ---- answers -----------------------------------------------------------------------------------

/**
 * (unconfirmed) How Salesforce writes a DateTime value. The REST API writes
 * `2024-05-01T10:00:00.000+0000`; GraphQL examples show ISO 8601 with `Z`. Both, with or without
 * fractional seconds, are read; anything else is null (the page is then refused as malformed).
 */
export function parseDateTime(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/.exec(value);
  if (match === null) return null;
  const [, head, fraction = '', zone = 'Z'] = match;
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const ms = Date.parse(`${head}${fraction.slice(0, 4)}${offset}`);
  return Number.isNaN(ms) || ms < 0 ? null : ms;
}

/**
 * Error codes, from the REST API's documented error bodies: `[{ "message", "errorCode" }]`.
 * - INVALID_SESSION_ID with HTTP 401: the access token expired or was revoked (documented).
 * - REQUEST_LIMIT_EXCEEDED with HTTP 403: the org's API request limit is exhausted (documented for
 *   REST). (unconfirmed) that the GraphQL endpoint answers it the same way, or inside a GraphQL
 *   error's message: both are recognised.
 */
export const SESSION_INVALID = 'INVALID_SESSION_ID';
export const REQUEST_LIMIT_EXCEEDED = 'REQUEST_LIMIT_EXCEEDED';

/** A REST-style error body: a non-empty JSON array of `{ errorCode, message }` objects. */
export function restErrorCodes(body: string): string[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length === 0) return null;
  const codes: string[] = [];
  for (const item of parsed as unknown[]) {
    const code = typeof item === 'object' && item !== null ? (item as { errorCode?: unknown }).errorCode : undefined;
    if (typeof code === 'string') codes.push(code);
  }
  return codes.length > 0 ? codes : null;
}
