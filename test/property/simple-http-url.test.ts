import { expect } from 'chai';
import fc from 'fast-check';
import { parseSimpleHttpUrl } from '../../src/contacts/simple-http-url.js';

/*
 * The URL fast path (src/contacts/simple-http-url.ts) must never answer differently from the WHATWG
 * parser: whenever it answers, `new URL` accepts the same text and gives the same hostname,
 * pathname and href. It is also checked to answer for the spellings CRMs hold most, so that a fast
 * path that silently stopped firing fails here too.
 */

const runs = Number(process.env['PROPERTY_RUNS'] ?? 100) * 20;

/** What the fast path answers for a simple URL, which has no fragment. */
type Parts = { hostname: string; pathname: string; href: string; hash: string };

function whatwg(text: string): Parts | null {
  try {
    const url = new URL(text);
    return { hostname: url.hostname, pathname: url.pathname, href: url.href, hash: url.hash };
  } catch {
    return null;
  }
}

/** Pieces of URLs, ordinary and odd: the generator glues a scheme, a host, a port, a path, a query and a fragment from them. */
const schemes = fc.constantFrom(
  'http://',
  'https://',
  'HTTPS://',
  'hTtP://',
  'https:',
  'https:/',
  'https//',
  'https:///',
  'https:\\\\',
  'https:/\\',
  'httpss://',
  'ftp://',
  'ws://',
  'https :// ',
  ' https://',
  '',
);
const labelChars = fc.constantFrom(
  ...'abcxyzABCXYZ0189-_',
  'xn--',
  'XN--',
  '0x',
  'ß',
  'é',
  'ａ',
  '\u200d',
  '%41',
  '%2e',
  '@',
  ':',
  ' ',
  '\t',
  '\u0000',
  '*',
  '\ud800',
);
const label = fc.oneof(
  fc.array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCZ0123456789-'), { minLength: 1, maxLength: 12 }).map((c) => c.join('')),
  fc.array(labelChars, { maxLength: 8 }).map((c) => c.join('')),
  fc.constantFrom('xn--bcher-kva', 'xn--a', 'xn--', '0x7f', '0X1', '127', '08', '1e3', 'com', 'localhost', ''),
);
const host = fc.oneof(
  fc.array(label, { minLength: 1, maxLength: 5 }).map((labels) => labels.join('.')),
  fc
    .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom('.', '..', '。'))
    .map(([labels, dot]) => labels.join(dot) + dot),
  fc.constantFrom(
    '[::1]',
    '1.2.3.4',
    '0x7f.1',
    '999.1.1.1',
    'user:pass@acme.com',
    '@acme.com',
    'acme.com@evil.example',
    'bücher.de',
    'ACME.COM',
  ),
);
const port = fc.constantFrom('', '', '', ':', ':80', ':443', ':8080', ':0080', ':99999', ':x');
const segmentChars = fc.constantFrom(
  ..."abzAZ09-._~!$&'()*+,;=:@",
  '.',
  '..',
  '%2e',
  '%2E',
  '%zz',
  '%20',
  '\\',
  ' ',
  '\t',
  '\n',
  '"',
  '<',
  '>',
  '`',
  '{',
  '}',
  '|',
  '^',
  '[',
  ']',
  'é',
  '\u{1F600}',
  '\udc00',
  '\u0001',
  '\u007f',
);
const segment = fc.oneof(
  fc.array(segmentChars, { maxLength: 6 }).map((c) => c.join('')),
  fc.constantFrom('.', '..', '%2e', '.%2E', 'in', 'jack'),
);
const path = fc.oneof(
  fc.constant(''),
  fc.array(segment, { minLength: 1, maxLength: 4 }).map((segments) => `/${segments.join('/')}`),
  fc.array(segment, { minLength: 1, maxLength: 3 }).map((segments) => `\\${segments.join('\\')}`),
);
const query = fc.oneof(
  fc.constant(''),
  fc
    .array(fc.constantFrom(...'az09=&?/:@-._~!$()*+,;', "'", '"', ' ', '<', '>', '#', '`', '%', 'é', '\\'), { maxLength: 8 })
    .map((c) => `?${c.join('')}`),
);
const fragment = fc.oneof(fc.constant(''), fc.constant(''), fc.constantFrom('#', '#!/jack', '#a b'));

/** Mostly the simple spelling, with one piece at a time swapped for an odd one. */
const simpleLabel = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9-]{0,8}$/);
const simpleHost = fc.array(simpleLabel, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.'));
const simplePath = fc
  .array(fc.stringMatching(/^[a-zA-Z0-9@._~-]{0,8}$/), { maxLength: 3 })
  .map((segments) => segments.map((s) => `/${s}`).join(''));
const nearlySimple = fc
  .tuple(
    fc.oneof({ weight: 4, arbitrary: fc.constantFrom('http://', 'https://', 'HTTPS://') }, { weight: 1, arbitrary: schemes }),
    fc.oneof({ weight: 4, arbitrary: simpleHost }, { weight: 1, arbitrary: host }),
    fc.oneof({ weight: 8, arbitrary: fc.constant('') }, { weight: 1, arbitrary: port }),
    fc.oneof({ weight: 4, arbitrary: simplePath }, { weight: 1, arbitrary: path }),
    fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 1, arbitrary: query }),
    fc.oneof({ weight: 8, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fragment }),
  )
  .map((parts) => parts.join(''));

const urlText = fc.oneof(
  nearlySimple,
  fc.tuple(schemes, host, port, path, query, fragment).map((parts) => parts.join('')),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.string({ unit: 'grapheme-ascii' }).map((s) => `https://${s}`),
  fc.string(),
);

describe('simple http(s) URL fast path (src/contacts/simple-http-url.ts)', () => {
  it('when any text is given, then the fast path answers what new URL answers, or leaves it to it', () => {
    fc.assert(
      fc.property(urlText, (text) => {
        const fast = parseSimpleHttpUrl(text);
        if (fast !== undefined) expect({ ...fast, hash: '' }).to.deep.equal(whatwg(text), text);
      }),
      { numRuns: runs * 5 },
    );
  });

  it('when a URL is in a common CRM spelling, then the fast path answers it', () => {
    for (const text of [
      'https://www.linkedin.com/in/user45353/',
      'HTTPS://Acme.com',
      'http://boulangerie-lefevre.fr/',
      'https://x.com/jack',
      'https://i.pravatar.cc/300?u=02387479',
      'https://twitter.com/@jack',
    ]) {
      const fast = parseSimpleHttpUrl(text);
      expect(fast && { ...fast, hash: '' }, text).to.deep.equal(whatwg(text));
    }
  });

  for (const text of [
    'https://acme.com:8080/',
    'https://xn--bcher-kva.de/',
    'https://bücher.de/',
    'https://1.2.3.4/',
    'https://acme.com/a/../b',
    'https://acme.com/%2e%2e/b',
    'https://acme.com\\path',
    'https://user@acme.com/',
    'https://acme.com/#!/jack',
    'https:///acme.com',
    'https://acme.com/a b',
  ]) {
    it(`when the URL is ${JSON.stringify(text)}, then the fast path leaves it to new URL`, () => {
      expect(parseSimpleHttpUrl(text)).to.equal(undefined);
    });
  }
});
