/**
 * The UTF-8 bytes of `JSON.stringify(value)` for a plain object, built in pieces of about 16 K
 * characters. Encoding one large string costs far more than its pieces: measured in `npm run bench`
 * (docs/performance.md) on a 200-contact page whose names are not all ASCII (an 80-KB answer, a
 * two-byte string in V8), `Buffer.from(JSON.stringify(page))` took about 1 ms against 0.2 ms for
 * the `JSON.stringify` alone, and these pieces about 0.4-0.5 ms in all. The bytes are the same:
 * each top-level value, and each element of a top-level array, is serialized by JSON.stringify
 * itself, joined as JSON.stringify joins them (members whose value JSON omits are skipped; array
 * elements it cannot serialize become `null`).
 */
const PIECE_CHARS = 16_384;

export function jsonBytes(value: Record<string, unknown>): Buffer {
  // Anything with its own serialization is left to JSON.stringify as a whole.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return Buffer.from(JSON.stringify(value));
  const pieces: Buffer[] = [];
  let text = '{';
  let firstMember = true;
  const flush = (): void => {
    if (text.length >= PIECE_CHARS) {
      pieces.push(Buffer.from(text));
      text = '';
    }
  };
  for (const key of Object.keys(value)) {
    const member = value[key];
    if (Array.isArray(member) && typeof (member as { toJSON?: unknown }).toJSON !== 'function') {
      text += `${firstMember ? '' : ','}${JSON.stringify(key)}:[`;
      for (let i = 0; i < member.length; i++) {
        text += `${i === 0 ? '' : ','}${JSON.stringify(member[i]) ?? 'null'}`;
        flush();
      }
      text += ']';
    } else {
      const serialized = JSON.stringify(member) as string | undefined;
      if (serialized === undefined) continue;
      text += `${firstMember ? '' : ','}${JSON.stringify(key)}:${serialized}`;
      flush();
    }
    firstMember = false;
  }
  pieces.push(Buffer.from(`${text}}`));
  return pieces.length === 1 ? (pieces[0] as Buffer) : Buffer.concat(pieces);
}
