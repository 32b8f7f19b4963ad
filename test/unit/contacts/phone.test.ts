import { expect } from 'chai';
import fc from 'fast-check';
import { getCountries, getCountryCallingCode } from 'libphonenumber-js';
import { toE164, uniquePhones } from '../../../src/contacts/phone.js';

describe('toE164', () => {
  describe('when there is nothing to dial', () => {
    it('then an empty or blank number is null', () => {
      expect(toE164('')).to.equal(null);
      expect(toE164('   \t ')).to.equal(null);
    });

    it('then text without a single digit is null', () => {
      expect(toE164('n/a')).to.equal(null);
      expect(toE164(' unknown ', { countryCode: 'FR' })).to.equal(null);
    });
  });

  describe('when the number is written internationally', () => {
    it('then a "+" number is returned in E.164', () => {
      expect(toE164(' +33 6 12 34 56 78 ')).to.equal('+33612345678');
      expect(toE164('+1 (415) 555-0132')).to.equal('+14155550132');
    });

    it('then a "00" number is read as international even without a hint', () => {
      expect(toE164('0044 20 7946 0958')).to.equal('+442079460958');
    });

    it('then the hints are ignored, because the number names its own country', () => {
      expect(toE164('+34 612 34 56 78', { countryCode: 'US', callingCode: '+1' })).to.equal('+34612345678');
    });

    it('then a "+" later in the text is still found', () => {
      expect(toE164('(+33) 6 12 34 56 78')).to.equal('+33612345678');
      expect(toE164('+44 (0) 20 7946 0958')).to.equal('+442079460958');
    });

    it('then full-width digits and plus sign are read', () => {
      expect(toE164('＋８１ ９０-１２３４-５６７８')).to.equal('+819012345678');
    });
  });

  describe('when the number is national', () => {
    it('then the ISO country hint gives its country, trunk prefix removed', () => {
      expect(toE164('06 12 34 56 78', { countryCode: 'FR' })).to.equal('+33612345678');
      expect(toE164('020 7946 0958', { countryCode: 'GB' })).to.equal('+442079460958');
    });

    it('then a lower-case country hint is accepted', () => {
      expect(toE164('030 1234567', { countryCode: 'de' })).to.equal('+49301234567');
    });

    it('then the calling code hint is used when there is no country hint, with or without "+"', () => {
      expect(toE164('612345678', { callingCode: '+33' })).to.equal('+33612345678');
      expect(toE164('0612345678', { callingCode: '33' })).to.equal('+33612345678');
      expect(toE164('2025550123', { countryCode: null, callingCode: '+1' })).to.equal('+12025550123');
    });

    it('then a legacy country hint holding a calling code ("+55") is used as a calling code', () => {
      expect(toE164('11 91234-5678', { countryCode: '+55' })).to.equal('+5511912345678');
    });

    it('then an unknown country hint falls back to the calling code hint', () => {
      expect(toE164('612345678', { countryCode: 'XX', callingCode: '+33' })).to.equal('+33612345678');
    });

    it('then the country hint wins over a conflicting calling code hint', () => {
      expect(toE164('06 12 34 56 78', { countryCode: 'FR', callingCode: '+1' })).to.equal('+33612345678');
    });

    it('then a number in a range the metadata does not know yet is still normalised', () => {
      // +44 7700 900xxx is reserved for drama: the right length (possible), not valid.
      expect(toE164('07700 900123', { countryCode: 'GB' })).to.equal('+447700900123');
    });

    it('then without any hint the number is kept as written', () => {
      expect(toE164(' 06 12 34 56 78 ')).to.equal('06 12 34 56 78');
    });
  });

  describe('when the number has an extension', () => {
    it('then only the main number is kept, in E.164', () => {
      expect(toE164('+1 415 555 0100 ext. 12')).to.equal('+14155550100');
      expect(toE164('(415) 555-0132 x204', { countryCode: 'US' })).to.equal('+14155550132');
    });
  });

  describe('when the number cannot be parsed', () => {
    it('then the trimmed text is kept so that a person can still read it', () => {
      expect(toE164('  ask reception, ext 12 ', { countryCode: 'GB' })).to.equal('ask reception, ext 12');
      expect(toE164('555-0100', { countryCode: 'US' })).to.equal('555-0100');
    });

    it('then two numbers in one field are kept together rather than one being dropped', () => {
      expect(toE164('+1 415 555 0100 / +1 415 555 0199')).to.equal('+1 415 555 0100 / +1 415 555 0199');
    });

    it('then an unknown calling code keeps the text instead of throwing', () => {
      expect(toE164('5551234', { callingCode: '+999' })).to.equal('5551234');
      expect(toE164('5551234', { callingCode: 'abc', countryCode: '' })).to.equal('5551234');
    });

    it("then the process's stack trace depth is as it was (the parser's discarded errors are thrown without one)", () => {
      const before = Error.stackTraceLimit;
      Error.stackTraceLimit = 17;
      try {
        expect(toE164('ext. 12', { callingCode: '+91' })).to.equal('ext. 12');
        expect(Error.stackTraceLimit).to.equal(17);
      } finally {
        Error.stackTraceLimit = before;
      }
    });
  });

  it('when a national number would be longer than E.164 allows, then it is kept as written', () => {
    expect(toE164('2000000000000', { countryCode: 'NG' })).to.equal('2000000000000');
  });

  describe('properties', () => {
    it('when given any text and hints, then it never throws and is null exactly when there is no digit', () => {
      const hint = fc.option(fc.oneof(fc.string(), fc.constantFrom('FR', 'us', '+33', '1', '+999', 'XX', '')), { nil: null });
      fc.assert(
        fc.property(
          fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^[+0]?[\d ()-]{0,20}$/)),
          hint,
          hint,
          (raw, countryCode, callingCode) => {
            const result = toE164(raw, { countryCode, callingCode });
            if (/\p{Nd}/u.test(raw)) {
              expect(result).to.be.a('string').and.have.length.above(0);
              expect(result).to.equal(result?.trim());
            } else {
              expect(result).to.equal(null);
            }
          },
        ),
      );
    });

    it('when a national number is normalised, then its E.164 form normalises to itself', () => {
      const countries = getCountries();
      fc.assert(
        // A leading "00" is the international prefix (read as "+"), so it is not a national number.
        fc.property(
          fc.constantFrom(...countries),
          fc.stringMatching(/^\d{4,14}$/).filter((d) => !d.startsWith('00')),
          (country, digits) => {
            const e164 = toE164(digits, { countryCode: country });
            if (e164?.startsWith('+')) {
              expect(e164).to.match(/^\+[1-9]\d{1,14}$/);
              expect(e164.startsWith(`+${getCountryCallingCode(country)}`)).to.equal(true);
              expect(toE164(e164)).to.equal(e164);
            }
          },
        ),
      );
    });
  });
});

describe('uniquePhones', () => {
  it('when numbers repeat or are null, then the first of each is kept in order and nulls are dropped', () => {
    expect(uniquePhones(['+33612345678', null, '+14155550132', '+33612345678', null, 'call reception'])).to.deep.equal([
      '+33612345678',
      '+14155550132',
      'call reception',
    ]);
  });

  it('when the list is empty, then the result is empty', () => {
    expect(uniquePhones([])).to.deep.equal([]);
  });
});
