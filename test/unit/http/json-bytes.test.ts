import { expect } from 'chai';
import fc from 'fast-check';
import { jsonBytes } from '../../../src/http/json-bytes.js';

describe('jsonBytes', () => {
  const value = fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.string({ unit: 'grapheme' }));
  const member = fc.oneof(value, fc.array(value, { maxLength: 40 }));

  it('when given any plain object of JSON values and arrays, then its bytes are those of JSON.stringify', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), member), (object) => {
        expect(jsonBytes(object).equals(Buffer.from(JSON.stringify(object)))).to.equal(true);
      }),
    );
  });

  it('when an array is far larger than one piece and not all ASCII, then its bytes are still those of JSON.stringify', () => {
    const contacts = Array.from({ length: 3000 }, (_, i) => ({
      id: `id-${i}`,
      name: i % 3 === 0 ? `Zoë Ångström ${i}` : i % 3 === 1 ? `李小龍 ${i}` : `Ann 😀 ${i}`,
      phones: [`+3361234${String(i).padStart(4, '0')}`],
      gone: undefined,
    }));
    const page = { synchronization_checkpoint: 'c', contacts, next_offset: undefined, extra: [undefined, () => 1, 2] };
    const bytes = jsonBytes(page);
    expect(bytes.length).to.be.greaterThan(100_000);
    expect(bytes.equals(Buffer.from(JSON.stringify(page)))).to.equal(true);
  });

  it('when the object has its own toJSON, then JSON.stringify decides its bytes', () => {
    const odd = { a: [1], toJSON: () => ({ b: 2 }) };
    expect(jsonBytes(odd).toString()).to.equal('{"b":2}');
  });
});
