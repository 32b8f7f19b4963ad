import type { DateTimeInput } from '../../generated/salesforce/graphql.js';

/**
 * Date-times between the bridge and Salesforce: the operands it writes into a filter and the values
 * it reads back. Docs: https://developer.salesforce.com/docs/platform/graphql/guide/filter-fields.html
 * "(unconfirmed)" marks what no primary source states; the fake Salesforce (fake-crms/salesforce/)
 * implements the same assumptions, so only a real org can confirm them.
 */

/**
 * A date-time operand is wrapped in an input object, `{ gt: { value: "…" } }`: Salesforce's own
 * types say so (`DateTimeOperators` takes `DateTimeInput { value literal range }`, from its
 * shared-schema.graphqls; graphql/salesforce/schema.graphql). The relative `literal`s (TODAY…)
 * and `range`s are not used.
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
