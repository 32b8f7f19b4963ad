import { expect } from 'chai';
import { countryCodeOf } from '../../../src/contacts/country-code.js';

describe('countryCodeOf', () => {
  for (const [input, code] of [
    ['United States', 'US'],
    ['USA', 'US'],
    ['united states of america', 'US'],
    ['us', 'US'],
    ['United Kingdom', 'GB'],
    ['UK', 'GB'],
    ['England', 'GB'],
    ['France', 'FR'],
    ['Deutschland', 'DE'],
    ['Espana', 'ES'],
    ['España', 'ES'],
    ['Brasil', 'BR'],
    ['The Netherlands', 'NL'],
    ['  Portugal ', 'PT'],
    ['Côte d’Ivoire', 'CI'],
    ['pt', 'PT'],
  ] as const) {
    it(`when the country is written ${JSON.stringify(input)}, then its code is ${code}`, () => {
      expect(countryCodeOf(input)).to.equal(code);
    });
  }

  for (const input of ['', 'Atlantis', 'ZZ', '123', null, 7, 'x'.repeat(500)]) {
    it(`when the country is ${JSON.stringify(input)}, then there is no code`, () => {
      expect(countryCodeOf(input)).to.equal(null);
    });
  }
});
