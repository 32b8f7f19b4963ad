import { expect } from 'chai';
import { normaliseBaseUrl } from '../../../src/crm-http/base-url.js';

describe('normaliseBaseUrl', () => {
  it('when the URL is http(s), then it is kept without trailing slashes', () => {
    expect(normaliseBaseUrl('https://proxy.example.com/', 'base_url')).to.equal('https://proxy.example.com');
    expect(normaliseBaseUrl('http://127.0.0.1:4200/shopify//', 'base_url')).to.equal('http://127.0.0.1:4200/shopify');
  });

  it('when the URL has credentials, a query, a fragment, another scheme or is not a URL, then invalid_auth names the field', () => {
    for (const raw of ['https://u:p@x.com', 'https://x.com/?a=1', 'https://x.com/#f', 'ftp://x.com', 'not a url']) {
      expect(() => normaliseBaseUrl(raw, 'base_url'), raw)
        .to.throw(/auth\.base_url/)
        .with.property('code', 'invalid_auth');
    }
  });
});
