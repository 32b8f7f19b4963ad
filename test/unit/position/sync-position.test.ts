import { expect } from 'chai';
import fc from 'fast-check';
import {
  comparePositions,
  laterPosition,
  positionFromTuple,
  positionToTuple,
  isoMillis,
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

describe('isoMillis (the fast path for CRM update times)', () => {
  const two = (n: number): string => String(n).padStart(2, '0');
  /** Text in the toISOString shape with every field anywhere in its digits' range, valid or not. */
  const isoShaped = fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 0, max: 999 }),
    )
    .map(
      ([y, mo, d, h, mi, s, ms]) =>
        `${String(y).padStart(4, '0')}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}.${String(ms).padStart(3, '0')}Z`,
    );
  /** The same with one character replaced by any other. */
  const damaged = fc
    .tuple(isoShaped, fc.nat(), fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }))
    .map(([t, at, ch]) => t.slice(0, at % t.length) + ch + t.slice((at % t.length) + 1));
  const realTimes = fc.date({ min: new Date(0), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString());

  it('when it reads a time, then that is what Date.parse reads, on real, out-of-range and damaged times alike', () => {
    fc.assert(
      fc.property(fc.oneof(realTimes, isoShaped, damaged), (text) => {
        const fast = isoMillis(text);
        if (fast !== undefined) expect(fast, text).to.equal(Date.parse(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('when the time is in the form CRMs write, then it is read without the general parser', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(0), max: new Date(Date.UTC(9999, 11, 28)), noInvalidDate: true }), (d) => {
        if (d.getUTCDate() > 28) return;
        expect(isoMillis(d.toISOString())).to.equal(d.getTime());
      }),
    );
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
