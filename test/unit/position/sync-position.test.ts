import { expect } from 'chai';
import {
  comparePositions,
  laterPosition,
  positionFromTuple,
  positionToTuple,
  recordPosition,
} from '../../../src/position/sync-position.js';

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

describe('comparePositions and laterPosition', () => {
  it('when two positions share an update time, then the id decides, and a time-only position comes first', () => {
    const t = Date.UTC(2026, 0, 1);
    expect(comparePositions({ updatedAt: t, id: 'a' }, { updatedAt: t, id: 'b' })).to.equal(-1);
    expect(comparePositions({ updatedAt: t, id: null }, { updatedAt: t, id: 'a' })).to.equal(-1);
    expect(comparePositions({ updatedAt: t + 1, id: 'a' }, { updatedAt: t, id: 'z' })).to.equal(1);
    expect(laterPosition(null, { updatedAt: t, id: 'a' })).to.deep.equal({ updatedAt: t, id: 'a' });
    expect(laterPosition({ updatedAt: t, id: 'b' }, { updatedAt: t, id: 'a' })).to.deep.equal({ updatedAt: t, id: 'b' });
  });

  it('when a position goes into a token and back, then it is unchanged', () => {
    for (const p of [null, { updatedAt: 0, id: null }, { updatedAt: 1_700_000_000_123, id: 'x' }]) {
      expect(positionFromTuple(positionToTuple(p))).to.deep.equal(p);
    }
  });
});
