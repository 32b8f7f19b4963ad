import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import { toTalkdeskContact, type ShopifyCustomerNode } from '../../../../src/connectors/shopify/to-talkdesk-contact.js';
import { UNKNOWN_CONTACT_NAME } from '../../../../src/contacts/contact-text.js';
import type { TalkdeskContact } from '../../../../src/contacts/talkdesk-contact.js';
import type { ShopifyCustomersPageQuery } from '../../../../src/generated/shopify/graphql.js';
import { projectRoot } from '../../../../src/project-root.js';
import { check } from '../../../../src/validation/validators.js';

const fixtures = join(projectRoot, 'test', 'fixtures', 'shopify');
const readJson = (name: string): unknown => JSON.parse(readFileSync(join(fixtures, name), 'utf8'));

const links = { store: 'lumiere-boutique' };
const GID = 'gid://shopify/Customer/7312456089625';

type Address = NonNullable<ShopifyCustomerNode['defaultAddress']>;

/** A customer with every optional field empty; tests fill in what they are about. */
function customer(overrides: Partial<ShopifyCustomerNode> = {}): ShopifyCustomerNode {
  return {
    id: GID,
    legacyResourceId: '7312456089625',
    displayName: '',
    firstName: null,
    lastName: null,
    defaultEmailAddress: null,
    defaultPhoneNumber: null,
    defaultAddress: null,
    image: { url: 'https://cdn.shopify.com/s/images/admin/customers/default-avatar.png' },
    updatedAt: '2026-03-02T09:15:04Z',
    ...overrides,
  };
}

const address = (parts: Partial<Address>): Address => ({
  company: null,
  address1: null,
  address2: null,
  city: null,
  province: null,
  zip: null,
  country: null,
  countryCodeV2: null,
  formatted: [],
  ...parts,
});

const map = (node: ShopifyCustomerNode): TalkdeskContact => toTalkdeskContact(node, links);

function expectValid(contact: TalkdeskContact): void {
  expect(check('talkdesk-bridge/contact', contact, 'contact')).to.equal(null);
}

describe('toTalkdeskContact (Shopify)', () => {
  describe('the recorded page', () => {
    const page = readJson('customers-page.json') as { data: ShopifyCustomersPageQuery };
    const contacts = page.data.customers.nodes.map(map);

    it('when the recorded page is mapped, then it equals the golden contacts', () => {
      expect(contacts).to.deep.equal(readJson('customers-page.contacts.json'));
    });

    it('when the recorded page is mapped, then every contact validates against the contact schema', () => {
      for (const contact of contacts) expectValid(contact);
    });

    it('when the recorded page is checked against the page schema, then it passes', () => {
      expect(check('talkdesk-bridge/crm/shopify-customers-page', page.data, 'data')).to.equal(null);
    });
  });

  describe('id and url', () => {
    it('when a customer is mapped, then the id is the GID and the url opens the customer in the admin', () => {
      const contact = map(customer());
      expect(contact.id).to.equal(GID);
      expect(contact.url).to.equal('https://admin.shopify.com/store/lumiere-boutique/customers/7312456089625');
    });

    it('when the legacy id is not a number, then there is no url rather than a broken one', () => {
      for (const legacyResourceId of ['', 'abc', '12/34', '1'.repeat(21)]) {
        expect(map(customer({ legacyResourceId })).url, legacyResourceId).to.equal(null);
      }
    });
  });

  describe('name', () => {
    it("when Shopify gives a display name, then it is the contact's name, trimmed", () => {
      expect(map(customer({ displayName: '  João Silva ', firstName: 'Other', lastName: 'Name' })).name).to.equal('João Silva');
    });

    it('when the display name is empty, then first and last names are used', () => {
      expect(map(customer({ displayName: ' ', firstName: ' Yui ', lastName: 'Sato' })).name).to.equal('Yui Sato');
      expect(map(customer({ displayName: '', firstName: null, lastName: 'Sato' })).name).to.equal('Sato');
    });

    it('when there is no name at all, then the email, then the phone, then the placeholder is used', () => {
      const email = { emailAddress: 'ops@fjord.no' };
      const phone = { phoneNumber: '+4722123456' };
      expect(map(customer({ defaultEmailAddress: email, defaultPhoneNumber: phone })).name).to.equal('ops@fjord.no');
      expect(map(customer({ defaultPhoneNumber: phone })).name).to.equal('+4722123456');
      expect(map(customer()).name).to.equal(UNKNOWN_CONTACT_NAME);
    });
  });

  describe('email and phone', () => {
    it('when the customer has a default email, then it is the only email, trimmed', () => {
      expect(map(customer({ defaultEmailAddress: { emailAddress: ' ana@example.pt ' } })).emails).to.deep.equal(['ana@example.pt']);
      expect(map(customer({ defaultEmailAddress: { emailAddress: '  ' } })).emails).to.deep.equal([]);
    });

    it('when the phone is already E.164, then it is kept', () => {
      expect(map(customer({ defaultPhoneNumber: { phoneNumber: '+15145550187' } })).phones).to.deep.equal(['+15145550187']);
    });

    it("when the phone is national, then the default address's country makes it E.164", () => {
      const node = customer({
        defaultPhoneNumber: { phoneNumber: '06 12 34 56 78' },
        defaultAddress: address({ countryCodeV2: 'FR', country: 'France' }),
      });
      expect(map(node).phones).to.deep.equal(['+33612345678']);
    });

    it('when the phone is national and there is no address, then it is kept as written', () => {
      expect(map(customer({ defaultPhoneNumber: { phoneNumber: '06 12 34 56 78' } })).phones).to.deep.equal(['06 12 34 56 78']);
    });

    it('when the phone has no digit, then there is no phone', () => {
      expect(map(customer({ defaultPhoneNumber: { phoneNumber: 'n/a' } })).phones).to.deep.equal([]);
    });
  });

  describe('company and address', () => {
    it('when the default address has a company, then it is the company', () => {
      expect(map(customer({ defaultAddress: address({ company: ' Northwind ' }) })).company).to.equal('Northwind');
      expect(map(customer({ defaultAddress: address({ company: '' }) })).company).to.equal(null);
    });

    it("when Shopify's formatted address has lines, then they are joined with commas, blank lines dropped", () => {
      const node = customer({ defaultAddress: address({ formatted: ['1 Market St', ' ', 'San Francisco CA 94105', 'United States'] }) });
      expect(map(node).address).to.equal('1 Market St, San Francisco CA 94105, United States');
    });

    it('when the formatted address is empty, then it is built from the parts', () => {
      const node = customer({
        defaultAddress: address({ address1: 'Nyhavn 17', address2: '', city: 'København', zip: '1051', country: 'Denmark' }),
      });
      expect(map(node).address).to.equal('Nyhavn 17, København, 1051, Denmark');
    });

    it('when there is no default address, then address and company are null', () => {
      expect(map(customer())).to.include({ address: null, company: null });
    });
  });

  describe('photo_url and the fields Shopify does not have', () => {
    it('when the image is an absolute URL, then it is the photo; otherwise there is none', () => {
      const url = 'https://cdn.shopify.com/s/files/1/0612/customers/a.jpg?v=1';
      expect(map(customer({ image: { url } })).photo_url).to.equal(url);
      for (const bad of ['/s/files/a.png', 'data:image/png;base64,AA', 'javascript:alert(1)', 'https://', '']) {
        expect(map(customer({ image: { url: bad } })).photo_url, bad).to.equal(null);
      }
    });

    it('when any customer is mapped, then title and twitter are null and websites empty', () => {
      expect(map(customer())).to.include({ title: null, twitter: null });
      expect(map(customer()).websites).to.deep.equal([]);
    });
  });

  describe('properties', () => {
    const text = fc.option(
      fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('', ' ', '+33 6 12 34 56 78', '020 7946 0958', 'FR', 'n/a')),
      { nil: null },
    );
    const typedNode: fc.Arbitrary<ShopifyCustomerNode> = fc.record({
      id: fc.string({ minLength: 1 }),
      legacyResourceId: fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String), fc.string()),
      displayName: fc.string(),
      firstName: text,
      lastName: text,
      defaultEmailAddress: fc.option(fc.record({ emailAddress: fc.oneof(fc.string(), fc.emailAddress()) }), { nil: null }),
      defaultPhoneNumber: fc.option(fc.record({ phoneNumber: fc.string() }), { nil: null }),
      defaultAddress: fc.option(
        fc.record({
          company: text,
          address1: text,
          address2: text,
          city: text,
          province: text,
          zip: text,
          country: text,
          countryCodeV2: fc.option(fc.constantFrom('US', 'FR', 'JP', 'PT', 'ZZ' as never), { nil: null }),
          formatted: fc.array(fc.string()),
        }),
        { nil: null },
      ),
      image: fc.record({ url: fc.oneof(fc.webUrl(), fc.string()) }),
      updatedAt: fc.constant('2026-03-02T09:15:04Z'),
    });
    const hostileNode = fc
      .record({
        id: fc.string({ minLength: 1 }),
        legacyResourceId: fc.anything(),
        displayName: fc.anything(),
        firstName: fc.anything(),
        lastName: fc.anything(),
        defaultEmailAddress: fc.anything(),
        defaultPhoneNumber: fc.anything(),
        defaultAddress: fc.anything(),
        image: fc.anything(),
        updatedAt: fc.anything(),
      })
      .map((node) => node as unknown as ShopifyCustomerNode);

    function expectWellFormed(contact: TalkdeskContact): void {
      expectValid(contact);
      expect(contact.name.trim()).to.not.equal('');
      for (const value of [contact.name, contact.company, contact.photo_url, contact.address, ...contact.emails, ...contact.phones]) {
        if (value !== null) expect(value).to.equal(value.trim());
      }
      if (contact.photo_url !== null) expect(contact.photo_url).to.match(/^https?:\/\//i);
      if (contact.url !== null) expect(contact.url).to.match(/^https:\/\/admin\.shopify\.com\/store\/lumiere-boutique\/customers\/\d+$/);
      expect(contact.emails.length).to.be.at.most(1);
      expect(contact.phones.length).to.be.at.most(1);
    }

    it('when any node the generated type allows is mapped, then it never throws and yields a valid contact with a name', () => {
      fc.assert(
        fc.property(typedNode, (node) => expectWellFormed(map(node))),
        { numRuns: 500 },
      );
    });

    it('when a node holds arbitrary JSON in every field, then it never throws and yields a valid contact with a name', () => {
      fc.assert(
        fc.property(hostileNode, (node) => expectWellFormed(map(node))),
        { numRuns: 500 },
      );
    });
  });
});
