import { expect } from 'chai';
import { serializeContacts } from '../../../src/sim/contacts-file.js';

describe('sim contacts file', () => {
  it('when contacts are serialized, then the text is one JSON array with one contact per line', () => {
    const text = serializeContacts([{ id: '1' }, { id: '2' }]);
    expect(text).to.equal('[\n{"id":"1"},\n{"id":"2"}\n]\n');
    expect(JSON.parse(text)).to.deep.equal([{ id: '1' }, { id: '2' }]);
  });

  it('when nothing was delivered, then the file holds an empty array', () => {
    expect(JSON.parse(serializeContacts([]))).to.deep.equal([]);
  });
});
