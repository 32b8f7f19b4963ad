import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, Next } from 'koa';
import { AppError } from '../errors.js';

/**
 * Optional shared secret between Talkdesk and the bridge (BRIDGE_TOKEN). Talkdesk can send it as
 * a Bearer token or, since an integration's endpoint URL may carry userinfo, as the password of
 * HTTP Basic (`https://talkdesk:<token>@bridge.example.com/twenty/contacts`). A refusal is 403
 * `bridge_unauthorized`, never 401: a 401 tells Talkdesk the CRM refused its OAuth token and makes
 * it refresh that token, which would not help.
 */
export function inboundAuth(token: string | undefined) {
  if (!token) return async (_ctx: Context, next: Next): Promise<void> => next();
  // Comparing fixed-length digests keeps the comparison constant-time whatever the input length.
  const expected = digest(token);
  return async function inboundAuthMiddleware(ctx: Context, next: Next): Promise<void> {
    const presented = presentedToken(ctx.get('authorization'));
    if (presented === null || !timingSafeEqual(digest(presented), expected)) {
      throw new AppError(
        'bridge_unauthorized',
        'This bridge requires its access token (Authorization: Bearer <BRIDGE_TOKEN>, or the password of HTTP Basic).',
      );
    }
    await next();
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

function presentedToken(header: string): string | null {
  const match = /^(Bearer|Basic)\s+(\S+)\s*$/i.exec(header);
  if (!match) return null;
  const [, scheme, value] = match as unknown as [string, string, string];
  if (scheme.toLowerCase() === 'bearer') return value;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? null : decoded.slice(colon + 1);
}
