/**
 * JSON.parse of a CRM answer straight from its bytes, without ever making the whole answer one
 * string.
 *
 * Why: V8 allocates a string larger than 128 KB (a two-byte string of more than 64 K characters,
 * a one-byte one of more than 128 K) in its large-object space, in fresh pages mapped for it
 * alone. Touching fresh pages is cheap on bare metal but not in a virtual machine: on this
 * project's machines (Firecracker microVMs) decoding a 130-KB answer took 450 µs against 10 µs
 * for a 127-KB one, and a 200-person Twenty page (166 KB) cost 1.9 ms to decode and 0.5 ms to
 * parse (docs/performance.md, "The cost of a contact"). Here, every value larger than
 * `MAX_PIECE_BYTES` is taken apart into its members, and everything smaller is decoded and
 * parsed by V8's own JSON.parse as one small string.
 *
 * The result is JSON.parse's, value for value: the same numbers and strings (JSON.parse reads
 * each one), members in the same order, the last of duplicate keys, `__proto__` as an own
 * property, and a SyntaxError for every input JSON.parse refuses (test/unit/json-from-bytes.test.ts
 * checks both on generated documents and on broken ones).
 *
 * Two passes:
 * 1. One loop over the bytes finds where every object and array starts and ends (strings are
 *    skipped with their escapes; UTF-8 continuation bytes are never ASCII, so they cannot be
 *    mistaken for brackets or quotes).
 * 2. Values are built from the top: a container larger than the limit is walked member by member
 *    (separators and whitespace checked here), anything else is handed to JSON.parse.
 */

/**
 * The largest piece given to JSON.parse as one string: 64,000 bytes decode to at most 64,000
 * UTF-16 code units, 128,000 bytes as a two-byte string, under V8's 131,072-byte limit for an
 * ordinary heap object.
 */
export const MAX_PIECE_BYTES = 64_000;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

const isWhitespace = (c: number | undefined): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function syntaxError(what: string, at: number): SyntaxError {
  return new SyntaxError(`${what} in JSON at position ${at}`);
}

/**
 * Every object and array of the document in the order they open: where each starts, where it
 * ends (one past its closing bracket) and the index of the first container opened after it
 * (its next sibling, or its parent's next sibling).
 */
interface Containers {
  starts: number[];
  ends: number[];
  after: number[];
}

function findContainers(b: Buffer, n: number): Containers {
  const starts: number[] = [];
  const ends: number[] = [];
  const after: number[] = [];
  const open: number[] = [];
  let count = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i] as number;
    if (c === QUOTE) {
      for (i++; ;) {
        if (i >= n) throw syntaxError('Unterminated string', n);
        const d = b[i] as number;
        if (d === QUOTE) break;
        i += d === BACKSLASH ? 2 : 1;
      }
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      starts.push(i);
      ends.push(-1);
      after.push(-1);
      open.push(count++);
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      const k = open.pop();
      // '{' + 2 === '}' and '[' + 2 === ']'.
      if (k === undefined || (b[starts[k] as number] as number) + 2 !== c)
        throw syntaxError(`Unexpected token '${String.fromCharCode(c)}'`, i);
      ends[k] = i + 1;
      after[k] = count;
    }
  }
  if (open.length > 0) throw syntaxError('Unexpected end of JSON input', n);
  return { starts, ends, after };
}

class PieceParser {
  private readonly starts: number[];
  private readonly ends: number[];
  private readonly after: number[];
  /** Where the member being read ends, and the index of the next container after it. */
  private pos = 0;
  private next = 0;

  constructor(
    private readonly b: Buffer,
    private readonly n: number,
    private readonly limit: number,
    containers: Containers,
  ) {
    this.starts = containers.starts;
    this.ends = containers.ends;
    this.after = containers.after;
  }

  /** The whole document: one value between optional whitespace. */
  document(): unknown {
    const start = this.skipWhitespace(0);
    this.next = 0;
    const value = this.value(start);
    if (this.skipWhitespace(this.pos) !== this.n) throw syntaxError('Unexpected non-whitespace character after JSON', this.pos);
    return value;
  }

  private piece(from: number, to: number): unknown {
    return JSON.parse(this.b.toString('utf8', from, to));
  }

  private skipWhitespace(i: number): number {
    while (i < this.n && isWhitespace(this.b[i])) i++;
    return i;
  }

  /** The value starting at `i` (no whitespace before it); sets `pos` to where it ends. */
  private value(i: number): unknown {
    const c = this.b[i];
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      const k = this.next;
      if (this.starts[k] !== i) throw syntaxError('Unexpected token', i);
      const end = this.ends[k] as number;
      let value: unknown;
      if (end - i <= this.limit) {
        value = this.piece(i, end);
      } else {
        this.next = k + 1;
        value = c === OPEN_OBJECT ? this.object(k) : this.array(k);
      }
      this.next = this.after[k] as number;
      this.pos = end;
      return value;
    }
    const end = c === QUOTE ? this.stringEnd(i) : this.scalarEnd(i);
    this.pos = end;
    // A number or literal is checked by JSON.parse itself ("tru", "01", "1e" are refused there).
    return this.piece(i, end);
  }

  /** One past the closing quote of the string opening at `i`. */
  private stringEnd(i: number): number {
    for (i++; i < this.n;) {
      const d = this.b[i];
      if (d === QUOTE) return i + 1;
      i += d === BACKSLASH ? 2 : 1;
    }
    throw syntaxError('Unterminated string', this.n);
  }

  /** The end of a number or literal: the next separator, bracket or whitespace. */
  private scalarEnd(i: number): number {
    let j = i;
    while (j < this.n) {
      const d = this.b[j];
      if (d === COMMA || d === CLOSE_ARRAY || d === CLOSE_OBJECT || d === COLON || isWhitespace(d)) break;
      j++;
    }
    if (j === i) throw syntaxError(j < this.n ? 'Unexpected token' : 'Unexpected end of JSON input', j);
    return j;
  }

  private array(k: number): unknown[] {
    const close = (this.ends[k] as number) - 1;
    const out: unknown[] = [];
    let i = this.skipWhitespace((this.starts[k] as number) + 1);
    if (i === close) return out;
    for (;;) {
      out.push(this.value(i));
      i = this.skipWhitespace(this.pos);
      if (i === close) return out;
      if (this.b[i] !== COMMA) throw syntaxError('Unexpected token', i);
      i = this.skipWhitespace(i + 1);
      if (i === close) throw syntaxError('Unexpected token', i);
    }
  }

  private object(k: number): Record<string, unknown> {
    const close = (this.ends[k] as number) - 1;
    const out: Record<string, unknown> = {};
    let i = this.skipWhitespace((this.starts[k] as number) + 1);
    if (i === close) return out;
    for (;;) {
      if (this.b[i] !== QUOTE) throw syntaxError('Expected property name', i);
      const keyEnd = this.stringEnd(i);
      const key = this.piece(i, keyEnd) as string;
      i = this.skipWhitespace(keyEnd);
      if (this.b[i] !== COLON) throw syntaxError("Expected ':' after property name", i);
      const member = this.value(this.skipWhitespace(i + 1));
      // JSON.parse makes `__proto__` an own property; assigning it would set the prototype.
      if (key === '__proto__') Object.defineProperty(out, key, { value: member, writable: true, enumerable: true, configurable: true });
      else out[key] = member;
      i = this.skipWhitespace(this.pos);
      if (i === close) return out;
      if (this.b[i] !== COMMA) throw syntaxError("Expected ',' or '}' after property value", i);
      i = this.skipWhitespace(i + 1);
    }
  }
}

/** Bytes are copied here when an answer arrived in several chunks (and fits), instead of a fresh buffer each time. */
let scratch: Buffer | null = null;
/** Answers larger than this get a buffer of their own rather than growing the shared one. */
const SCRATCH_MAX_BYTES = 8 * 1024 * 1024;

/**
 * JSON.parse of the UTF-8 text in `chunks` (in order, `size` bytes in all), with no string larger
 * than `limit` bytes made on the way (except a single string or number that is larger itself).
 * Throws a SyntaxError wherever JSON.parse of the decoded text would.
 */
export function parseJsonChunks(chunks: readonly Buffer[], size: number, limit = MAX_PIECE_BYTES): unknown {
  if (chunks.length === 1) return parseJsonBytes(chunks[0] as Buffer, limit);
  if (size > SCRATCH_MAX_BYTES) return parseJsonBytes(Buffer.concat(chunks as Buffer[], size), limit);
  // Fresh pages are what this module avoids: one buffer, kept and reused, holds the answer while
  // it is parsed (synchronously: nothing else uses it meanwhile, and no string refers to it).
  if (scratch === null || scratch.length < size)
    scratch = Buffer.allocUnsafeSlow(Math.min(SCRATCH_MAX_BYTES, Math.max(size, 2 * (scratch?.length ?? 0), 256 * 1024)));
  let offset = 0;
  for (const chunk of chunks) offset += chunk.copy(scratch, offset);
  return parseJsonBytes(scratch.subarray(0, size), limit);
}

/** JSON.parse of the UTF-8 text in `bytes`, in pieces of at most `limit` bytes (see parseJsonChunks). */
export function parseJsonBytes(bytes: Buffer, limit = MAX_PIECE_BYTES): unknown {
  const n = bytes.length;
  if (n <= limit) return JSON.parse(bytes.toString('utf8'));
  return new PieceParser(bytes, n, limit, findContainers(bytes, n)).document();
}
