/**
 * Deterministic, realistic Contacts for the fake Salesforce. Realistic means messy where the
 * bridge must cope: phones in national formats whose country is only in MailingCountry (written as
 * a name, an abbreviation or a code), some already international, some junk; missing emails,
 * titles and accounts; multi-line streets; relative photo paths; and ties: groups of contacts
 * sharing one SystemModstamp, as bulk updates and data loads produce (Salesforce timestamps have
 * whole seconds, so ties are common).
 *
 * Same seed, same store clock, same contacts. Everything is drawn from mulberry32, never
 * Math.random.
 */
import { mulberry32 } from '../support/store-support.js';
import type { AccountRecord, ContactRecord, SalesforceStore } from './store.js';

export interface SeedOptions {
  count: number;
  seed: number;
  /** Spread of SystemModstamp before the store clock (ms). Default 30 days. */
  spanMs?: number;
  /** Largest group of contacts sharing one SystemModstamp. Default 40. */
  maxTie?: number;
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const chance = (rng: Rng, p: number): boolean => rng() < p;
const digits = (rng: Rng, n: number): string => Array.from({ length: n }, () => String(Math.floor(rng() * 10))).join('');

interface Country {
  names: readonly string[];
  phone: (rng: Rng) => string;
  cities: readonly string[];
}

const COUNTRIES: readonly Country[] = [
  {
    names: ['United States', 'USA', 'US'],
    phone: (r) => `(${pick(r, ['415', '212', '617'])}) 555-${digits(r, 4)}`,
    cities: ['San Francisco', 'New York', 'Boston'],
  },
  { names: ['United Kingdom', 'UK', 'GB'], phone: (r) => `020 7946 ${digits(r, 4)}`, cities: ['London', 'Leeds'] },
  {
    names: ['France', 'FR'],
    phone: (r) => `06 ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`,
    cities: ['Paris', 'Lyon'],
  },
  { names: ['Germany', 'Deutschland', 'DE'], phone: (r) => `030 ${digits(r, 8)}`, cities: ['Berlin', 'München'] },
  { names: ['Portugal', 'PT'], phone: (r) => `912 ${digits(r, 3)} ${digits(r, 3)}`, cities: ['Lisboa', 'Porto'] },
  { names: ['Brasil', 'Brazil'], phone: (r) => `(11) 9${digits(r, 4)}-${digits(r, 4)}`, cities: ['São Paulo', 'Rio de Janeiro'] },
];

const FIRST = ['Ana', 'João', 'Émilie', 'Liam', 'Sofia', 'Chen', 'Olga', 'Kwame', 'Mei', 'Lars', 'Aisha', 'Diego'];
const LAST = ['Silva', 'Dubois', "O'Brien", 'Müller', 'Nakamura', 'Okonkwo', 'García', 'Smith', 'van der Berg', 'Kowalski'];
const EMAIL_NAMES = ['ana', 'joao', 'emilie', 'liam', 'sofia', 'chen', 'olga', 'kwame'];
const TITLES = ['CEO', 'VP Sales', 'Buyer', 'Office Manager', 'CTO', ''];
const ACCOUNTS: ReadonlyArray<Pick<AccountRecord, 'Name' | 'Website'>> = [
  { Name: 'Acme Corp', Website: 'www.acme.com' },
  { Name: 'Globex', Website: 'https://globex.example' },
  { Name: 'Initech', Website: null },
  { Name: 'Umbrella GmbH', Website: 'umbrella.de/kontakt' },
  { Name: 'Soylent Lda', Website: 'http://soylent.pt' },
];

export function seedContacts(store: SalesforceStore, options: SeedOptions): ContactRecord[] {
  const rng = mulberry32(options.seed);
  const span = options.spanMs ?? 30 * 86_400_000;
  const maxTie = options.maxTie ?? 40;
  const accounts = ACCOUNTS.map((a) => store.createAccount(a));
  const now = store.stamp();
  const created: ContactRecord[] = [];
  while (created.length < options.count) {
    // One timestamp for a whole group: a bulk update or data load.
    const groupSize = chance(rng, 0.2) ? 2 + Math.floor(rng() * (maxTie - 1)) : 1;
    const stamp = now - Math.floor((rng() * span) / 1000) * 1000;
    for (let i = 0; i < groupSize && created.length < options.count; i++) {
      const country = pick(rng, COUNTRIES);
      const phoneOf = (p: number): string | null => (chance(rng, p) ? country.phone(rng) : null);
      created.push(
        store.createContact({
          FirstName: chance(rng, 0.9) ? pick(rng, FIRST) : null,
          LastName: pick(rng, LAST),
          Title: chance(rng, 0.7) ? pick(rng, TITLES) : null,
          Email: chance(rng, 0.8) ? `${pick(rng, EMAIL_NAMES)}.${digits(rng, 3)}@example.com` : null,
          Phone: chance(rng, 0.1) ? `+351 21 ${digits(rng, 3)} ${digits(rng, 4)}` : phoneOf(0.8),
          MobilePhone: phoneOf(0.5),
          HomePhone: chance(rng, 0.05) ? 'n/a' : phoneOf(0.1),
          OtherPhone: phoneOf(0.05),
          PhotoUrl: chance(rng, 0.3) ? `/services/images/photo/003${digits(rng, 12)}` : null,
          MailingStreet: chance(rng, 0.6)
            ? chance(rng, 0.3)
              ? `Building ${digits(rng, 1)}\n${digits(rng, 2)} Main St`
              : `${digits(rng, 3)} Market St`
            : null,
          MailingCity: chance(rng, 0.7) ? pick(rng, country.cities) : null,
          MailingPostalCode: chance(rng, 0.5) ? digits(rng, 5) : null,
          MailingCountry: chance(rng, 0.85) ? pick(rng, country.names) : null,
          AccountId: chance(rng, 0.75) ? pick(rng, accounts).Id : null,
          SystemModstamp: stamp,
        }),
      );
    }
  }
  return created;
}
