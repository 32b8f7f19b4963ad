/**
 * Websites as Talkdesk shows them to agents (as links): absolute http(s) URLs only.
 *
 * CRMs hold what people typed into a free-text field: `www.acme.com`, `acme.com/about`,
 * `//acme.com`, `HTTP://Acme.com`. A value without a scheme gets `https://` (what a browser's
 * address bar would try first); an explicit `http://` is kept, since upgrading it could point at
 * a host that has no TLS. Anything that is not a web address is dropped rather than shown as a
 * link: other schemes (`mailto:`, `javascript:`), text with spaces, and hosts without a dot
 * (`localhost`, `n/a`). A `host:port` such as `acme.com:8080` is a host, not a scheme.
 */

import { readUrl } from './simple-http-url.js';

const OTHER_SCHEME = /^[a-z][a-z\d+.-]*:(?!\d)/i;

/** The website in `value` and its parsed href (the key that tells spellings apart), or null. */
function website(value: unknown): { site: string; href: string } | null {
  if (typeof value !== 'string') return null;
  const raw = value.trim();
  if (raw === '' || /\s/.test(raw)) return null;
  let candidate: string;
  if (/^https?:\/\//i.test(raw)) candidate = raw;
  else if (raw.startsWith('//')) candidate = `https:${raw}`;
  else if (OTHER_SCHEME.test(raw)) return null;
  else candidate = `https://${raw}`;
  const url = readUrl(candidate);
  return url !== null && url.hostname.includes('.') ? { site: candidate, href: url.href } : null;
}

/** The website in `value`, as an absolute http(s) URL keeping the CRM's spelling, or null. */
export function toWebsite(value: unknown): string | null {
  return website(value)?.site ?? null;
}

/**
 * The websites among `values`, first occurrence kept. Spellings of one address (`HTTPS://Acme.com`,
 * `https://acme.com/`) count as one: the parsed href lower-cases scheme and host and adds the
 * root path.
 */
export function uniqueWebsites(values: readonly unknown[]): string[] {
  const result: string[] = [];
  const seen: string[] = [];
  for (const value of values) {
    const found = website(value);
    if (found === null || seen.includes(found.href)) continue;
    seen.push(found.href);
    result.push(found.site);
  }
  return result;
}
