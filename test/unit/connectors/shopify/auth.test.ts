import { expect } from 'chai';
import { DEFAULT_API_VERSION, shopifyEndpoints } from '../../../../src/connectors/shopify/auth.js';
import { check } from '../../../../src/validation/validators.js';

const SCHEMA = 'talkdesk-bridge/auth/shopify';

describe('Shopify auth fields', () => {
  it('when the shop is a store name or its myshopify.com domain, then the endpoint is that store on the default version', () => {
    for (const shop of ['lumiere-boutique', 'lumiere-boutique.myshopify.com']) {
      expect(check(SCHEMA, { shop, access_token: 'shpat_x' }, 'auth')).to.equal(null);
      expect(shopifyEndpoints({ shop, access_token: 'shpat_x' })).to.deep.equal({
        graphqlUrl: `https://lumiere-boutique.myshopify.com/admin/api/${DEFAULT_API_VERSION}/graphql.json`,
        store: 'lumiere-boutique',
      });
    }
  });

  it('when an API version is given, then it is used', () => {
    expect(shopifyEndpoints({ shop: 'acme', access_token: 't', api_version: '2025-10' }).graphqlUrl).to.equal(
      'https://acme.myshopify.com/admin/api/2025-10/graphql.json',
    );
  });

  it('when base_url is given, then the API is reached there and admin links still name the store', () => {
    expect(shopifyEndpoints({ shop: 'acme', access_token: 't', base_url: 'http://127.0.0.1:4200/' })).to.deep.equal({
      graphqlUrl: `http://127.0.0.1:4200/admin/api/${DEFAULT_API_VERSION}/graphql.json`,
      store: 'acme',
    });
  });

  it('when the shop is anything but a store name, then the schema and the connector refuse it', () => {
    for (const shop of [
      '',
      'https://acme.myshopify.com',
      'acme.myshopify.com/admin',
      'acme.evil.com',
      'evil.com#.myshopify.com',
      'acme@evil.com',
      '-acme',
      'Acme',
      'acme.myshopify.com.evil.com',
      '127.0.0.1',
      'a'.repeat(64),
    ]) {
      expect(check(SCHEMA, { shop, access_token: 't' }, 'auth'), shop).to.not.equal(null);
      expect(() => shopifyEndpoints({ shop, access_token: 't' }), shop).to.throw(/auth\.shop/);
    }
  });

  it('when the API version or the token is malformed, then the schema refuses it', () => {
    for (const api_version of ['2026-7', '2026-13', 'latest', 'unstable', '2026-07 ']) {
      expect(check(SCHEMA, { shop: 'acme', access_token: 't', api_version }, 'auth'), api_version).to.not.equal(null);
    }
    for (const access_token of ['', 'has space', 'line\nbreak']) {
      expect(check(SCHEMA, { shop: 'acme', access_token }, 'auth'), access_token).to.not.equal(null);
    }
  });

  it('when base_url carries credentials, a query or a fragment, then the connector refuses it', () => {
    for (const base_url of ['https://u:p@proxy.example.com', 'https://proxy.example.com/?x=1', 'https://proxy.example.com/#x', 'ftp://x']) {
      expect(() => shopifyEndpoints({ shop: 'acme', access_token: 't', base_url }), base_url).to.throw(/auth\.base_url/);
    }
  });
});
