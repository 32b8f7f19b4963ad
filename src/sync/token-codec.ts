import { createHash } from 'node:crypto';

/**
 * Opaque tokens handed to Talkdesk (checkpoints, offsets): `<kind><version>.<base64url JSON>.<check>`.
 * The check is a truncated SHA-256 of the rest, so that a truncated, edited or foreign string is
 * refused with a clear 400 instead of silently moving a sync to the wrong place. Tokens carry
 * positions only, never credentials, so integrity (not secrecy) is what they need: a forged token
 * can only make the caller re-read data its own credentials can already read. The check has no
 * key, so anyone can compute it: it proves a token intact, never who made it, and the reasons
 * below claim no more than that (the form, or a check that does not match the content).
 */
function checkOf(head: string): string {
  return createHash('sha256').update(head).digest('base64url').slice(0, 12);
}

export function encodeToken(prefix: string, payload: unknown): string {
  const head = `${prefix}.${Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url')}`;
  return `${head}.${checkOf(head)}`;
}

export type DecodeResult = { ok: true; payload: unknown } | { ok: false; reason: string };

/** Decode a token of the given prefix; `reason` says why it is not one (for the error message). */
export function decodeToken(prefix: string, token: string): DecodeResult {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== prefix) return { ok: false, reason: "it does not have the form of this bridge's tokens" };
  const [, body, check] = parts as [string, string, string];
  if (!/^[A-Za-z0-9_-]+$/.test(body) || checkOf(`${prefix}.${body}`) !== check) {
    return { ok: false, reason: 'its check characters do not match its content (it was truncated or altered)' };
  }
  try {
    return { ok: true, payload: JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) };
  } catch {
    return { ok: false, reason: 'its content is unreadable' };
  }
}
