import type { CrmGraphQLError } from '../../crm-http/graphql-call.js';
import { AppError } from '../../errors.js';

/**
 * How Twenty reports failures in GraphQL errors (crm-apis.md, Twenty section):
 * - `extensions.code` UNAUTHENTICATED / FORBIDDEN: the API key is invalid, revoked or lacks access.
 * - Throttling: a message starting `Limit reached (`. Its code and HTTP status are unconfirmed, so
 *   the message is what is matched (HTTP 429 is handled generically before this).
 * - `Invalid cursor: …`: the cursor we sent is not one this server accepts.
 * - GRAPHQL_VALIDATION_FAILED naming an `additional*` field: the server types those sub-fields
 *   differently (version trap); the connector then retries with the primary-only operation.
 */
/** The server rejected our selection of the version-dependent `additional*` sub-fields. */
export class TwentyDialectMismatch extends AppError {
  constructor(message: string) {
    super('crm_error', `Twenty rejected the query: ${message}`);
  }
}

export function classifyTwentyErrors(errors: CrmGraphQLError[]): AppError | undefined {
  for (const e of errors) {
    if (e.code === 'GRAPHQL_VALIDATION_FAILED' && /additional(Emails|Phones)|secondaryLinks/.test(e.message)) {
      return new TwentyDialectMismatch(e.message.slice(0, 300));
    }
  }
  for (const e of errors) {
    if (e.code === 'UNAUTHENTICATED' || e.code === 'FORBIDDEN') {
      return new AppError('crm_unauthorized', `Twenty rejected the API key (${e.code}).`);
    }
  }
  for (const e of errors) {
    if (e.message.startsWith('Limit reached (')) {
      return new AppError('crm_rate_limited', 'Twenty is throttling requests for this workspace; retry later.', {
        retryAfterSeconds: 60,
        retryable: true,
      });
    }
    if (e.code === 'INTERNAL_SERVER_ERROR' || e.code === 'TIMEOUT') {
      return new AppError('crm_error', `Twenty failed (${e.code}).`, { retryable: true });
    }
    // The prefix is what older servers say; newer ones word it differently under BAD_USER_INPUT.
    if (e.message.startsWith('Invalid cursor') || (e.code === 'BAD_USER_INPUT' && /cursor/i.test(e.message))) {
      return new AppError('crm_error', 'Twenty refused the pagination cursor.', { cursorRejected: true });
    }
  }
  return undefined;
}
