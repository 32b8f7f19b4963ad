import type { Contact_Filter } from '../../generated/salesforce/graphql.js';
import { dateTimeOperand } from './date-time.js';

/*
 * The `where` of one page. Docs: https://developer.salesforce.com/docs/platform/graphql/guide/filter-fields.html
 * and https://developer.salesforce.com/docs/platform/graphql/guide/filter-boolean.html
 * Operands follow Salesforce's own types (graphql/salesforce/schema.graphql): a date-time operand
 * is a `DateTimeInput { value }`, and `IDOperators` has `gt`.
 *
 * `updatedSince` (inclusive: `SystemModstamp gte`) is the run's fixed lower bound, so contacts
 * sharing the checkpoint's second are read again rather than skipped (Airbyte #14732). Each page
 * is a fresh query whose result window starts at its position, so Salesforce's window caps
 * (4,000 records without upperBound, offset cursors) never come into play.
 */

/**
 * A page in the run order: strictly after the position (`after`: the last contact delivered, its
 * second delivered whole up to it), `SystemModstamp > T OR (SystemModstamp = T AND Id > lastId)`,
 * so a contact that became visible meanwhile in that second with a larger Id is read too; and
 * never before the run's lower bound. Undefined when there is nothing to filter (the first page
 * of a full sync).
 */
export function runWhere(updatedSince: number | null, after: { at: number; id: string } | null): Contact_Filter | undefined {
  const parts: Contact_Filter[] = [];
  // A position at or after the lower bound implies it.
  if (updatedSince !== null && (after === null || after.at < updatedSince)) {
    parts.push({ SystemModstamp: { gte: dateTimeOperand(updatedSince) } });
  }
  if (after !== null) {
    parts.push({
      or: [{ SystemModstamp: { gt: dateTimeOperand(after.at) } }, { and: [tieWhere(after.at, null), { Id: { gt: after.id } }] }],
    });
  }
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : { and: parts };
}

/**
 * A page of the walk through one second `at`, by Id, strictly after `afterId` (from the start when
 * null). Moves through any number of contacts sharing a SystemModstamp (a bulk update larger
 * than a page), which advancing on the timestamp alone cannot (Airbyte #14988).
 */
export function tieWhere(at: number, afterId: string | null): Contact_Filter {
  const second: Contact_Filter = { SystemModstamp: { eq: dateTimeOperand(at) } };
  return afterId === null ? second : { and: [second, { Id: { gt: afterId } }] };
}
