import { expect } from 'chai';

import { startFakeTwenty, type FakeTwenty } from '../../../../fake-crms/twenty/index.js';
import { KEY, bridgeDocument, post, SYNC_ORDER_VARIABLES } from './fake-twenty-client.js';

describe('fake Twenty CRM: server versions', function () {
  let fake: FakeTwenty;

  beforeEach(async () => {
    fake = await startFakeTwenty({ apiKeys: [KEY] });
  });

  afterEach(async () => {
    await fake.close();
  });

  describe('server versions', () => {
    it("when serving the typed-additional schema, then the bridge's full query fails validation (400) and the primary-only fallback works", async () => {
      fake.setOptions({ serverVersion: 'typed-additional' });
      fake.store.create({
        firstName: 'Ana',
        primaryEmail: 'ana@example.pt',
        primaryPhoneNumber: '912345678',
        primaryPhoneCountryCode: 'PT',
        primaryPhoneCallingCode: '+351',
      });
      const full = await post(fake, {
        query: bridgeDocument('TwentyPeoplePage'),
        operationName: 'TwentyPeoplePage',
        variables: { ...SYNC_ORDER_VARIABLES, first: 10 },
      });
      expect(full.status).to.equal(400);
      expect(full.body.errors[0].extensions.code).to.equal('GRAPHQL_VALIDATION_FAILED');
      expect(full.body.errors[0].message).to.include('additionalPhones');
      const fallback = await post(fake, {
        query: bridgeDocument('TwentyPeoplePagePrimaryOnly'),
        operationName: 'TwentyPeoplePagePrimaryOnly',
        variables: { ...SYNC_ORDER_VARIABLES, first: 10 },
      });
      expect(fallback.status, fallback.text).to.equal(200);
      expect(fallback.body.data.people.edges[0].node.phones).to.deep.equal({
        primaryPhoneNumber: '912345678',
        primaryPhoneCountryCode: 'PT',
        primaryPhoneCallingCode: '+351',
      });
    });

    it('when serving raw-json, then additional emails and phones come back as the stored JSON and company as a nested object', async () => {
      const company = fake.store.createCompany({
        name: 'Acme',
        domainUrl: 'https://acme.com',
        address: {
          addressStreet1: '1 Main St',
          addressStreet2: '',
          addressCity: 'Porto',
          addressState: '',
          addressPostcode: '4000',
          addressCountry: 'Portugal',
        },
      });
      fake.store.create({
        firstName: 'Rui',
        additionalEmails: ['rui@two.pt'],
        additionalPhones: [{ number: '912000000', countryCode: 'PT', callingCode: '+351' }],
        companyId: company.id,
      });
      fake.store.create({ firstName: 'Solo' });
      const reply = await post(fake, { query: bridgeDocument('TwentyPeoplePage'), variables: { ...SYNC_ORDER_VARIABLES, first: 10 } });
      const [withCompany, solo] = reply.body.data.people.edges.map((e: { node: Record<string, unknown> }) => e.node);
      expect(withCompany.emails.additionalEmails).to.deep.equal(['rui@two.pt']);
      expect(withCompany.phones.additionalPhones).to.deep.equal([{ number: '912000000', countryCode: 'PT', callingCode: '+351' }]);
      expect(withCompany.company).to.deep.equal({
        name: 'Acme',
        domainName: { primaryLinkUrl: 'https://acme.com' },
        address: {
          addressStreet1: '1 Main St',
          addressStreet2: '',
          addressCity: 'Porto',
          addressState: '',
          addressPostcode: '4000',
          addressCountry: 'Portugal',
        },
      });
      expect(solo.company).to.equal(null);
    });
  });
});
