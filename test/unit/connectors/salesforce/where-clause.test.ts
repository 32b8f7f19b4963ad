import { expect } from 'chai';
import { contactsWhere } from '../../../../src/connectors/salesforce/where-clause.js';

const T = Date.parse('2025-03-01T08:15:00Z');
const SINCE = Date.parse('2025-02-01T00:00:00Z');
const ID = '0035g00000AbCdEAAV';

const after = {
  or: [
    { SystemModstamp: { gt: { value: '2025-03-01T08:15:00Z' } } },
    { and: [{ SystemModstamp: { eq: { value: '2025-03-01T08:15:00Z' } } }, { Id: { gt: ID } }] },
  ],
};

describe('Salesforce page filter (contactsWhere)', () => {
  it('when a full sync starts, then there is no filter', () => {
    expect(contactsWhere(null, null)).to.equal(undefined);
  });

  it('when an incremental sync starts, then the filter is the inclusive lower bound on SystemModstamp', () => {
    expect(contactsWhere(SINCE, null)).to.deep.equal({ SystemModstamp: { gte: { value: '2025-02-01T00:00:00Z' } } });
  });

  it('when a full sync continues, then the filter is strictly after the last (SystemModstamp, Id)', () => {
    expect(contactsWhere(null, { updatedAt: T, id: ID })).to.deep.equal(after);
  });

  it('when an incremental sync continues, then the lower bound and the keyset condition are both required', () => {
    expect(contactsWhere(SINCE, { updatedAt: T, id: ID })).to.deep.equal({
      and: [{ SystemModstamp: { gte: { value: '2025-02-01T00:00:00Z' } } }, after],
    });
  });

  it('when a time has milliseconds, then they are kept in the operand rather than rounded away', () => {
    expect(contactsWhere(T + 250, null)).to.deep.equal({ SystemModstamp: { gte: { value: '2025-03-01T08:15:00.250Z' } } });
  });
});
