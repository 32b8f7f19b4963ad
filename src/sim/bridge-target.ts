import { makeRedactor, secretLeaves, type Redactor } from './redact.js';

/** The bridge endpoint a run talks to, and the credentials it carries. */
export interface BridgeTarget {
  /** The bridge endpoint (http or https). Userinfo in it is sent as HTTP Basic auth and never reported. */
  url: string;
  /** Sent as the request's `auth` object on every page. */
  auth: Record<string, unknown>;
  /** Extra request headers (e.g. a bridge token). Names are case-insensitive and override the defaults. */
  headers?: Record<string, string>;
  /** Sent as `Authorization: Bearer <token>`. */
  bearer?: string;
}

/** Headers that describe the request rather than authenticate it; redacting "application/json" would garble reports. */
const DESCRIPTIVE_HEADERS = new Set(['accept', 'content-type', 'user-agent']);

/**
 * The redactor for everything a run may print. runSync applies it to the messages it builds; a
 * caller printing anything else derived from the run (reports, checkpoints) must apply it too.
 */
export function secretRedactor(options: BridgeTarget): Redactor {
  const secrets = secretLeaves(options.auth);
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (!DESCRIPTIVE_HEADERS.has(name.toLowerCase())) secrets.push(value);
  }
  if (options.bearer) secrets.push(options.bearer);
  const { username, password } = userinfo(options.url);
  if (username) secrets.push(username);
  if (password) secrets.push(password);
  return makeRedactor(secrets);
}

function userinfo(raw: string): { username: string; password: string } {
  try {
    const url = new URL(raw);
    return { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
  } catch {
    return { username: '', password: '' };
  }
}

/** Where to POST and with which headers. Throws a TypeError for a URL that is not http(s). */
export function requestTarget(options: BridgeTarget): { url: string; headers: Record<string, string> } {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new TypeError('runSync: url is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('runSync: url must be http or https');

  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
    'user-agent': 'talkdesk-sync-sim',
  };
  // fetch refuses URLs with credentials; sending them as Basic auth is what curl and browsers do.
  const { username, password } = userinfo(options.url);
  if (username || password) headers['authorization'] = 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64');
  url.username = '';
  url.password = '';
  if (options.bearer) headers['authorization'] = `Bearer ${options.bearer}`;
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  return { url: url.href, headers };
}
