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

  const pageOf = (operationName: string, first = 10) =>
    post(fake, { query: bridgeDocument(operationName), operationName, variables: { ...SYNC_ORDER_VARIABLES, first } });

  const withAdditional = () =>
    fake.store.create({
      firstName: 'Ana',
      primaryEmail: 'ana@example.pt',
      additionalEmails: ['ana@two.pt'],
      primaryPhoneNumber: '912345678',
      primaryPhoneCountryCode: 'PT',
      primaryPhoneCallingCode: '+351',
      additionalPhones: [{ number: '912000000', countryCode: 'PT', callingCode: '+351' }],
    });

  describe('server versions', () => {
    it('when serving the current generation, then the v0.53 page query fails validation (400, GRAPHQL_VALIDATION_FAILED naming additionalPhones) and the primary-only one works', async () => {
      withAdditional();
      const v053 = await pageOf('TwentyPeoplePageV053');
      expect(v053.status).to.equal(400);
      expect(v053.body.errors[0].extensions.code).to.equal('GRAPHQL_VALIDATION_FAILED');
      expect(v053.body.errors[0].message).to.include('additionalPhones');
      const fallback = await pageOf('TwentyPeoplePagePrimaryOnly');
      expect(fallback.status, fallback.text).to.equal(200);
      expect(fallback.body.data.people.edges[0].node.phones).to.deep.equal({
        primaryPhoneNumber: '912345678',
        primaryPhoneCountryCode: 'PT',
        primaryPhoneCallingCode: '+351',
      });
    });

    it('when serving the current generation, then the typed page query gets additional emails as strings and additional phones with number, countryCode and callingCode', async () => {
      withAdditional();
      const reply = await pageOf('TwentyPeoplePage');
      expect(reply.status, reply.text).to.equal(200);
      const node = reply.body.data.people.edges[0].node;
      expect(node.emails.additionalEmails).to.deep.equal(['ana@two.pt']);
      expect(node.phones.additionalPhones).to.deep.equal([{ number: '912000000', countryCode: 'PT', callingCode: '+351' }]);
    });

    it('when serving v0.53, then the typed page query fails validation (sub-fields on a RAW_JSON scalar)', async () => {
      fake.setOptions({ serverVersion: 'v0.53' });
      withAdditional();
      const typed = await pageOf('TwentyPeoplePage');
      expect(typed.status).to.equal(400);
      expect(typed.body.errors[0].extensions.code).to.equal('GRAPHQL_VALIDATION_FAILED');
    });

    it('when the schema shape is asked by introspection, then Phones.additionalPhones is a list of AdditionalPhone on current servers and RawJSONScalar on v0.53', async () => {
      const typeOf = async () => {
        const reply = await pageOf('TwentySchemaShape');
        expect(reply.status, reply.text).to.equal(200);
        const field = reply.body.data.phones.fields.find((f: { name: string }) => f.name === 'additionalPhones');
        return field.type;
      };
      expect(await typeOf()).to.deep.include({ kind: 'LIST', name: null });
      expect((await typeOf()).ofType).to.deep.include({ kind: 'NON_NULL' });
      expect((await typeOf()).ofType.ofType).to.deep.include({ kind: 'OBJECT', name: 'AdditionalPhone' });
      fake.setOptions({ serverVersion: 'v0.53' });
      expect(await typeOf()).to.deep.include({ kind: 'SCALAR', name: 'RawJSONScalar' });
    });

    it('when the server has no avatarUrl, then selecting it fails validation and introspection does not list it', async () => {
      fake.setOptions({ personAvatarUrl: false });
      fake.store.create({ firstName: 'Ana' });
      const page = await pageOf('TwentyPeoplePage');
      expect(page.status).to.equal(400);
      expect(page.body.errors[0].message).to.include('avatarUrl');
      const shape = await pageOf('TwentySchemaShape');
      const names = shape.body.data.person.fields.map((f: { name: string }) => f.name);
      expect(names).to.include('emails');
      expect(names).to.not.include('avatarUrl');
    });

    it('when serving v0.53, then additional emails and phones come back as the stored JSON and company as a nested object', async () => {
      fake.setOptions({ serverVersion: 'v0.53' });
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
      const reply = await pageOf('TwentyPeoplePageV053');
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
