import { expect } from 'chai';
import { classifyShopifyErrors, parseCost, throttleWaitSeconds, type ShopifyCost } from '../../../../src/connectors/shopify/errors.js';

const cost = (requestedQueryCost: number, currentlyAvailable: number, restoreRate = 100, maximumAvailable = 2000): ShopifyCost => ({
  requestedQueryCost,
  throttleStatus: { maximumAvailable, currentlyAvailable, restoreRate },
});

const throttledBody = JSON.stringify({
  errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }],
  extensions: {
    cost: {
      requestedQueryCost: 502,
      actualQueryCost: null,
      throttleStatus: { maximumAvailable: 2000.0, currentlyAvailable: 118, restoreRate: 100.0 },
    },
  },
});

describe('Shopify throttling and errors', () => {
  describe('parseCost', () => {
    it('when the answer carries extensions.cost, then requested cost and throttle status are read', () => {
      expect(parseCost(throttledBody)).to.deep.equal(cost(502, 118));
    });

    it('when the body is not JSON or lacks a number, then there is no cost', () => {
      expect(parseCost('<html>')).to.equal(null);
      expect(parseCost('null')).to.equal(null);
      expect(parseCost(JSON.stringify({ extensions: { cost: { requestedQueryCost: 5 } } }))).to.equal(null);
      expect(parseCost(JSON.stringify({ extensions: { cost: { ...cost(5, 1), requestedQueryCost: '5' } } }))).to.equal(null);
    });
  });

  describe('throttleWaitSeconds', () => {
    it('when the bucket lacks points, then the wait is the missing points over the restore rate, rounded up', () => {
      expect(throttleWaitSeconds(cost(502, 118, 100))).to.equal(4);
      expect(throttleWaitSeconds(cost(502, 0, 50))).to.equal(11);
      expect(throttleWaitSeconds(cost(1000, 999.5, 1000))).to.equal(1);
    });

    it('when the bucket already holds the cost, then the wait is still one second', () => {
      expect(throttleWaitSeconds(cost(10, 500))).to.equal(1);
    });

    it('when the restore rate is zero or the numbers are missing, then there is no computed wait', () => {
      expect(throttleWaitSeconds(cost(10, 0, 0))).to.equal(undefined);
      expect(throttleWaitSeconds(null)).to.equal(undefined);
    });

    it('when the wait would be very long, then it is capped at an hour', () => {
      expect(throttleWaitSeconds(cost(1000, 0, 0.001))).to.equal(3600);
    });
  });

  describe('classifyShopifyErrors', () => {
    it('when Shopify answers THROTTLED, then a retryable crm_rate_limited with the refill wait', () => {
      const error = classifyShopifyErrors([{ message: 'Throttled', code: 'THROTTLED' }], cost(502, 118))!;
      expect(error).to.include({ code: 'crm_rate_limited', retryable: true, retryAfterSeconds: 4 });
    });

    it('when THROTTLED comes without a cost block, then the wait is one second', () => {
      expect(classifyShopifyErrors([{ message: 'Throttled', code: 'THROTTLED' }], null)).to.include({ retryAfterSeconds: 1 });
    });

    it('when the query costs more than the bucket can ever hold, then a non-retryable crm_error naming PAGE_SIZE', () => {
      const error = classifyShopifyErrors([{ message: 'Throttled', code: 'THROTTLED' }], cost(1200, 0, 50, 1000))!;
      expect(error).to.include({ code: 'crm_error', retryable: false });
      expect(error.message).to.include('PAGE_SIZE');
    });

    it('when Shopify denies access, then crm_unauthorized naming the scope', () => {
      const error = classifyShopifyErrors([{ message: 'Access denied for customers field.', code: 'ACCESS_DENIED' }], null)!;
      expect(error.code).to.equal('crm_unauthorized');
      expect(error.message).to.include('read_customers');
    });

    it('when Shopify fails internally, then a retryable crm_error', () => {
      expect(classifyShopifyErrors([{ message: 'Internal error.', code: 'INTERNAL_SERVER_ERROR' }], null)).to.include({
        code: 'crm_error',
        retryable: true,
      });
    });

    it('when the query is too costly, then a non-retryable crm_error', () => {
      expect(classifyShopifyErrors([{ message: 'Query cost is 1252', code: 'MAX_COST_EXCEEDED' }], null)).to.include({
        code: 'crm_error',
        retryable: false,
      });
    });

    it('when Shopify refuses the cursor, then the error says so, so that the sync can restart', () => {
      expect(classifyShopifyErrors([{ message: 'Invalid cursor for the current sort: abc', code: undefined }], null)).to.include({
        code: 'crm_error',
        cursorRejected: true,
      });
    });

    it('when the error is anything else, then the shared handling decides', () => {
      expect(classifyShopifyErrors([{ message: "Field 'x' doesn't exist on type 'Customer'", code: 'undefinedField' }], null)).to.equal(
        undefined,
      );
    });
  });
});
