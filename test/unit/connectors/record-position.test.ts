import { expect } from 'chai';
import { recordPosition } from '../../../src/connectors/record-position.js';

describe('recordPosition', () => {
  it('when the update time is ISO 8601, then the position is its epoch milliseconds and the id', () => {
    expect(recordPosition('gid://shopify/Customer/1', '2026-03-02T09:15:04Z')).to.deep.equal({
      updatedAt: Date.UTC(2026, 2, 2, 9, 15, 4),
      id: 'gid://shopify/Customer/1',
    });
  });

  it('when the update time is missing, unreadable or before 1970, then there is no position', () => {
    for (const value of [null, undefined, '', 'yesterday', 42, '1969-12-31T23:59:59Z']) {
      expect(recordPosition('x', value), String(value)).to.equal(null);
    }
  });
});
