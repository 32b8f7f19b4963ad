import { expect } from 'chai';
import { displayUrl, makeRedactor, secretLeaves } from '../../../src/sim/redact.js';

describe('sim redaction', () => {
  it('when a text contains a secret, raw, JSON-escaped or percent-encoded, then every form is replaced', () => {
    const redact = makeRedactor(['k3y"with/quote']);
    expect(redact('a k3y"with/quote b')).to.equal('a [redacted] b');
    expect(redact(JSON.stringify({ v: 'k3y"with/quote' }))).to.equal('{"v":"[redacted]"}');
    expect(redact('?x=k3y%22with%2Fquote')).to.equal('?x=[redacted]');
  });

  it('when one secret contains another, then the longer one is replaced whole', () => {
    const redact = makeRedactor(['abcd', 'abcdefgh']);
    expect(redact('abcdefgh abcd')).to.equal('[redacted] [redacted]');
  });

  it('when a value is shorter than four characters, then it is not treated as a secret', () => {
    expect(makeRedactor(['1', 'ab'])('page 1 ab')).to.equal('page 1 ab');
  });

  it('when auth holds nested values and numbers, then all leaves are secrets', () => {
    expect(secretLeaves({ a: 'x', b: { c: ['y', 12345] }, d: true, e: null })).to.deep.equal(['x', 'y', '12345']);
  });

  it('when a URL has userinfo or credential-like query values, then the displayed URL hides them', () => {
    expect(displayUrl('https://ops:pw@bridge.example.com/twenty/contacts?api_key=s3cret&mode=x')).to.equal(
      'https://bridge.example.com/twenty/contacts?api_key=***&mode=x',
    );
    expect(displayUrl('::')).to.equal('(invalid URL)');
  });
});
