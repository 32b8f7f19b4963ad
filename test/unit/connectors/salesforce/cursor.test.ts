import { expect } from 'chai';
import fc from 'fast-check';
import { decodeCursor, encodeCursor } from '../../../../src/connectors/salesforce/cursor.js';

describe('Salesforce page cursor', () => {
  it('when a position is encoded, then it reads back unchanged', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8_640_000_000_000_000 }), fc.stringMatching(/^[A-Za-z0-9]{15,18}$/), (updatedAt, id) => {
        expect(decodeCursor(encodeCursor({ updatedAt, id }))).to.deep.equal({ updatedAt, id });
      }),
    );
  });

  it('when a cursor is written, then it is the versioned plain form sf1.<ms>.<Id>', () => {
    expect(encodeCursor({ updatedAt: 1_740_816_900_000, id: '0035g00000AbCdEAAV' })).to.equal('sf1.1740816900000.0035g00000AbCdEAAV');
  });

  for (const bad of [
    '',
    'djE6OQ==',
    'sf2.1740816900000.0035g00000AbCdEAAV',
    'sf1.-1.0035g00000AbCdEAAV',
    'sf1.01.0035g00000AbCdEAAV',
    'sf1.1740816900000.short',
    'sf1.1740816900000.0035g00000AbCdEAAV1',
    'sf1.1740816900000.0035g00000AbCd-AAV',
    'sf1.99999999999999999.0035g00000AbCdEAAV',
    'sf1.1740816900000.0035g00000AbCdEAAV\n',
  ]) {
    it(`when the cursor is ${JSON.stringify(bad)}, then it is not read as a position`, () => {
      expect(decodeCursor(bad)).to.equal(null);
    });
  }
});
