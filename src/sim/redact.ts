/**
 * Credentials reach the simulator through --auth, --header, --bearer and the URL's userinfo, and a
 * misbehaving bridge may echo them back in an error body or a checkpoint. Everything the simulator
 * prints goes through one redactor built from those values, so no code path has to remember.
 */
export type Redactor = (text: string) => string;

export const REDACTED = '[redacted]';

/**
 * Values shorter than this are not treated as secrets: replacing every "1" or "ab" in a report would
 * make it unreadable, and a credential that short protects nothing anyway.
 */
const MIN_SECRET_LENGTH = 4;

/** Every string or number leaf of an auth object (auth fields may be nested JSON from --auth-file). */
export function secretLeaves(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (typeof value === 'number' || typeof value === 'bigint') into.push(String(value));
  else if (Array.isArray(value)) for (const v of value) secretLeaves(v, into);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) secretLeaves(v, into);
  return into;
}

export function makeRedactor(secrets: Iterable<string>): Redactor {
  const variants = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    variants.add(secret);
    // The same value shows up escaped inside JSON text and percent-encoded inside URLs.
    variants.add(JSON.stringify(secret).slice(1, -1));
    variants.add(encodeURIComponent(secret));
  }
  // Longest first, so a secret containing another secret is replaced whole.
  const ordered = [...variants].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const v of ordered) if (out.includes(v)) out = out.split(v).join(REDACTED);
    return out;
  };
}

/** Query parameters whose names suggest a credential; their values are hidden in displayed URLs. */
const SECRET_QUERY_NAME = /token|key|secret|pass|auth|sig|credential|session/i;

/**
 * The bridge URL as shown in reports: no userinfo, and no values of credential-like query
 * parameters. Only for display; requests use the real URL.
 */
export function displayUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return '(invalid URL)';
  }
  url.username = '';
  url.password = '';
  for (const name of new Set(url.searchParams.keys())) {
    if (SECRET_QUERY_NAME.test(name)) url.searchParams.set(name, '***');
  }
  return url.href;
}
