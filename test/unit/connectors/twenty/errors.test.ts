import { expect } from 'chai';
import { classifyTwentyErrors, TwentyPageTooLarge, TwentySelectionRejected } from '../../../../src/connectors/twenty/errors.js';

const one = (message: string, code?: string) => classifyTwentyErrors([{ message, code }]);

describe('classifyTwentyErrors', () => {
  describe('throttling, as each generation words it and as it may be reworded', () => {
    const cases: Array<[string, string | undefined]> = [
      ['Limit reached (100 tokens per 60000 ms)', 'BAD_USER_INPUT'], // current servers (throttler.service.ts)
      ['Too many requests.', 'INTERNAL_SERVER_ERROR'], // v0.53 (use-throttler.ts)
      ['Limit reached (100 tokens per 1000 ms)', undefined],
      ['limit reached: 100 tokens per 1 s', 'BAD_USER_INPUT'],
      ['API limit reached, try again later', 'BAD_USER_INPUT'],
      ['Too Many Requests', undefined],
      ['Rate limit exceeded for this workspace', 'BAD_USER_INPUT'],
      ['Slow down', 'LIMIT_REACHED'],
      ['Slow down', 'TOO_MANY_REQUESTS'],
    ];
    for (const [message, code] of cases) {
      it(`when Twenty answers "${message}" (${code ?? 'no code'}), then it is crm_rate_limited, retryable, with a wait`, () => {
        const error = one(message, code);
        expect(error?.code).to.equal('crm_rate_limited');
        expect(error?.retryable).to.equal(true);
        expect(error?.retryAfterSeconds).to.be.above(0);
      });
    }
  });

  it('when the code is UNAUTHENTICATED or FORBIDDEN, then crm_unauthorized, whatever the message', () => {
    expect(one('Unauthenticated', 'UNAUTHENTICATED')?.code).to.equal('crm_unauthorized');
    expect(one('Forbidden resource', 'FORBIDDEN')?.code).to.equal('crm_unauthorized');
    expect(one('Token has been revoked', 'UNAUTHENTICATED')?.code).to.equal('crm_unauthorized');
  });

  it('when the selection fails validation, then TwentySelectionRejected (the connector looks at the server again)', () => {
    expect(one('Cannot query field "avatarUrl" on type "Person".', 'GRAPHQL_VALIDATION_FAILED')).to.be.instanceOf(TwentySelectionRejected);
  });

  it('when the page size is refused, then TwentyPageTooLarge with the cap named, or null when none is', () => {
    const named = one('Maximum number of records to fetch is 60', 'BAD_USER_INPUT');
    expect(named).to.be.instanceOf(TwentyPageTooLarge);
    expect((named as TwentyPageTooLarge).cap).to.equal(60);
    const unnamed = one('Cannot fetch more records than the maximum', 'BAD_USER_INPUT');
    expect((unnamed as TwentyPageTooLarge).cap).to.equal(null);
  });

  it('when the cursor is refused, then a cursorRejected crm_error; an unrelated BAD_USER_INPUT is left to the generic mapping', () => {
    expect(one('Invalid cursor: abc', 'BAD_USER_INPUT')?.cursorRejected).to.equal(true);
    expect(one('Cannot provide both first and last', 'BAD_USER_INPUT')).to.equal(undefined);
  });
});
