/**
 * Checkpoints written by earlier bridges were plain timestamps: ISO 8601
 * (`2024-05-01T10:00:00Z`, `2024-05-01T10:00:00.123+02:00`, `2024-05-01`) or the form of Talkdesk's
 * own documentation example (`2012-12-01 11:21:00 UTC`). They are read as "updated since that
 * instant" so that replacing an old bridge keeps every account's incremental state.
 * A time without a zone is read as UTC, the only zone Talkdesk's examples use.
 * Returns epoch milliseconds, or null when the string is not such a timestamp.
 */
const LEGACY = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i;

export function parseLegacyTimestamp(text: string): number | null {
  const m = LEGACY.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = m;
  const year = Number(y),
    month = Number(mo),
    day = Number(d);
  const hour = Number(h),
    minute = Number(mi),
    second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  let ms = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), Number(frac.padEnd(3, '0').slice(0, 3)));
  // Date.UTC rolls 31 February over into March: refuse dates that do not exist.
  if (new Date(ms).getUTCDate() !== day) return null;
  if (zone && /^[+-]/.test(zone)) {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetMin = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
    if (offsetMin > 18 * 60) return null;
    ms -= sign * offsetMin * 60_000;
  }
  return ms >= 0 ? ms : null;
}
