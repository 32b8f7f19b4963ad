import { decodeToken, encodeToken } from '../../src/sync/token-codec.js';

/**
 * A contacts answer as the bench compares it across targets: the bytes as served, except that
 * the pacing state the bridge keeps in `next_offset` (`pc`: its estimate of the CRM's rate-limit
 * buckets, stamped with the time of the call; src/pacing/) is taken out of the token. The
 * hand-written proxies do not pace, and the state's timestamps could not match anyway; the
 * contacts, the checkpoint and the rest of the offset must still be byte-identical.
 */
export function comparableAnswer(text: string): string {
  let answer: { next_offset?: unknown };
  try {
    answer = JSON.parse(text) as { next_offset?: unknown };
  } catch {
    return text;
  }
  if (typeof answer.next_offset !== 'string') return text;
  const decoded = decodeToken('of1', answer.next_offset);
  if (!decoded.ok || typeof decoded.payload !== 'object' || decoded.payload === null || !('pc' in decoded.payload)) return text;
  const { pc: _pacing, ...rest } = decoded.payload as Record<string, unknown>;
  return text.replace(answer.next_offset, encodeToken('of1', rest));
}
