import { expect } from 'chai';
import { retryAfter } from '../../../src/crm-http/graphql-call.js';

const headers = (value: string | null) => ({ get: (name: string) => (name === 'retry-after' ? value : null) });

describe('Retry-After', () => {
  it('when it is whole seconds, then they are used (capped at an hour)', () => {
    expect(retryAfter(headers('7'))).to.equal(7);
    expect(retryAfter(headers('86400'))).to.equal(3600);
  });
  it('when it is fractional seconds, then they are rounded up, not read as a date', () => {
    expect(retryAfter(headers('0.5'))).to.equal(1);
    expect(retryAfter(headers('2.01'))).to.equal(3);
  });
  it('when it is an HTTP date, then the seconds until then are used', () => {
    const inTen = new Date(Date.now() + 10_000).toUTCString();
    expect(retryAfter(headers(inTen))).to.be.within(9, 11);
  });
  it('when it is absent or junk, then there is none', () => {
    expect(retryAfter(headers(null))).to.equal(undefined);
    expect(retryAfter(headers('soon'))).to.equal(undefined);
  });
});
