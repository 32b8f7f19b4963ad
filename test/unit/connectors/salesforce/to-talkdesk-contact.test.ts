import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import { toTalkdeskContact, type SalesforceContactNode } from '../../../../src/connectors/salesforce/to-talkdesk-contact.js';
import { UNKNOWN_CONTACT_NAME } from '../../../../src/contacts/contact-text.js';
import type { TalkdeskContact } from '../../../../src/contacts/talkdesk-contact.js';
import { projectRoot } from '../../../../src/project-root.js';
import { check } from '../../../../src/validation/validators.js';

const fixtures = join(projectRoot, 'test', 'fixtures', 'salesforce');
const readJson = (name: string): unknown => JSON.parse(readFileSync(join(fixtures, name), 'utf8'));

const links = { instanceUrl: 'https://acme.my.salesforce.com' };
const ID = '0035g00000AbCdEAAV';
const v = (value: string | null) => ({ value });

/** A contact with every optional field empty; tests fill in what they are about. */
function contact(overrides: Partial<SalesforceContactNode> = {}): SalesforceContactNode {
  return {
    Id: ID,
    Name: null,
    FirstName: null,
    LastName: null,
    Title: null,
    Email: null,
    Phone: null,
    MobilePhone: null,
    HomePhone: null,
    OtherPhone: null,
    PhotoUrl: null,
    MailingStreet: null,
    MailingCity: null,
    MailingState: null,
    MailingPostalCode: null,
    MailingCountry: null,
    Account: null,
    SystemModstamp: v('2025-03-01T08:15:00.000Z'),
    ...overrides,
  };
}

const map = (node: SalesforceContactNode): TalkdeskContact => toTalkdeskContact(node, links);

describe('toTalkdeskContact (Salesforce)', () => {
  describe('the recorded page', () => {
    const page = readJson('contacts-page.json') as {
      data: { uiapi: { query: { Contact: { edges: Array<{ node: SalesforceContactNode }> } } } };
    };
    const contacts = page.data.uiapi.query.Contact.edges.map((edge) => map(edge.node));

    it('when the recorded page is mapped, then it equals the golden contacts', () => {
      expect(contacts).to.deep.equal(readJson('contacts-page.contacts.json'));
    });

    it('when the recorded page is mapped, then every contact validates against the contact schema', () => {
      for (const c of contacts) expect(check('talkdesk-bridge/contact', c, 'contact')).to.equal(null);
    });

    it('when the recorded page passes the CRM answer schema, then the connector would accept it', () => {
      expect(check('talkdesk-bridge/crm/salesforce-contacts-page', page.data, 'data')).to.equal(null);
    });
  });

  describe('id and url', () => {
    it('when a contact is mapped, then the id is the Salesforce Id and the url opens its Lightning record page', () => {
      const c = map(contact());
      expect(c.id).to.equal(ID);
      expect(c.url).to.equal(`https://acme.my.salesforce.com/lightning/r/Contact/${ID}/view`);
    });

    it('when the instance URL has a trailing slash, then the url has no double slash', () => {
      expect(toTalkdeskContact(contact(), { instanceUrl: 'https://acme.my.salesforce.com/' }).url).to.equal(
        `https://acme.my.salesforce.com/lightning/r/Contact/${ID}/view`,
      );
    });

    it('when contacts of two orgs are mapped one after the other, then each url opens the record in its own org', () => {
      const other = { instanceUrl: 'https://globex.my.salesforce.com' };
      expect(toTalkdeskContact(contact(), other).url).to.equal(`https://globex.my.salesforce.com/lightning/r/Contact/${ID}/view`);
      expect(map(contact()).url).to.equal(`https://acme.my.salesforce.com/lightning/r/Contact/${ID}/view`);
      expect(toTalkdeskContact(contact(), other).url).to.equal(`https://globex.my.salesforce.com/lightning/r/Contact/${ID}/view`);
    });
  });

  describe('name', () => {
    it('when Name is set, then it is the name', () => {
      expect(map(contact({ Name: v('Dr. Ada King'), FirstName: v('Ada'), LastName: v('King') })).name).to.equal('Dr. Ada King');
    });

    it('when Name is hidden (field-level security) or blank, then first and last name make the name', () => {
      expect(map(contact({ Name: null, FirstName: v(' Ana '), LastName: v('Silva') })).name).to.equal('Ana Silva');
      expect(map(contact({ Name: v('  '), LastName: v('Okonkwo') })).name).to.equal('Okonkwo');
    });

    it('when there is no name at all, then the email, else the first phone, else a placeholder names the contact', () => {
      expect(map(contact({ Email: v('ops@fjord.example') })).name).to.equal('ops@fjord.example');
      expect(map(contact({ MobilePhone: v('+1 415 555 0100') })).name).to.equal('+14155550100');
      expect(map(contact()).name).to.equal(UNKNOWN_CONTACT_NAME);
    });
  });

  describe('phones', () => {
    it('when national numbers come with a mailing country name, then they are E.164 in that country', () => {
      const c = map(contact({ Phone: v('(415) 555-0100'), MobilePhone: v('415.555.0199'), MailingCountry: v('United States') }));
      expect(c.phones).to.deep.equal(['+14155550100', '+14155550199']);
    });

    it('when the mailing country is an abbreviation, a code or in another language, then it still hints the country', () => {
      expect(map(contact({ Phone: v('020 7946 0958'), MailingCountry: v('UK') })).phones).to.deep.equal(['+442079460958']);
      expect(map(contact({ Phone: v('030 12345678'), MailingCountry: v('Deutschland') })).phones).to.deep.equal(['+493012345678']);
      expect(map(contact({ Phone: v('912 345 678'), MailingCountry: v('pt') })).phones).to.deep.equal(['+351912345678']);
    });

    it('when the four phone fields hold the same number in different spellings, then it appears once, in field order', () => {
      const c = map(
        contact({
          Phone: v('06 12 34 56 78'),
          MobilePhone: v('+33 6 12 34 56 78'),
          HomePhone: v('0033612345678'),
          OtherPhone: v('01 23 45 67 89'),
          MailingCountry: v('France'),
        }),
      );
      expect(c.phones).to.deep.equal(['+33612345678', '+33123456789']);
    });

    it('when a phone has no digits, then it is dropped; when it cannot be parsed, then it is kept as written', () => {
      expect(map(contact({ Phone: v('n/a'), MobilePhone: v('12') })).phones).to.deep.equal(['12']);
    });
  });

  describe('company and websites', () => {
    it('when the contact has an account, then company is its name and websites its website made absolute', () => {
      const c = map(contact({ Account: { Name: v('Acme'), Website: v('www.acme.com') } }));
      expect(c.company).to.equal('Acme');
      expect(c.websites).to.deep.equal(['https://www.acme.com']);
    });

    it('when the website is not a web address, then websites is empty', () => {
      for (const site of ['mailto:x@acme.com', 'javascript:alert(1)', 'n/a', 'acme', 'two words.com']) {
        expect(map(contact({ Account: { Name: null, Website: v(site) } })).websites, site).to.deep.equal([]);
      }
    });
  });

  describe('photo_url', () => {
    it('when PhotoUrl is a relative path, then it is made absolute against the instance URL', () => {
      expect(map(contact({ PhotoUrl: v('/services/images/photo/003xx') })).photo_url).to.equal(
        'https://acme.my.salesforce.com/services/images/photo/003xx',
      );
    });

    it('when PhotoUrl is absolute http(s), then it is kept; another scheme or blank is dropped', () => {
      expect(map(contact({ PhotoUrl: v('https://cdn.example.com/a.png') })).photo_url).to.equal('https://cdn.example.com/a.png');
      expect(map(contact({ PhotoUrl: v('data:image/png;base64,AAAA') })).photo_url).to.equal(null);
      expect(map(contact({ PhotoUrl: v(' ') })).photo_url).to.equal(null);
    });
  });

  describe('address', () => {
    it('when the street has several lines, then the address is one line: street lines, city, state and postal code, country', () => {
      const c = map(
        contact({
          MailingStreet: v('Building 4\r\n1 Market St\n'),
          MailingCity: v('San Francisco'),
          MailingState: v('CA'),
          MailingPostalCode: v('94105'),
          MailingCountry: v('USA'),
        }),
      );
      expect(c.address).to.equal('Building 4, 1 Market St, San Francisco, CA 94105, USA');
    });

    it('when no mailing field is set, then the address is null', () => {
      expect(map(contact({ MailingStreet: v('  \n ') })).address).to.equal(null);
    });
  });

  it('when a contact is mapped, then twitter is null (Contacts have no such standard field)', () => {
    expect(map(contact({ Name: v('X') })).twitter).to.equal(null);
  });

  describe('any input', () => {
    const text = fc.option(
      fc.oneof(
        fc.string(),
        fc.string({ unit: 'binary' }),
        fc.constantFrom('', ' ', '\n', '+33 6 12 34 56 78', 'FR', 'United States', '/services/images/photo/x', '//x.com', 'n/a', '\ud800'),
      ),
      { nil: null },
    );
    const field = fc.oneof(fc.constant(null), fc.record({ value: text }), fc.anything());
    const node = fc.record({
      Id: fc.oneof(fc.stringMatching(/^[A-Za-z0-9]{18}$/), fc.string()),
      Name: field,
      FirstName: field,
      LastName: field,
      Title: field,
      Email: field,
      Phone: field,
      MobilePhone: field,
      HomePhone: field,
      OtherPhone: field,
      PhotoUrl: field,
      MailingStreet: field,
      MailingCity: field,
      MailingState: field,
      MailingPostalCode: field,
      MailingCountry: field,
      Account: fc.oneof(fc.constant(null), fc.record({ Name: field, Website: field }), fc.anything()),
      SystemModstamp: fc.constant(v('2025-03-01T08:15:00.000Z')),
    }) as unknown as fc.Arbitrary<SalesforceContactNode>;
    const instanceUrl = fc.constantFrom('https://acme.my.salesforce.com', 'http://127.0.0.1:1234', 'https://x.example/');

    it('when any contact is mapped, then it never throws and always yields a contact with a name and a url', () => {
      fc.assert(
        fc.property(node, instanceUrl, (n, base) => {
          const c = toTalkdeskContact(n, { instanceUrl: base });
          expect(c.name).to.be.a('string').and.not.equal('');
          expect(c.url).to.be.a('string');
          expect(c.twitter).to.equal(null);
          for (const list of [c.emails, c.phones, c.websites]) expect(list).to.be.an('array');
        }),
        { numRuns: 500 },
      );
    });
  });
});
