import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import { UNKNOWN_CONTACT_NAME, toTalkdeskContact, type TwentyPersonNode } from '../../../../src/connectors/twenty/to-talkdesk-contact.js';
import type { TwentyPeoplePageV053Query } from '../../../../src/generated/twenty-v0.53/graphql.js';
import type { TalkdeskContact } from '../../../../src/contacts/talkdesk-contact.js';
import { projectRoot } from '../../../../src/project-root.js';
import { check } from '../../../../src/validation/validators.js';

const fixtures = join(projectRoot, 'test', 'fixtures', 'twenty');
const readJson = (name: string): unknown => JSON.parse(readFileSync(join(fixtures, name), 'utf8'));

const links = { appUrl: 'https://acme.twenty.com/' };
const ID = '6f1d0b8e-2c4a-4e7b-9d3f-5a6b7c8d9e0f';

/** A v0.53 node: its RAW_JSON additional emails and phones can hold anything, which these tests feed. */
type FullNode = TwentyPeoplePageV053Query['people']['edges'][number]['node'];

/** A person with every optional field empty; tests fill in what they are about. */
function person(overrides: Partial<FullNode> = {}): FullNode {
  return {
    id: ID,
    name: null,
    jobTitle: null,
    city: null,
    avatarUrl: null,
    linkedinLink: null,
    xLink: null,
    company: null,
    updatedAt: '2025-03-01T08:15:00.000Z',
    emails: null,
    phones: null,
    ...overrides,
  };
}

const phones = (
  primaryPhoneNumber: string | null,
  additionalPhones: unknown = null,
  countryCode: string | null = null,
  callingCode: string | null = null,
) => ({
  primaryPhoneNumber,
  primaryPhoneCountryCode: countryCode,
  primaryPhoneCallingCode: callingCode,
  additionalPhones,
});

const company = (overrides: Partial<NonNullable<FullNode['company']>> = {}): FullNode['company'] => ({
  name: null,
  domainName: null,
  address: null,
  ...overrides,
});

const address = (parts: Partial<NonNullable<NonNullable<FullNode['company']>['address']>>) => ({
  addressStreet1: null,
  addressStreet2: null,
  addressCity: null,
  addressState: null,
  addressPostcode: null,
  addressCountry: null,
  ...parts,
});

const map = (node: TwentyPersonNode): TalkdeskContact => toTalkdeskContact(node, links);

function expectValid(contact: TalkdeskContact): void {
  expect(check('talkdesk-bridge/contact', contact, 'contact')).to.equal(null);
}

describe('toTalkdeskContact (Twenty)', () => {
  describe('the recorded page', () => {
    const page = readJson('people-page.json') as { data: TwentyPeoplePageV053Query };
    const contacts = page.data.people.edges.map((edge) => map(edge.node));

    it('when the recorded page is mapped, then it equals the golden contacts', () => {
      expect(contacts).to.deep.equal(readJson('people-page.contacts.json'));
    });

    it('when the recorded page is mapped, then every contact validates against the contact schema', () => {
      for (const contact of contacts) expectValid(contact);
    });
  });

  describe('id and url', () => {
    it('when a person is mapped, then the id is the Twenty id and the url opens the record in the app', () => {
      const contact = map(person());
      expect(contact.id).to.equal(ID);
      expect(contact.url).to.equal(`https://acme.twenty.com/object/person/${ID}`);
    });

    it('when the app URL has a path and several trailing slashes, then they collapse to one separator', () => {
      const contact = toTalkdeskContact(person(), { appUrl: 'https://crm.example.com/twenty//' });
      expect(contact.url).to.equal(`https://crm.example.com/twenty/object/person/${ID}`);
    });

    it('when the id holds URL-reserved characters, then it is encoded in the url', () => {
      expect(map(person({ id: 'a/b?c' })).url).to.equal('https://acme.twenty.com/object/person/a%2Fb%3Fc');
    });

    it('when the id holds a lone UTF-16 surrogate, then the url carries U+FFFD in its place instead of the mapping throwing', () => {
      expect(map(person({ id: 'a\ud800b' })).url).to.equal('https://acme.twenty.com/object/person/a%EF%BF%BDb');
    });

    it('when people of two workspaces are mapped one after the other, then each url opens the record in its own app', () => {
      const other = { appUrl: 'https://other.example.com' };
      expect(toTalkdeskContact(person(), other).url).to.equal(`https://other.example.com/object/person/${ID}`);
      expect(map(person()).url).to.equal(`https://acme.twenty.com/object/person/${ID}`);
      expect(toTalkdeskContact(person(), other).url).to.equal(`https://other.example.com/object/person/${ID}`);
    });
  });

  describe('name', () => {
    it('when first and last names are set, then the name is both, trimmed and single-spaced', () => {
      expect(map(person({ name: { firstName: '  Émilie ', lastName: ' Dubois  ' } })).name).to.equal('Émilie Dubois');
    });

    it('when only one of the names is set, then the name is that one alone', () => {
      expect(map(person({ name: { firstName: 'João', lastName: null } })).name).to.equal('João');
      expect(map(person({ name: { firstName: '   ', lastName: 'Okonkwo' } })).name).to.equal('Okonkwo');
    });

    it('when the person has no name, then the name falls back to the first email', () => {
      const node = person({
        name: { firstName: '', lastName: ' ' },
        emails: { primaryEmail: null, additionalEmails: ['  ops@fjord.no ', 'other@fjord.no'] },
        phones: phones('+47 22 12 34 56'),
      });
      expect(map(node).name).to.equal('ops@fjord.no');
    });

    it('when the person has no name and no email, then the name falls back to the first phone in E.164', () => {
      expect(map(person({ phones: phones('06 12 34 56 78', null, 'FR', '+33') })).name).to.equal('+33612345678');
    });

    it('when the person has no name, email or phone, then the name is the placeholder', () => {
      const contact = map(person({ emails: { primaryEmail: '  ', additionalEmails: [] }, phones: phones('n/a') }));
      expect(contact.name).to.equal(UNKNOWN_CONTACT_NAME);
      expect(contact.name).to.not.equal('');
    });
  });

  describe('title and company', () => {
    it('when the job title and company name have spaces around them, then they are trimmed', () => {
      const contact = map(person({ jobTitle: ' VP Procurement ', company: company({ name: ' Northwind ' }) }));
      expect(contact.title).to.equal('VP Procurement');
      expect(contact.company).to.equal('Northwind');
    });

    it('when the job title or company name is blank or absent, then it is null', () => {
      expect(map(person({ jobTitle: '  ', company: company({ name: '' }) }))).to.include({ title: null, company: null });
      expect(map(person({ jobTitle: null, company: null }))).to.include({ title: null, company: null });
    });
  });

  describe('emails', () => {
    it('when additional emails repeat the primary in another case, then the first spelling is kept once', () => {
      const node = person({
        emails: { primaryEmail: 'Priya@PriyaDesign.co.uk', additionalEmails: ['priya@priyadesign.co.uk', ' p.n@outlook.com ', ''] },
      });
      expect(map(node).emails).to.deep.equal(['Priya@PriyaDesign.co.uk', 'p.n@outlook.com']);
    });

    it('when additionalEmails is not an array, then it is ignored', () => {
      for (const junk of ['a@b.co', { 0: 'a@b.co' }, 42, true, null]) {
        expect(map(person({ emails: { primaryEmail: 'x@y.co', additionalEmails: junk } })).emails).to.deep.equal(['x@y.co']);
      }
    });

    it('when additionalEmails holds non-strings, then only the strings are kept', () => {
      const node = person({ emails: { primaryEmail: null, additionalEmails: [17, null, { email: 'n@x.co' }, ['i@x.co'], 'ok@x.co'] } });
      expect(map(node).emails).to.deep.equal(['ok@x.co']);
    });
  });

  describe('phones', () => {
    it('when the primary phone is national, then it is given in E.164 using the country hint', () => {
      expect(map(person({ phones: phones('6 12 34 56 78', [], 'FR', '+33') })).phones).to.deep.equal(['+33612345678']);
    });

    it('when additional phones are objects or plain strings, then each is normalised after the primary', () => {
      const node = person({
        phones: phones(
          '(415) 555-0132 ext. 204',
          [{ number: '01 42 68 53 00', countryCode: 'FR', callingCode: '+33' }, '+44 20 7946 0958'],
          'US',
          '+1',
        ),
      });
      expect(map(node).phones).to.deep.equal(['+14155550132', '+33142685300', '+442079460958']);
    });

    it('when an additional phone repeats the primary in another format, then it appears once', () => {
      const node = person({
        phones: phones('612345678', [{ number: '+34 612 34 56 78', countryCode: 'ES', callingCode: '+34' }], 'ES', '+34'),
      });
      expect(map(node).phones).to.deep.equal(['+34612345678']);
    });

    it('when additional phones come from a server that kept the calling code in countryCode, then they still parse', () => {
      const node = person({ phones: phones('11 91234-5678', [{ number: '(11) 3456-7890', countryCode: '+55' }], '+55', null) });
      expect(map(node).phones).to.deep.equal(['+5511912345678', '+551134567890']);
    });

    it('when a phone cannot be parsed, then it is kept as written; when it has no digit, then it is dropped', () => {
      const node = person({ phones: phones('ask reception, ext 12', ['n/a', '   '], 'GB', '+44') });
      expect(map(node).phones).to.deep.equal(['ask reception, ext 12']);
    });

    it('when additionalPhones is junk, then it is ignored without throwing', () => {
      for (const junk of [
        '+33612345678',
        { number: '+33612345678' },
        42,
        null,
        [null, 42, true, { number: 5551234 }, { foo: 'bar' }, ['+4520123456']],
      ]) {
        expect(map(person({ phones: phones('+45 20 12 34 56', junk) })).phones).to.deep.equal(['+4520123456']);
      }
    });
  });

  describe('address', () => {
    it('when the company has an address, then its parts are joined with state and postcode together', () => {
      const node = person({
        city: 'Oakland',
        company: company({
          address: address({
            addressStreet1: '1 Market St',
            addressStreet2: 'Suite 300',
            addressCity: 'San Francisco',
            addressState: 'CA',
            addressPostcode: '94105',
            addressCountry: 'United States',
          }),
        }),
      });
      expect(map(node).address).to.equal('1 Market St, Suite 300, San Francisco, CA 94105, United States');
    });

    it('when some address parts are empty, then they are skipped', () => {
      const node = person({
        company: company({
          address: address({ addressStreet1: ' Nyhavn 17 ', addressStreet2: '', addressPostcode: '1051', addressCountry: 'Denmark' }),
        }),
      });
      expect(map(node).address).to.equal('Nyhavn 17, 1051, Denmark');
    });

    it("when the company address is empty, then the address is the person's city", () => {
      const empty = address({ addressStreet1: '', addressCity: ' ', addressCountry: '' });
      expect(map(person({ city: ' Berlin ', company: company({ address: empty }) })).address).to.equal('Berlin');
      expect(map(person({ city: 'Berlin', company: null })).address).to.equal('Berlin');
    });

    it('when there is neither a company address nor a city, then the address is null', () => {
      expect(map(person({ city: '', company: company() })).address).to.equal(null);
    });
  });

  describe('photo_url', () => {
    it('when the avatar is an absolute http(s) URL, then it is the photo', () => {
      const url = 'https://twentyhq.github.io/placeholder-images/people/image-04.png';
      expect(map(person({ avatarUrl: ` ${url} ` })).photo_url).to.equal(url);
      expect(map(person({ avatarUrl: 'http://cdn.example.org/a.jpg' })).photo_url).to.equal('http://cdn.example.org/a.jpg');
    });

    it('when the avatar is a Twenty file path (relative, signed with an expiring token), then there is no photo', () => {
      for (const avatarUrl of [
        'person-picture/abc.png?token=eyJ.x.y',
        '/files/person-picture/abc.png',
        'data:image/png;base64,AAAA',
        'javascript:alert(1)',
        'https://',
        '  ',
      ]) {
        expect(map(person({ avatarUrl })).photo_url, avatarUrl).to.equal(null);
      }
    });
  });

  describe('websites', () => {
    it('when links lack a scheme, then they are made absolute with https', () => {
      const node = person({
        linkedinLink: { primaryLinkUrl: 'linkedin.com/in/emilie-dubois' },
        company: company({ domainName: { primaryLinkUrl: ' www.acme.com ' } }),
      });
      expect(map(node).websites).to.deep.equal(['https://linkedin.com/in/emilie-dubois', 'https://www.acme.com']);
    });

    it('when a link already has http or https, then it is kept as written', () => {
      const node = person({
        linkedinLink: { primaryLinkUrl: 'http://br.linkedin.com/in/joao' },
        company: company({ domainName: { primaryLinkUrl: 'https://acme.com:8443/x' } }),
      });
      expect(map(node).websites).to.deep.equal(['http://br.linkedin.com/in/joao', 'https://acme.com:8443/x']);
    });

    it('when both links are the same address spelled differently, then it appears once', () => {
      const node = person({
        linkedinLink: { primaryLinkUrl: 'linkedin.com/company/acme' },
        company: company({ domainName: { primaryLinkUrl: 'HTTPS://LinkedIn.com/company/acme' } }),
      });
      expect(map(node).websites).to.deep.equal(['https://linkedin.com/company/acme']);
    });

    it('when a link is empty, not a web address or another scheme, then it is dropped', () => {
      for (const url of ['', '  ', 'not a url', 'localhost', 'javascript:alert(1)', 'mailto:a@b.co', null]) {
        expect(map(person({ linkedinLink: { primaryLinkUrl: url } })).websites, String(url)).to.deep.equal([]);
      }
    });
  });

  describe('twitter', () => {
    const handle = (primaryLinkUrl: string | null) => map(person({ xLink: { primaryLinkUrl } })).twitter;

    it('when the X link is a profile URL in any usual form, then the twitter field is the bare handle', () => {
      expect(handle('https://x.com/jack')).to.equal('jack');
      expect(handle('https://twitter.com/jack/')).to.equal('jack');
      expect(handle('x.com/jack?lang=en')).to.equal('jack');
      expect(handle('www.twitter.com/jack#top')).to.equal('jack');
      expect(handle('https://mobile.twitter.com/jack/status/20')).to.equal('jack');
      expect(handle('twitter.com/#!/jack')).to.equal('jack');
      expect(handle('https://x.com/@jack')).to.equal('jack');
    });

    it('when the X link is a bare handle with or without @, then that handle is used', () => {
      expect(handle('@jack')).to.equal('jack');
      expect(handle(' jack ')).to.equal('jack');
      expect(handle('Jack_Dorsey_123')).to.equal('Jack_Dorsey_123');
    });

    it('when the X link is not a profile, then twitter is null', () => {
      for (const url of [
        'https://x.com/',
        'https://x.com/intent/follow?screen_name=jack',
        'https://x.com/i/lists/123',
        'https://twitter.com/home',
        'https://twitter.com/search?q=jack',
        'https://www.facebook.com/jack',
        'https://notx.com/jack',
        'https://x.com/this_is_way_too_long',
        'https://x.com/jack-dorsey',
        '@',
        'jack dorsey',
        '',
        null,
      ]) {
        expect(handle(url), String(url)).to.equal(null);
      }
    });
  });

  describe('the primary-only selection', () => {
    it('when the server was asked without additional emails and phones, then the primaries are mapped', () => {
      const node: TwentyPersonNode = {
        ...person({ name: { firstName: 'Ada', lastName: 'Lovelace' } }),
        emails: { primaryEmail: 'ada@example.org' },
        phones: { primaryPhoneNumber: '020 7946 0958', primaryPhoneCountryCode: 'GB', primaryPhoneCallingCode: '+44' },
      };
      const contact = map(node);
      expect(contact).to.include({ name: 'Ada Lovelace' });
      expect(contact.emails).to.deep.equal(['ada@example.org']);
      expect(contact.phones).to.deep.equal(['+442079460958']);
      expectValid(contact);
    });
  });

  describe('properties', () => {
    const blanks = fc.constantFrom('', ' ', '\t', '\u00a0');
    const text = fc.option(
      fc.oneof(
        fc.string(),
        fc.string({ unit: 'binary' }),
        blanks,
        fc.constantFrom('+33 6 12 34 56 78', 'FR', '+1', 'x.com/jack', 'linkedin.com/in/x', 'person-picture/a.png?token=t', 'n/a'),
      ),
      { nil: null },
    );
    const link = fc.option(fc.record({ primaryLinkUrl: text }), { nil: null });
    const rawJson = fc.oneof(
      fc.anything(),
      fc.array(fc.oneof(fc.string(), fc.emailAddress(), fc.anything())),
      fc.array(fc.oneof(fc.record({ number: fc.anything(), countryCode: fc.anything(), callingCode: fc.anything() }), fc.string())),
    );
    const typedNode: fc.Arbitrary<TwentyPersonNode> = fc.record({
      id: fc.uuid(),
      name: fc.option(fc.record({ firstName: text, lastName: text }), { nil: null }),
      jobTitle: text,
      city: text,
      avatarUrl: text,
      updatedAt: fc.constant('2025-03-01T08:15:00.000Z'),
      linkedinLink: link,
      xLink: link,
      company: fc.option(
        fc.record({
          name: text,
          domainName: link,
          address: fc.option(
            fc.record({
              addressStreet1: text,
              addressStreet2: text,
              addressCity: text,
              addressState: text,
              addressPostcode: text,
              addressCountry: text,
            }),
            { nil: null },
          ),
        }),
        { nil: null },
      ),
      emails: fc.option(fc.record({ primaryEmail: text, additionalEmails: rawJson }), { nil: null }),
      phones: fc.option(
        fc.record({ primaryPhoneNumber: text, primaryPhoneCountryCode: text, primaryPhoneCallingCode: text, additionalPhones: rawJson }),
        { nil: null },
      ),
    });
    // Beyond the generated type: the response is a trust boundary, so any JSON in any field.
    const hostileNode = fc
      .record({
        id: fc.uuid(),
        name: fc.anything(),
        jobTitle: fc.anything(),
        city: fc.anything(),
        avatarUrl: fc.anything(),
        updatedAt: fc.anything(),
        linkedinLink: fc.anything(),
        xLink: fc.anything(),
        company: fc.anything(),
        emails: fc.anything(),
        phones: fc.anything(),
      })
      .map((node) => node as unknown as TwentyPersonNode);

    function expectWellFormed(contact: TalkdeskContact): void {
      expectValid(contact);
      expect(contact.name.trim()).to.not.equal('');
      const strings = [
        contact.name,
        contact.title,
        contact.company,
        contact.photo_url,
        contact.address,
        contact.twitter,
        ...contact.emails,
        ...contact.phones,
        ...contact.websites,
      ];
      for (const value of strings) if (value !== null) expect(value).to.equal(value.trim());
      if (contact.twitter !== null) expect(contact.twitter).to.match(/^[A-Za-z0-9_]{1,15}$/);
      if (contact.photo_url !== null) expect(contact.photo_url).to.match(/^https?:\/\//i);
      for (const site of contact.websites) expect(site).to.match(/^https?:\/\//i);
      expect(new Set(contact.phones).size).to.equal(contact.phones.length);
      expect(new Set(contact.emails.map((e) => e.toLowerCase())).size).to.equal(contact.emails.length);
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
