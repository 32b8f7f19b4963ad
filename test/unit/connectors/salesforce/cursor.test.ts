import { expect } from 'chai';
import fc from 'fast-check';
import { decodeCursor, encodeCursor, type ContactResume } from '../../../../src/connectors/salesforce/cursor.js';

const time = fc.integer({ min: 0, max: 8_640_000_000_000_000 });
const id = fc.stringMatching(/^[A-Za-z0-9]{15,18}$/);
const resume: fc.Arbitrary<ContactResume> = fc.oneof(
  fc.record({ mode: fc.constant('after' as const), at: time, id }),
  fc.record({ mode: fc.constant('tie' as const), at: time, id }),
);

describe('Salesforce page cursor', () => {
  it('when a resume point is encoded, then it reads back unchanged', () => {
    fc.assert(
      fc.property(resume, (r) => {
        expect(decodeCursor(encodeCursor(r))).to.deep.equal(r);
      }),
    );
  });

  it('when cursors are written, then they are the versioned plain forms sf2.after.<ms>.<Id>, sf2.tie.<ms>.<Id>', () => {
    expect(encodeCursor({ mode: 'after', at: 1_740_816_900_000, id: '0035g00000AbCdEAAV' })).to.equal(
      'sf2.after.1740816900000.0035g00000AbCdEAAV',
    );
    expect(encodeCursor({ mode: 'tie', at: 1_740_816_900_000, id: '0035g00000AbCdEAAV' })).to.equal(
      'sf2.tie.1740816900000.0035g00000AbCdEAAV',
    );
  });

  it('when an offset from the previous version (sf1.<ms>.<Id>: everything up to that position delivered) comes back, then it resumes inside that second after that Id', () => {
    expect(decodeCursor('sf1.1740816900000.0035g00000AbCdEAAV')).to.deep.equal({
      mode: 'tie',
      at: 1_740_816_900_000,
      id: '0035g00000AbCdEAAV',
    });
  });

  for (const bad of [
    '',
    'djE6OQ==',
    'sf2.1740816900000.0035g00000AbCdEAAV',
    'sf2.from.1740816900000',
    'sf2.past.1740816900000',
    'sf2.after.1740816900000',
    'sf2.tie.1740816900000',
    'sf2.next.1740816900000',
    'sf1.-1.0035g00000AbCdEAAV',
    'sf1.01.0035g00000AbCdEAAV',
    'sf1.1740816900000.short',
    'sf1.1740816900000.0035g00000AbCdEAAV1',
    'sf1.1740816900000.0035g00000AbCd-AAV',
    'sf1.99999999999999999.0035g00000AbCdEAAV',
    'sf2.after.99999999999999999.0035g00000AbCdEAAV',
    'sf1.1740816900000.0035g00000AbCdEAAV\n',
  ]) {
    it(`when the cursor is ${JSON.stringify(bad)}, then it is not read as a resume point`, () => {
      expect(decodeCursor(bad)).to.equal(null);
    });
  }
});
