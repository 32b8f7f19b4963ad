import { expect } from 'chai';
import fc from 'fast-check';
import { updatedSinceQuery } from '../../../../src/connectors/shopify/search-query.js';
import { compileSearch } from '../../../../fake-crms/shopify/search-query.js';

describe('updatedSinceQuery (Shopify search syntax)', () => {
  it('when given a time on a whole second, then the term is an inclusive, quoted updated_at bound in UTC', () => {
    expect(updatedSinceQuery(Date.UTC(2026, 2, 2, 9, 15, 4))).to.equal("updated_at:>='2026-03-02T09:15:04Z'");
  });

  it('when given a time inside a second, then the bound is rounded down to the second, never up', () => {
    expect(updatedSinceQuery(Date.UTC(2026, 2, 2, 9, 15, 4, 999))).to.equal("updated_at:>='2026-03-02T09:15:04Z'");
  });

  it('when given the epoch, then the bound is the epoch', () => {
    expect(updatedSinceQuery(0)).to.equal("updated_at:>='1970-01-01T00:00:00Z'");
  });

  it('when any bound is read by the fake Shopify, then it is one term without warnings that keeps every customer at or after it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) }),
        fc.integer({ min: 0, max: 10 * 86_400_000 }),
        fc.constantFrom('day' as const, 'exact' as const),
        (bound, later, matching) => {
          const search = compileSearch(updatedSinceQuery(bound), matching);
          expect(search.warnings).to.deep.equal([]);
          const updatedAt = Math.floor((bound + later) / 1000) * 1000;
          expect(search.matches({ id: 1, updatedAt, createdAt: updatedAt } as never)).to.equal(
            updatedAt >= Math.floor(bound / 1000) * 1000,
          );
        },
      ),
    );
  });
});
