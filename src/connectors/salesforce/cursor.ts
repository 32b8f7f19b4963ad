/**
 * The connector's own page cursor: the (SystemModstamp, Id) of the last contact delivered. The
 * shared sync code stores it in the offset token and hands it back with the next page, which then
 * starts strictly after that position (where-clause.ts).
 *
 * Salesforce's own cursors are not used: they are offsets into one query's result window
 * (`djE6OQ==` is base64("v1:9")), and a window is capped (4,000 records without upperBound), so a
 * sync that chained them would stop short on a large org. A keyset position has no such limit, and
 * stays meaningful when records change between pages.
 *
 * Format `sf1.<epoch ms>.<Id>`: versioned so that a later format can be told apart, and plain,
 * since the offset token around it is already checksummed.
 */

export interface ContactPosition {
  /** SystemModstamp, epoch ms. */
  updatedAt: number;
  /** The contact's Id: 15 or 18 characters, [A-Za-z0-9]. */
  id: string;
}

const PREFIX = 'sf1';
const FORMAT = /^sf1\.(0|[1-9]\d{0,15})\.([A-Za-z0-9]{15,18})$/;
/** The largest time a Date can hold (ms); anything later is not a SystemModstamp. */
const MAX_TIME = 8_640_000_000_000_000;

export function encodeCursor(position: ContactPosition): string {
  return `${PREFIX}.${position.updatedAt}.${position.id}`;
}

/** The position in a cursor this connector issued, or null when the text is not one. */
export function decodeCursor(cursor: string): ContactPosition | null {
  const match = FORMAT.exec(cursor);
  if (match === null) return null;
  const updatedAt = Number(match[1]);
  if (!Number.isSafeInteger(updatedAt) || updatedAt > MAX_TIME) return null;
  return { updatedAt, id: match[2] as string };
}
