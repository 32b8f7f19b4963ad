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

const OTHER_SCHEME = /^[a-z][a-z\d+.-]*:(?!\d)/i;

/** The website in `value`, as an absolute http(s) URL keeping the CRM's spelling, or null. */
export function toWebsite(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const raw = value.trim();
  if (raw === '' || /\s/.test(raw)) return null;
  let candidate: string;
  if (/^https?:\/\//i.test(raw)) candidate = raw;
  else if (raw.startsWith('//')) candidate = `https:${raw}`;
  else if (OTHER_SCHEME.test(raw)) return null;
  else candidate = `https://${raw}`;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  return url.hostname.includes('.') ? candidate : null;
}

/**
 * The websites among `values`, first occurrence kept. Spellings of one address (`HTTPS://Acme.com`,
 * `https://acme.com/`) count as one: the parsed href lower-cases scheme and host and adds the
 * root path.
 */
export function uniqueWebsites(values: readonly unknown[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const value of values) {
    const site = toWebsite(value);
    if (site === null) continue;
    const key = new URL(site).href;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(site);
  }
  return result;
}
