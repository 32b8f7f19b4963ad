import { expect } from 'chai';
import { runWhere, tieWhere } from '../../../../src/connectors/salesforce/where-clause.js';

const T = Date.parse('2025-03-01T08:15:00Z');
const SINCE = Date.parse('2025-02-01T00:00:00Z');
const ID = '0035g00000AbCdEAAV';
const since = { SystemModstamp: { gte: { value: '2025-02-01T00:00:00Z' } } };

describe('Salesforce page filters', () => {
  describe('runWhere (SystemModstamp order)', () => {
    it('when a full sync starts, then there is no filter', () => {
      expect(runWhere(null, null)).to.equal(undefined);
    });

    it('when an incremental sync starts, then the filter is the inclusive lower bound on SystemModstamp', () => {
      expect(runWhere(SINCE, null)).to.deep.equal(since);
    });

    const keyset = (t: string) => ({
      or: [{ SystemModstamp: { gt: { value: t } } }, { and: [{ SystemModstamp: { eq: { value: t } } }, { Id: { gt: ID } }] }],
    });

    it('when a run continues, then it reads strictly after the last contact delivered, (SystemModstamp, Id)', () => {
      expect(runWhere(null, { at: T, id: ID })).to.deep.equal(keyset('2025-03-01T08:15:00Z'));
    });

    it('when the position is past the lower bound, then it alone is the filter (it implies the bound)', () => {
      expect(runWhere(SINCE, { at: T, id: ID })).to.deep.equal(keyset('2025-03-01T08:15:00Z'));
    });

    it('when the position is before the lower bound, then both are required', () => {
      expect(runWhere(T, { at: SINCE, id: ID })).to.deep.equal({
        and: [{ SystemModstamp: { gte: { value: '2025-03-01T08:15:00Z' } } }, keyset('2025-02-01T00:00:00Z')],
      });
    });

    it('when a time has milliseconds, then they are kept in the operand rather than rounded away', () => {
      expect(runWhere(T + 250, null)).to.deep.equal({ SystemModstamp: { gte: { value: '2025-03-01T08:15:00.250Z' } } });
    });
  });

  describe('tieWhere (one second, by Id)', () => {
    it('when a walk through a second starts, then the filter is that second alone', () => {
      expect(tieWhere(T, null)).to.deep.equal({ SystemModstamp: { eq: { value: '2025-03-01T08:15:00Z' } } });
    });

    it('when a walk continues, then it is that second and strictly after the last Id', () => {
      expect(tieWhere(T, ID)).to.deep.equal({
        and: [{ SystemModstamp: { eq: { value: '2025-03-01T08:15:00Z' } } }, { Id: { gt: ID } }],
      });
    });
  });
});
