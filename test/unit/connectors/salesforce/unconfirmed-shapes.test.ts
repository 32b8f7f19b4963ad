import { expect } from 'chai';
import { SYNC_ORDER, TIE_ORDER } from '../../../../src/connectors/salesforce/contact-order.js';
import { parseDateTime } from '../../../../src/connectors/salesforce/date-time.js';
import { restErrorCodes } from '../../../../src/connectors/salesforce/errors.js';

const T = Date.UTC(2025, 2, 1, 8, 15, 0);

describe('Salesforce shapes not yet confirmed by a real org', () => {
  describe('parseDateTime', () => {
    for (const [text, ms] of [
      ['2025-03-01T08:15:00.000Z', T],
      ['2025-03-01T08:15:00Z', T],
      ['2025-03-01T08:15:00.000+0000', T],
      ['2025-03-01T09:15:00.000+01:00', T],
      ['2025-03-01T08:15:00.123456Z', T + 123],
    ] as const) {
      it(`when Salesforce writes ${text}, then it is read as that instant`, () => {
        expect(parseDateTime(text)).to.equal(ms);
      });
    }
    for (const bad of ['', '2025-03-01', '2025-03-01 08:15:00Z', 'yesterday', '2025-13-01T08:15:00Z', 1740816900000, null]) {
      it(`when the value is ${JSON.stringify(bad)}, then it is not a date-time`, () => {
        expect(parseDateTime(bad)).to.equal(null);
      });
    }
  });

  it('when contacts are ordered, then each query names one key, so no precedence between keys is relied on', () => {
    expect(SYNC_ORDER).to.deep.equal({ SystemModstamp: { order: 'ASC' } });
    expect(TIE_ORDER).to.deep.equal({ Id: { order: 'ASC' } });
  });

  describe('restErrorCodes', () => {
    it('when the body is a Salesforce error array, then its codes are read', () => {
      expect(restErrorCodes('[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]')).to.deep.equal([
        'INVALID_SESSION_ID',
      ]);
    });
    for (const body of ['', 'not json', '[]', '{"errors":[]}', '[{"message":"x"}]', '<html></html>']) {
      it(`when the body is ${JSON.stringify(body)}, then it is not a Salesforce error array`, () => {
        expect(restErrorCodes(body)).to.equal(null);
      });
    }
  });
});
