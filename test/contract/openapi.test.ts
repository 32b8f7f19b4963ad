import { validate } from '@readme/openapi-parser';
import { expect } from 'chai';
import { startBridge, type TestBridge } from '../support/bridge.js';

describe('GET /openapi.json', () => {
  let bridge: TestBridge;
  before(async () => {
    bridge = await startBridge();
  });
  after(() => bridge.close());

  it('when fetched, then it is a valid OpenAPI 3.1 document describing every connector endpoint', async () => {
    const res = await fetch(bridge.url + '/openapi.json');
    expect(res.status).to.equal(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).to.equal('3.1.0');
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid, JSON.stringify((result as { errors?: unknown }).errors)).to.equal(true);
    expect(Object.keys(doc.paths)).to.include.members(['/twenty/contacts', '/twenty/auth', '/health', '/ready']);
    expect(Object.keys(doc.components.schemas)).to.include.members(['SyncRequest', 'SyncResponse', 'Contact', 'Error', 'TwentyAuth']);
  });

  it('when the document is built, then its schemas are the ones the server validates with', async () => {
    const doc = (await (await fetch(bridge.url + '/openapi.json')).json()) as { components: { schemas: Record<string, any> } };
    expect(doc.components.schemas['Contact'].required).to.include.members(['id', 'name', 'phones', 'url']);
    expect(doc.components.schemas['SyncResponse'].properties.contacts.items.$ref).to.equal('#/components/schemas/Contact');
  });
});
