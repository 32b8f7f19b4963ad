import { expect } from 'chai';
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { MAX_PIECE_BYTES, parseJsonBytes, parseJsonChunks } from '../../../src/crm-http/json-from-bytes.js';

/** JSON.parse of the decoded bytes: what the bridge did before, and what it must still give. */
function reference(bytes: Buffer): { value: unknown } | { error: true } {
  try {
    return { value: JSON.parse(bytes.toString('utf8')) as unknown };
  } catch (err) {
    expect(err).to.be.instanceOf(SyntaxError);
    return { error: true };
  }
}

function pieces(bytes: Buffer, limit: number): { value: unknown } | { error: true } {
  try {
    return { value: parseJsonBytes(bytes, limit) };
  } catch (err) {
    expect(err).to.be.instanceOf(SyntaxError);
    return { error: true };
  }
}

/** Same values, and the same key order everywhere (isDeepStrictEqual does not compare order). */
function sameAs(actual: unknown, expected: unknown): boolean {
  return isDeepStrictEqual(actual, expected) && JSON.stringify(actual) === JSON.stringify(expected);
}

/** Chunks as a socket may deliver them: cut anywhere, even inside a multi-byte character. */
function cut(bytes: Buffer, at: number[]): Buffer[] {
  const points = [...new Set(at.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const p of points) {
    out.push(Buffer.from(bytes.subarray(from, p)));
    from = p;
  }
  out.push(Buffer.from(bytes.subarray(from)));
  return out;
}

const json = fc.jsonValue({ maxDepth: 4 });
/** JSON text with arbitrary whitespace between tokens (JSON.stringify with a random indent). */
const text = fc
  .tuple(json, fc.constantFrom(undefined, 0, 1, 2, '\t', ' \r\n'))
  .map(([value, indent]) => JSON.stringify(value, null, indent));
const limit = fc.integer({ min: 1, max: 64 });

describe('parseJsonBytes (a CRM answer parsed in pieces)', () => {
  it('when the bytes are any JSON document, then the value is JSON.parse’s, even with every value cut into its own piece', () => {
    fc.assert(
      fc.property(text, limit, (doc, max) => {
        const bytes = Buffer.from(doc);
        const got = pieces(bytes, max);
        expect('value' in got, doc).to.equal(true);
        expect(sameAs((got as { value: unknown }).value, JSON.parse(doc)), doc).to.equal(true);
      }),
    );
  });

  it('when the bytes are broken JSON (a byte changed, added or dropped), then it refuses exactly what JSON.parse refuses and agrees on the rest', () => {
    const damaged = fc
      .tuple(text, fc.nat(), fc.constantFrom('replace', 'insert', 'delete'), fc.constantFrom(...'{}[]",:\\ 01-.etfnaul\u00e9x\n'.split('')))
      .map(([doc, at, how, ch]) => {
        // Anywhere from before the first character to after the last.
        const i = at % (doc.length + 1);
        if (how === 'delete') return doc.slice(0, i) + doc.slice(i + 1);
        return doc.slice(0, i) + ch + doc.slice(how === 'replace' ? i + 1 : i);
      });
    fc.assert(
      fc.property(damaged, limit, (doc, max) => {
        const bytes = Buffer.from(doc);
        const expected = reference(bytes);
        const got = pieces(bytes, max);
        expect('error' in got, `${doc} (limit ${max})`).to.equal('error' in expected);
        if ('value' in got && 'value' in expected) expect(sameAs(got.value, expected.value), doc).to.equal(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('when the bytes are not valid UTF-8, then every replacement character falls where decoding the whole answer puts it', () => {
    const bytes = fc
      .tuple(text, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0x80, max: 0xff })), { minLength: 1, maxLength: 4 }))
      .map(([doc, junk]) => {
        const b = Buffer.from(doc);
        const out = [...b];
        for (const [at, byte] of junk) out.splice(at % (out.length + 1), 0, byte);
        return Buffer.from(out);
      });
    fc.assert(
      fc.property(bytes, limit, (b, max) => {
        const expected = reference(b);
        const got = pieces(b, max);
        expect('error' in got).to.equal('error' in expected);
        if ('value' in got && 'value' in expected) expect(sameAs(got.value, expected.value)).to.equal(true);
      }),
    );
  });

  it('when a member is named __proto__, then it is an own property and the prototype is untouched, as with JSON.parse', () => {
    const doc = Buffer.from('{"__proto__":{"polluted":true},"a":[1,2,3],"b":"x"}');
    const value = parseJsonBytes(doc, 4) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).to.equal(Object.prototype);
    expect(Object.keys(value)).to.deep.equal(['__proto__', 'a', 'b']);
    expect((value as { polluted?: unknown }).polluted).to.equal(undefined);
    expect(sameAs(value, JSON.parse(doc.toString()))).to.equal(true);
  });

  it('when a key is repeated, then the last value wins in the first position, as with JSON.parse', () => {
    const doc = Buffer.from('{"a":1,"b":[2],"a":{"c":3}}');
    expect(sameAs(parseJsonBytes(doc, 2), JSON.parse(doc.toString()))).to.equal(true);
  });

  it('when the answer starts with a byte-order mark, then it is refused like JSON.parse refuses it', () => {
    const doc = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":[1,2]}')]);
    expect(() => parseJsonBytes(doc, 2)).to.throw(SyntaxError);
    expect(() => JSON.parse(doc.toString('utf8'))).to.throw(SyntaxError);
  });
});

describe('parseJsonChunks (the answer as the socket delivered it)', () => {
  it('when an answer is cut into chunks anywhere, then the value is the same as from one buffer', () => {
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 6 }), limit, (doc, at, max) => {
        const bytes = Buffer.from(doc);
        const chunks = cut(bytes, at);
        expect(sameAs(parseJsonChunks(chunks, bytes.length, max), JSON.parse(doc))).to.equal(true);
      }),
    );
  });

  it('when a Twenty-sized page is larger than a piece, then no piece given to JSON.parse is larger than the limit and the page is JSON.parse’s', () => {
    const people = Array.from({ length: 400 }, (_, i) => ({
      cursor: Buffer.from(JSON.stringify({ updatedAt: '2024-01-02T09:28:46.836Z', id: `id-${i}` })).toString('base64'),
      node: {
        id: `id-${i}`,
        name: { firstName: i % 2 ? 'Chloé' : 'Layla', lastName: i % 3 ? 'Roy' : 'العلي' },
        emails: { primaryEmail: `p${i}@example.com` },
      },
    }));
    const doc = JSON.stringify({ data: { people: { edges: people, pageInfo: { hasNextPage: true, endCursor: 'abc' } } } });
    const bytes = Buffer.from(doc);
    expect(bytes.length).to.be.greaterThan(MAX_PIECE_BYTES);
    const seen: number[] = [];
    const parse = JSON.parse;
    JSON.parse = ((s: string) => {
      seen.push(s.length);
      return parse(s) as unknown;
    }) as typeof JSON.parse;
    let value: unknown;
    try {
      value = parseJsonChunks(cut(bytes, [1000, 70_000, 70_001]), bytes.length);
    } finally {
      JSON.parse = parse;
    }
    expect(sameAs(value, parse(doc))).to.equal(true);
    expect(seen.length).to.be.greaterThan(1);
    expect(Math.max(...seen)).to.be.at.most(MAX_PIECE_BYTES);
  });
});
