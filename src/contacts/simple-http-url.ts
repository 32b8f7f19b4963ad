/**
 * The parts of an http(s) URL the contact mappers read (hostname, pathname, href), for the common
 * simple spelling only, read by one scan instead of the WHATWG URL parser: `new URL` was the
 * largest single cost of a Twenty contact (issue 17; about 150 ns per call, up to five per person).
 *
 * "Simple" is a spelling on which the WHATWG URL Standard (https://url.spec.whatwg.org/, "basic
 * URL parser") takes no branch that changes, validates or rejects anything:
 * - scheme `http` or `https` in any case, then exactly `://` (extra slashes or backslashes are
 *   skipped by the parser: not simple);
 * - a host of dot-separated ASCII letter/digit/hyphen labels, none empty, none starting `xn--`
 *   (punycode is decoded and checked by domain-to-ASCII), the last starting with a letter (a last
 *   label that is a number makes the host an IPv4 address); no userinfo, no port. Domain-to-ASCII
 *   (UTS #46 with UseSTD3ASCIIRules, CheckHyphens and VerifyDnsLength off) only lower-cases such a host;
 * - an optional path of characters outside the path percent-encode set and without `%`, `\` or a
 *   `.` / `..` segment (those are resolved), then an optional query of characters outside the
 *   special-query percent-encode set; no fragment.
 * For anything else the answer is undefined and the caller asks `new URL`. The property test
 * test/property/simple-http-url.test.ts checks every answer against `new URL` on generated URLs,
 * odd ones included (unicode, IDN, ports, percent-escapes, `@`, backslashes, dot segments, IPv4).
 */

export interface SimpleHttpUrl {
  /** As `URL.hostname`: the host lower-cased. */
  hostname: string;
  /** As `URL.pathname`: `/` when the text has no path. */
  pathname: string;
  /** As `URL.href`. */
  href: string;
}

/** ASCII characters a simple path may hold: outside the path percent-encode set, not `%` or `\\`. */
const PATH_CHARS = charTable("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/");
/** ASCII characters a simple query may hold: outside the special-query percent-encode set, not `%` or `#`. */
const QUERY_CHARS = charTable('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&()*+,;=:@/?');

function charTable(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}

const SLASH = 0x2f;
const DOT = 0x2e;
const QUESTION = 0x3f;

const isLetter = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** The code unit at `i` lower-cased when it is an ASCII capital, else unchanged. */
function lower(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
}

/** What `new URL(text)` would answer for `text` when it is a simple http(s) URL; else undefined. */
export function parseSimpleHttpUrl(text: string): SimpleHttpUrl | undefined {
  const n = text.length;
  // Scheme: "http" or "https" in any case, then "://".
  if (lower(text, 0) !== 0x68 || lower(text, 1) !== 0x74 || lower(text, 2) !== 0x74 || lower(text, 3) !== 0x70) return undefined;
  const secure = lower(text, 4) === 0x73;
  let i = secure ? 5 : 4;
  if (text.charCodeAt(i) !== 0x3a || text.charCodeAt(i + 1) !== SLASH || text.charCodeAt(i + 2) !== SLASH) return undefined;
  i += 3;
  let lowerCase = text.charCodeAt(0) === 0x68 && text.charCodeAt(1) === 0x74 && text.charCodeAt(2) === 0x74 && text.charCodeAt(3) === 0x70;
  if (secure && text.charCodeAt(4) !== 0x73) lowerCase = false;

  // Host: LDH labels, none empty, none "xn--", the last starting with a letter.
  const hostStart = i;
  let labelStart = i;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === DOT) {
      if (i === labelStart || isPunycodeLabel(text, labelStart, i)) return undefined;
      labelStart = i + 1;
    } else if (c === SLASH || c === QUESTION) {
      break;
    } else if (c >= 0x41 && c <= 0x5a) {
      lowerCase = false;
    } else if (!(isLetter(c) || isDigit(c) || c === 0x2d)) {
      return undefined;
    }
  }
  if (i === labelStart || !isLetter(text.charCodeAt(labelStart)) || isPunycodeLabel(text, labelStart, i)) return undefined;
  const hostEnd = i;

  // Path: allowed characters, no "." or ".." segment.
  const pathStart = i;
  if (i < n && text.charCodeAt(i) === SLASH) {
    let segmentStart = i + 1;
    for (i++; i <= n; i++) {
      const c = i < n ? text.charCodeAt(i) : SLASH;
      if (c === SLASH || c === QUESTION) {
        const length = i - segmentStart;
        if ((length === 1 || length === 2) && text.charCodeAt(segmentStart) === DOT && text.charCodeAt(i - 1) === DOT) return undefined;
        if (c === QUESTION) break;
        segmentStart = i + 1;
      } else if (c >= 128 || PATH_CHARS[c] !== 1) {
        return undefined;
      }
    }
    if (i > n) i = n;
  }
  const pathEnd = i;

  // Query: allowed characters to the end (no fragment).
  for (let q = i + 1; q < n; q++) {
    const c = text.charCodeAt(q);
    if (c >= 128 || QUERY_CHARS[c] !== 1) return undefined;
  }

  const host = text.slice(hostStart, hostEnd);
  const hostname = lowerCase ? host : host.toLowerCase();
  const pathname = pathStart === pathEnd ? '/' : text.slice(pathStart, pathEnd);
  const href = lowerCase && pathStart !== pathEnd ? text : `${secure ? 'https' : 'http'}://${hostname}${pathname}${text.slice(pathEnd)}`;
  return { hostname, pathname, href };
}

/** The parts of an absolute URL the mappers read; `hash` is empty for a simple URL. */
export interface UrlParts {
  hostname: string;
  pathname: string;
  href: string;
  hash: string;
}

/**
 * `text` as an absolute URL: read by the fast path when it is simple, else by the WHATWG parser
 * (`new URL`); null when the URL Standard refuses it. The one place the mappers parse a URL.
 */
export function readUrl(text: string): UrlParts | null {
  const simple = parseSimpleHttpUrl(text);
  if (simple !== undefined) return { hostname: simple.hostname, pathname: simple.pathname, href: simple.href, hash: '' };
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** Whether text[start, end) starts with "xn--" in any case (punycode: decoded and checked by the parser). */
function isPunycodeLabel(text: string, start: number, end: number): boolean {
  return (
    end - start >= 4 &&
    lower(text, start) === 0x78 &&
    lower(text, start + 1) === 0x6e &&
    text.charCodeAt(start + 2) === 0x2d &&
    text.charCodeAt(start + 3) === 0x2d
  );
}
