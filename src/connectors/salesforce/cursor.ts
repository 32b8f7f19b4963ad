/**
 * The connector's own page cursor: where the next page starts. The shared sync code stores it in
 * the offset token and hands it back with the next page.
 *
 * Salesforce's own cursors are not used: they are offsets into one query's result window
 * (`djE6OQ==` is base64("v1:9")), and a window is capped (4,000 records without upperBound), so a
 * sync that chained them would stop short on a large org. A keyset position has no such limit, and
 * stays meaningful when records change between pages.
 *
 * Modes (fetch-contacts-page.ts):
 * - `after` T, Id: the run order (SystemModstamp alone) strictly after the position (T, Id): the
 *   contacts of second T with a larger Id, then later seconds;
 * - `tie` T, Id: inside second T alone, ascending Id, strictly after that Id.
 * Formats `sf2.after.<ms>.<Id>`, `sf2.tie.<ms>.<Id>`: versioned and plain, since the
 * offset token around them is already checksummed. `sf1.<ms>.<Id>`, issued by the version that
 * ordered by (SystemModstamp, Id) in one query, meant "every contact up to that position was
 * delivered": the same as `tie` at that position, and read as such.
 */

export type ContactResume = { mode: 'after' | 'tie'; at: number; id: string };

const TIME = '(0|[1-9]\\d{0,15})';
const ID = '([A-Za-z0-9]{15,18})';
const LEGACY = new RegExp(`^sf1\\.${TIME}\\.${ID}$`);
const AFTER = new RegExp(`^sf2\\.after\\.${TIME}\\.${ID}$`);
const TIE = new RegExp(`^sf2\\.tie\\.${TIME}\\.${ID}$`);
/** The largest time a Date can hold (ms); anything later is not a SystemModstamp. */
const MAX_TIME = 8_640_000_000_000_000;

export function encodeCursor(resume: ContactResume): string {
  return `sf2.${resume.mode}.${resume.at}.${resume.id}`;
}

function time(text: string | undefined): number | null {
  const at = Number(text);
  return Number.isSafeInteger(at) && at <= MAX_TIME ? at : null;
}

/** Where a cursor this connector issued resumes, or null when the text is not one. */
export function decodeCursor(cursor: string): ContactResume | null {
  let match = AFTER.exec(cursor);
  if (match !== null) {
    const at = time(match[1]);
    return at === null ? null : { mode: 'after', at, id: match[2] as string };
  }
  match = TIE.exec(cursor) ?? LEGACY.exec(cursor);
  if (match === null) return null;
  const at = time(match[1]);
  return at === null ? null : { mode: 'tie', at, id: match[2] as string };
}
