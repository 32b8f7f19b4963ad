/**
 * Small readers every connector's mapper needs for free-text CRM values. They take `unknown`: the
 * generated GraphQL types are compile-time only, and a CRM answer that breaks them must give a
 * missing value, never an exception that fails a whole page.
 */

import { readUrl } from './simple-http-url.js';

/** Talkdesk requires a non-empty name; used when a record has no name, email or phone. */
export const UNKNOWN_CONTACT_NAME = 'Unknown contact';

/** The trimmed string, or null when the value is not a string or only whitespace. */
export function cleanText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * An absolute http(s) URL with a host, as written (trimmed), or null. For fields Talkdesk loads
 * or shows as a link (`photo_url`): relative paths, other schemes (`data:`, `javascript:`) and
 * text with spaces are dropped rather than passed on.
 */
export function absoluteHttpUrl(value: unknown): string | null {
  const raw = cleanText(value);
  if (raw === null || !/^https?:\/\//i.test(raw) || /\s/.test(raw)) return null;
  return readUrl(raw)?.hostname ? raw : null;
}
