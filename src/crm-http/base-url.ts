import { AppError } from '../errors.js';

/**
 * A CRM base URL taken from a request's `auth` fields, normalised: http(s) only, no credentials,
 * query or fragment (they would leak into logs or change what is called), no trailing slash. The
 * guarded CRM fetch still decides whether the host may be reached at all.
 * Throws invalid_auth naming the field.
 */
export function normaliseBaseUrl(raw: string, field: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalidBaseUrl(field);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.search || url.hash) {
    throw invalidBaseUrl(field);
  }
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url.href.replace(/\/+$/, '');
}

function invalidBaseUrl(field: string): AppError {
  return new AppError('invalid_auth', `auth.${field} must be an http(s) URL without credentials, query or fragment.`);
}
