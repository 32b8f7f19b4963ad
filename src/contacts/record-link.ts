/** Characters encodeURIComponent leaves as they are (ECMA-262 URI unreserved marks, letters, digits). */
const URI_COMPONENT_SAFE = /^[A-Za-z0-9\-_.!~*'()]*$/;

/**
 * A record id as one URL path segment: encodeURIComponent's answer, where a lone UTF-16 surrogate
 * (on which encodeURIComponent throws) becomes U+FFFD. CRM ids (UUIDs, Salesforce's 18
 * alphanumerics) need no encoding and are returned as they are, without the two passes.
 */
export function encodeIdComponent(id: string): string {
  if (typeof id === 'string' && URI_COMPONENT_SAFE.test(id)) return id;
  return encodeURIComponent(id.replace(/\p{Cs}/gu, '\uFFFD'));
}

/**
 * A record link's prefix, `{base URL without trailing slashes}{path}`, for each base URL: the base
 * is the same for every contact of a page, so the last one's prefix is kept rather than rebuilt
 * per contact. One per mapper (a base that is not a string still fails as `.trim()` fails on it).
 */
export function recordLinkPrefix(path: string): (baseUrl: string) => string {
  let lastBase: string | undefined;
  let lastPrefix = '';
  return (baseUrl) => {
    if (typeof baseUrl !== 'string' || baseUrl !== lastBase) {
      lastPrefix = `${baseUrl.trim().replace(/\/+$/, '')}${path}`;
      lastBase = baseUrl;
    }
    return lastPrefix;
  };
}
