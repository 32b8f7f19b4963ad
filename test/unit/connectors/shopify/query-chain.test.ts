import { expect } from 'chai';
import {
  afterChainEnd,
  chainSearch,
  decodeChain,
  encodeChain,
  firstChain,
  restartChain,
  type Chain,
} from '../../../../src/connectors/shopify/query-chain.js';
import { updatedSinceQuery } from '../../../../src/connectors/shopify/search-query.js';

const DAY = 86_400_000;
const D = Date.UTC(2026, 2, 3);

describe('Shopify query chains (deep stores)', () => {
  it('when a chain is encoded into the cursor, then it decodes to the same chain', () => {
    const chains: Chain[] = [
      { kind: 'time', since: null, after: 'eyJsYXN0X2lkIjox', served: 40, lastAt: D + 5000 },
      { kind: 'day', day: D, idAfter: 1234, after: null, served: 0, lastId: null },
    ];
    for (const c of chains) expect(decodeChain(encodeChain(c), 0)).to.deep.equal(c);
  });

  it('when the cursor is a plain Shopify cursor (an offset from before chains), then it is followed from the run bound with nothing to restart from', () => {
    expect(decodeChain('eyJsYXN0X2lkIjoxfQ==', D)).to.deep.equal({
      kind: 'time',
      since: D,
      after: 'eyJsYXN0X2lkIjoxfQ==',
      served: 0,
      lastAt: null,
    });
    expect(restartChain(decodeChain('eyJsYXN0X2lkIjoxfQ==', D))).to.equal(null);
  });

  it('when a time chain reached a later update time, then it restarts there (inclusive)', () => {
    expect(restartChain({ kind: 'time', since: D, after: 'c', served: 50, lastAt: D + 3_600_000 })).to.deep.equal(
      firstChain(D + 3_600_000),
    );
    expect(restartChain({ kind: 'time', since: null, after: 'c', served: 50, lastAt: D })).to.deep.equal(firstChain(D));
  });

  it('when a time chain did not get past its own start (a day, or a second, holding more than the limit), then that day is walked by id', () => {
    const walk = restartChain({ kind: 'time', since: D + 7_200_500, after: 'c', served: 50, lastAt: D + 7_200_000 });
    expect(walk).to.deep.equal({ kind: 'day', day: D, idAfter: null, after: null, served: 0, lastId: null });
    expect(chainSearch(walk!, updatedSinceQuery)).to.equal("updated_at:>='2026-03-03T00:00:00Z' updated_at:<='2026-03-03T23:59:59Z'");
  });

  it('when a day walk restarts, then it goes on after the largest id delivered, and after the day it goes on from the next day', () => {
    const walk: Chain = { kind: 'day', day: D, idAfter: 10, after: 'c', served: 50, lastId: 77 };
    const next = restartChain(walk)!;
    expect(chainSearch(next, updatedSinceQuery)).to.equal(
      "updated_at:>='2026-03-03T00:00:00Z' updated_at:<='2026-03-03T23:59:59Z' id:>=78",
    );
    expect(afterChainEnd({ ...walk, served: 20 }, 50)).to.deep.equal(firstChain(D + DAY));
  });

  it('when a chain ends exactly at the limit, then one more query checks that Shopify did not cut it short; below the limit a time chain ends the run', () => {
    expect(afterChainEnd({ kind: 'time', since: D, after: 'c', served: 50, lastAt: D + 1000 }, 50)).to.deep.equal(firstChain(D + 1000));
    expect(afterChainEnd({ kind: 'time', since: D, after: 'c', served: 49, lastAt: D + 1000 }, 50)).to.equal(null);
  });
});
