import { expect } from 'chai';
import { absoluteHttpUrl, cleanText, UNKNOWN_CONTACT_NAME } from '../../../src/contacts/contact-text.js';

describe('contact text readers', () => {
  it('when a value is a string with content, then cleanText trims it; otherwise it is null', () => {
    expect(cleanText('  Ada ')).to.equal('Ada');
    for (const value of ['', '  \t', null, undefined, 42, {}, ['a']]) expect(cleanText(value), String(value)).to.equal(null);
  });

  it('when a value is an absolute http(s) URL with a host, then absoluteHttpUrl keeps it as written; otherwise null', () => {
    expect(absoluteHttpUrl(' https://cdn.example.com/a.png?v=1 ')).to.equal('https://cdn.example.com/a.png?v=1');
    expect(absoluteHttpUrl('HTTP://cdn.example.com/a.png')).to.equal('HTTP://cdn.example.com/a.png');
    for (const value of ['/a.png', 'a.png', 'https://', 'https://a b.com/x', 'data:image/png;base64,AA', 'javascript:alert(1)', 7]) {
      expect(absoluteHttpUrl(value), String(value)).to.equal(null);
    }
  });

  it('when a placeholder name is needed, then it is a non-empty constant', () => {
    expect(UNKNOWN_CONTACT_NAME.trim()).to.not.equal('');
  });
});
