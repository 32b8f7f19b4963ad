import { expect } from 'chai';
import fc from 'fast-check';
import { decodeCheckpoint, decodeCheckpointState, encodeCheckpoint } from '../../../src/sync/checkpoint.js';
import { parseLegacyTimestamp } from '../../../src/sync/legacy-timestamp.js';
import { decodeOffset, encodeOffset, type RunState } from '../../../src/sync/offset.js';
import { encodeToken } from '../../../src/sync/token-codec.js';
import { AppError } from '../../../src/errors.js';

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.code : 'not-an-AppError';
  }
  return undefined;
}

function errorMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return (err as Error).message;
  }
  return '';
}

describe('token error messages', () => {
  // The check is a keyless hash: anyone can compute it, so it shows a token intact, not its author.
  it('when a token is refused, then the message claims only what a keyless check can know (its form, or damage), not who issued it', () => {
    const good = encodeCheckpoint({ updatedAt: 1_700_000_000_000, id: 'a' });
    const forged = encodeToken('cp1', { p: [1, 'x'] });
    expect(decodeCheckpoint(forged)).to.deep.equal({ updatedAt: 1, id: 'x' });
    const messages = [
      errorMessage(() => decodeCheckpoint(good.slice(0, -2))),
      errorMessage(() => decodeCheckpoint('cp1.garbage')),
      errorMessage(() => decodeCheckpoint('yesterday-ish')),
      errorMessage(() => decodeOffset('of1.x.y', 'twenty')),
      errorMessage(() => decodeOffset('something', 'twenty')),
    ];
    for (const m of messages) {
      expect(m).to.match(/invalid/);
      expect(m).not.to.match(/issued by this bridge|not one this bridge issue|was not issued/);
    }
    expect(messages[0]).to.include('truncated or altered');
  });
});

describe('checkpoint tokens', () => {
  it('when a position is encoded, then decoding gives it back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4102444800000 }), fc.option(fc.uuid(), { nil: null }), (updatedAt, id) => {
        expect(decodeCheckpoint(encodeCheckpoint({ updatedAt, id }))).to.deep.equal({ updatedAt, id });
      }),
    );
    expect(decodeCheckpoint(encodeCheckpoint(null))).to.equal(null);
  });

  it('when a checkpoint carries a floor before its position, then it decodes with it; a floor at or after the position is left out', () => {
    const position = { updatedAt: 1_700_000_000_000, id: 'b' };
    expect(decodeCheckpointState(encodeCheckpoint(position, 1_699_999_999_000))).to.deep.equal({ position, floor: 1_699_999_999_000 });
    expect(decodeCheckpointState(encodeCheckpoint(position, position.updatedAt))).to.deep.equal({ position, floor: null });
    expect(encodeCheckpoint(position, position.updatedAt)).to.equal(encodeCheckpoint(position));
    expect(decodeCheckpoint(encodeCheckpoint(position, 1))).to.deep.equal(position);
  });

  it('when a checkpoint is truncated or one character changed, then it is refused with invalid_checkpoint', () => {
    const token = encodeCheckpoint({ updatedAt: 1_700_000_000_000, id: 'a1b2c3d4-0000-4000-8000-000000000000' });
    expect(errorCode(() => decodeCheckpoint(token.slice(0, -1)))).to.equal('invalid_checkpoint');
    const [prefix, body, check] = token.split('.') as [string, string, string];
    const flipped = body.slice(0, 5) + (body[5] === 'A' ? 'B' : 'A') + body.slice(6);
    expect(errorCode(() => decodeCheckpoint(`${prefix}.${flipped}.${check}`))).to.equal('invalid_checkpoint');
  });

  it('when the checkpoint is garbage, then the error says how to recover', () => {
    try {
      decodeCheckpoint('definitely not a checkpoint');
      expect.fail('should throw');
    } catch (err) {
      expect(err).to.be.instanceOf(AppError);
      expect((err as AppError).message).to.match(/omit it for a full sync/);
    }
  });

  it('when an old bridge left a plain timestamp, then it is read as that instant with no id', () => {
    expect(decodeCheckpoint('2012-12-01 11:21:00 UTC')).to.deep.equal({ updatedAt: Date.UTC(2012, 11, 1, 11, 21, 0), id: null });
    expect(decodeCheckpoint('2024-05-01T10:00:00Z')).to.deep.equal({ updatedAt: Date.UTC(2024, 4, 1, 10), id: null });
  });
});

describe('legacy timestamps', () => {
  const cases: Array<[string, number | null]> = [
    ['2012-12-01 11:21:00 UTC', Date.UTC(2012, 11, 1, 11, 21)],
    ['2024-05-01T10:00:00.123Z', Date.UTC(2024, 4, 1, 10, 0, 0, 123)],
    ['2024-05-01T10:00:00+02:00', Date.UTC(2024, 4, 1, 8)],
    ['2024-05-01T10:00:00-0330', Date.UTC(2024, 4, 1, 13, 30)],
    ['2024-05-01T10:00', Date.UTC(2024, 4, 1, 10)],
    ['2024-05-01', Date.UTC(2024, 4, 1)],
    ['2024-02-30T00:00:00Z', null],
    ['2024-13-01', null],
    ['yesterday', null],
    ['1714557600', null],
  ];
  for (const [text, expected] of cases) {
    it(`when the checkpoint is "${text}", then it reads as ${expected === null ? 'not a timestamp' : new Date(expected).toISOString()}`, () => {
      expect(parseLegacyTimestamp(text)).to.equal(expected);
    });
  }
});

describe('offset tokens', () => {
  const state: RunState = {
    connector: 'twenty',
    updatedSince: 1_700_000_000_000,
    cursor: 'eyJ1cGRhdGVkQXQiOiIyMDI0In0=',
    position: { updatedAt: 1_700_000_100_000, id: 'b' },
    lastDelivered: { updatedAt: 1_700_000_050_000, id: 'a' },
    inheritedFloor: 1_699_999_000_000,
    floor: 1_700_000_060_000,
  };

  it('when an offset is encoded, then decoding gives the run state back', () => {
    expect(decodeOffset(encodeOffset(state), 'twenty')).to.deep.equal(state);
  });

  it('when an offset was issued before floors existed, then it reads as a run that owes none', () => {
    const { inheritedFloor: _i, floor: _f, ...old } = state;
    const legacy = encodeToken('of1', { c: old.connector, lb: old.updatedSince, cur: old.cursor, p: [1_700_000_100_000, 'b'], l: null });
    expect(decodeOffset(legacy, 'twenty')).to.include({ inheritedFloor: null, floor: null, cursor: old.cursor });
  });

  it('when the offset is absent, null, empty or 0, then it is the first page', () => {
    for (const v of [undefined, null, '', 0]) expect(decodeOffset(v, 'twenty')).to.equal(null);
  });

  it('when the offset is another number, garbage, tampered or from another connector, then it is invalid_offset', () => {
    const token = encodeOffset(state);
    expect(errorCode(() => decodeOffset(7, 'twenty'))).to.equal('invalid_offset');
    expect(errorCode(() => decodeOffset('page-2', 'twenty'))).to.equal('invalid_offset');
    expect(errorCode(() => decodeOffset(token + 'x', 'twenty'))).to.equal('invalid_offset');
    expect(errorCode(() => decodeOffset(token, 'shopify'))).to.equal('invalid_offset');
  });

  it('when a checkpoint is sent as the offset, then it is refused', () => {
    expect(errorCode(() => decodeOffset(encodeCheckpoint(null), 'twenty'))).to.equal('invalid_offset');
  });
});
