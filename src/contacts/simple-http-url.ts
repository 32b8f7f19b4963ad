/**
 * The parts of an http(s) URL the contact mappers read (hostname, pathname, href), for the common
 * simple spelling only, without the WHATWG URL parser: `new URL` was the largest single cost of a
 * Twenty contact (issue 17; about 150 ns per call, up to five calls per person).
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

const SIMPLE =
  /^(https?):\/\/((?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*)((?:\/[a-z0-9\-._~!$&'()*+,;=:@/]*)?)((?:\?[a-z0-9\-._~!$&()*+,;=:@/?]*)?)$/i;
const PUNYCODE_LABEL = /(?:^|\.)xn--/i;
const DOT_SEGMENT = /\/\.{1,2}(?:\/|$)/;

/** What `new URL(text)` would answer for `text` when it is a simple http(s) URL; else undefined. */
export function parseSimpleHttpUrl(text: string): SimpleHttpUrl | undefined {
  const match = SIMPLE.exec(text);
  if (match === null) return undefined;
  const [, scheme = '', host = '', path = '', query = ''] = match;
  if (PUNYCODE_LABEL.test(host) || DOT_SEGMENT.test(path)) return undefined;
  const hostname = host.toLowerCase();
  const pathname = path === '' ? '/' : path;
  return { hostname, pathname, href: `${scheme.toLowerCase()}://${hostname}${pathname}${query}` };
}
