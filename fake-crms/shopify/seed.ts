/**
 * Deterministic, realistic customers for the fake Shopify: names from several countries, most
 * with an email, many with a phone (E.164 as Shopify stores it, some national numbers from
 * imports), a default address for most (a company for some), a picture for a few. Update times
 * spread over the `spreadDays` before the store's clock, with some customers sharing a second
 * (imports), never after the clock.
 */

import { mulberry32, type CustomerAddress, type ShopifyStore } from './store.js';

export interface SeedOptions {
  count: number;
  /** PRNG seed; the same seed gives the same customers. */
  seed?: number;
  /** How far back update times go. Default 30. */
  spreadDays?: number;
}

interface Country {
  code: string;
  name: string;
  firstNames: string[];
  lastNames: string[];
  cities: Array<[city: string, province: string | null, provinceCode: string | null, zip: string]>;
  /** An E.164 prefix and a national form for numbers of this country. */
  phone(random: () => number): { e164: string; national: string };
}

const digits = (random: () => number, n: number): string => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');

const COUNTRIES: Country[] = [
  {
    code: 'US',
    name: 'United States',
    firstNames: ['Olivia', 'Liam', 'Ava', 'Noah', 'Sophia', 'Mason'],
    lastNames: ['Smith', 'Johnson', 'Garcia', 'Miller', 'Davis', 'Rodriguez'],
    cities: [
      ['Austin', 'Texas', 'TX', '78701'],
      ['Portland', 'Oregon', 'OR', '97205'],
      ['Brooklyn', 'New York', 'NY', '11201'],
    ],
    phone: (r) => {
      const n = `${2 + Math.floor(r() * 7)}${digits(r, 2)}555${digits(r, 4)}`;
      return { e164: `+1${n}`, national: `(${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6)}` };
    },
  },
  {
    code: 'CA',
    name: 'Canada',
    firstNames: ['Émilie', 'Jacob', 'Chloé', 'Ethan', 'Maya'],
    lastNames: ['Tremblay', 'Roy', 'Gagnon', 'Wilson', 'Chen'],
    cities: [
      ['Montréal', 'Quebec', 'QC', 'H2Y 1C6'],
      ['Ottawa', 'Ontario', 'ON', 'K2P 0V6'],
      ['Vancouver', 'British Columbia', 'BC', 'V6B 1A1'],
    ],
    phone: (r) => {
      const n = `613555${digits(r, 4)}`;
      return { e164: `+1${n}`, national: `613-555-${n.slice(6)}` };
    },
  },
  {
    code: 'GB',
    name: 'United Kingdom',
    firstNames: ['Amelia', 'Oliver', 'Isla', 'Harry', 'Priya'],
    lastNames: ['Taylor', 'Brown', 'Evans', 'Patel', 'Hughes'],
    cities: [
      ['London', null, null, 'SW1Y 4JH'],
      ['Manchester', null, null, 'M1 1AE'],
    ],
    phone: (r) => {
      const n = `7700${digits(r, 6)}`;
      return { e164: `+44${n}`, national: `0${n.slice(0, 4)} ${n.slice(4)}` };
    },
  },
  {
    code: 'PT',
    name: 'Portugal',
    firstNames: ['João', 'Beatriz', 'Tiago', 'Inês'],
    lastNames: ['Silva', 'Santos', 'Ferreira', 'Costa'],
    cities: [
      ['Lisboa', 'Lisboa', 'PT-11', '1100-148'],
      ['Porto', 'Porto', 'PT-13', '4000-322'],
    ],
    phone: (r) => {
      const n = `91${digits(r, 7)}`;
      return { e164: `+351${n}`, national: `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}` };
    },
  },
  {
    code: 'JP',
    name: 'Japan',
    firstNames: ['Yui', 'Haruto', 'Sakura', 'Ren'],
    lastNames: ['Sato', 'Suzuki', 'Takahashi', 'Tanaka'],
    cities: [
      ['Shibuya-ku', 'Tokyo', 'JP-13', '150-0002'],
      ['Osaka', 'Osaka', 'JP-27', '530-0001'],
    ],
    phone: (r) => {
      const n = `90${digits(r, 8)}`;
      return { e164: `+81${n}`, national: `0${n.slice(0, 2)}-${n.slice(2, 6)}-${n.slice(6)}` };
    },
  },
];

const STREETS = ['Main St', 'Rue Sainte-Catherine', 'High Street', 'Avenida da Liberdade', 'Jingumae', 'Elm Avenue'];
const COMPANIES = ['Northwind Traders', 'Lumière Conseil', 'Fjord Outfitters', 'Sakura Design', 'Acme Wholesale'];

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

/** Create `count` customers in `store`; returns their ids in creation order. */
export function seedCustomers(store: ShopifyStore, options: SeedOptions): number[] {
  const random = mulberry32(options.seed ?? 1);
  const now = store.now();
  const spreadMs = (options.spreadDays ?? 30) * 86_400_000;
  const ids: number[] = [];
  let importAt: number | null = null;
  for (let i = 0; i < options.count; i++) {
    const country = pick(random, COUNTRIES);
    const firstName = random() < 0.95 ? pick(random, country.firstNames) : null;
    const lastName = random() < 0.9 ? pick(random, country.lastNames) : null;
    const handle = `${(firstName ?? 'customer').toLowerCase()}.${(lastName ?? String(i)).toLowerCase()}${i}`
      .normalize('NFD')
      .replace(/[^a-z0-9.]/g, '');
    const phone = random() < 0.7 ? country.phone(random) : null;
    const [city, province, provinceCode, zip] = pick(random, country.cities);
    const address: Partial<CustomerAddress> | null =
      random() < 0.85
        ? {
            company: random() < 0.3 ? pick(random, COMPANIES) : null,
            address1: `${1 + Math.floor(random() * 300)} ${pick(random, STREETS)}`,
            address2: random() < 0.2 ? `Suite ${1 + Math.floor(random() * 50)}` : null,
            city,
            province,
            provinceCode,
            zip,
            country: country.name,
            countryCode: country.code,
          }
        : null;
    // Runs of customers imported in the same second, as a CSV import produces.
    if (importAt === null || random() < 0.7) importAt = now - Math.floor(random() * spreadMs);
    const updatedAt: number = importAt;
    const record = store.create({
      firstName,
      lastName,
      email: random() < 0.9 ? `${handle}@example.com` : null,
      phone: phone === null ? null : random() < 0.9 ? phone.e164 : phone.national,
      address,
      imageUrl: random() < 0.1 ? `https://cdn.shopify.com/s/files/1/0000/0001/customers/${handle}.jpg` : null,
      createdAt: updatedAt - Math.floor(random() * spreadMs),
      updatedAt,
    });
    ids.push(record.id);
  }
  return ids;
}
