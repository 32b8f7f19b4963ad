import { expect } from 'chai';
import fc from 'fast-check';
import { toWebsite, uniqueWebsites } from '../../../src/contacts/website.js';

describe('toWebsite', () => {
  for (const [input, expected] of [
    ['www.acme.com', 'https://www.acme.com'],
    ['acme.com/about', 'https://acme.com/about'],
    ['  https://acme.com  ', 'https://acme.com'],
    ['http://acme.com', 'http://acme.com'],
    ['HTTP://Acme.com', 'HTTP://Acme.com'],
    ['//acme.com', 'https://acme.com'],
    ['acme.com:8080/x', 'https://acme.com:8080/x'],
  ] as const) {
    it(`when the CRM holds ${JSON.stringify(input)}, then the website is ${expected}`, () => {
      expect(toWebsite(input)).to.equal(expected);
    });
  }

  for (const input of [
    '',
    '  ',
    'n/a',
    'acme',
    'mailto:sales@acme.com',
    'javascript:alert(1)',
    'ftp://acme.com',
    'two words.com',
    'https://',
    42,
    null,
  ]) {
    it(`when the CRM holds ${JSON.stringify(input)}, then there is no website`, () => {
      expect(toWebsite(input)).to.equal(null);
    });
  }

  it('when any value is given, then it never throws and any result is an absolute http(s) URL', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.anything()), (value) => {
        const site = toWebsite(value);
        if (site !== null) expect(new URL(site).protocol).to.match(/^https?:$/);
      }),
    );
  });
});

describe('uniqueWebsites', () => {
  it('when spellings of one address repeat, then it is listed once, first spelling kept', () => {
    expect(uniqueWebsites(['acme.com', 'HTTPS://ACME.com/', null, 'mailto:x@y.z', 'globex.example'])).to.deep.equal([
      'https://acme.com',
      'https://globex.example',
    ]);
  });
});
