import type { Contact_Filter, IdOperators } from '../../generated/salesforce/graphql.js';
import type { ContactPosition } from './cursor.js';
import { dateTimeOperand } from './date-time.js';

/** (unconfirmed) `IDOperators` has `gt` (SOQL itself accepts `WHERE Id > '…'`). */
export function idAfter(id: string): IdOperators {
  return { gt: id };
}

/**
 * The `where` of one page: the run's lower bound AND "strictly after the last delivered position".
 * Docs: https://developer.salesforce.com/docs/platform/graphql/guide/filter-fields.html and
 * https://developer.salesforce.com/docs/platform/graphql/guide/filter-boolean.html
 *
 * - `updatedSince` (inclusive: `SystemModstamp gte`) is the run's fixed lower bound, so contacts
 *   sharing the checkpoint's second are read again rather than skipped (Airbyte #14732).
 * - `after` is the keyset condition `SystemModstamp > T OR (SystemModstamp = T AND Id > lastId)`:
 *   it moves through any number of contacts sharing one SystemModstamp (a bulk update larger than
 *   a page), which advancing on the timestamp alone cannot (Airbyte #14988).
 * Each page is thus a fresh query whose result window starts at the position, so Salesforce's
 * window caps (4,000 records without upperBound, offset cursors) never come into play.
 *
 * Returns undefined when there is nothing to filter (the first page of a full sync).
 */
export function contactsWhere(updatedSince: number | null, after: ContactPosition | null): Contact_Filter | undefined {
  const parts: Contact_Filter[] = [];
  if (updatedSince !== null) parts.push({ SystemModstamp: { gte: dateTimeOperand(updatedSince) } });
  if (after !== null) {
    parts.push({
      or: [
        { SystemModstamp: { gt: dateTimeOperand(after.updatedAt) } },
        { and: [{ SystemModstamp: { eq: dateTimeOperand(after.updatedAt) } }, { Id: idAfter(after.id) }] },
      ],
    });
  }
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : { and: parts };
}
