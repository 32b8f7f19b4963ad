/**
 * Deterministic, realistic people for the fake Twenty: the demo's data and the tests' fixtures.
 *
 * Realistic means messy in the ways real CRM data is, because each mess is something the bridge
 * must survive: names from many cultures (accents, non-Latin scripts, particles), people with no
 * name (the contact name must fall back to an email or a phone) and a few with nothing at all;
 * 0-3 emails with missing primaries, duplicates, empty strings and stray case/whitespace; phones
 * from many countries in national formats with the record's country and calling codes (most
 * valid for libphonenumber-js), some already in E.164, some in Twenty's legacy shape (the calling
 * code in `primaryPhoneCountryCode`), some garbage; empty text as "" (Twenty's default) or null;
 * links and X handles in several spellings; and, above all, ties: groups of 2-50 people sharing
 * one `updatedAt` (what a bulk update produces) plus one group larger than Twenty's 60-record
 * page, so paging on the timestamp alone cannot work.
 *
 * Same `seed` and same store clock give the same people. Everything is drawn from a mulberry32
 * stream, never Math.random. Calling it twice with the same seed on one store fails on the
 * duplicate ids (companies are shared and reused).
 */

import { mulberry32, uuidFrom, type AdditionalPhone, type CompanyAddress, type PersonRecord, type TwentyStore } from './store.js';

export interface SeedOptions {
  /** How many people to create. */
  count: number;
  /** PRNG seed; same seed, same data. */
  seed: number;
  /** Size of the company pool (default: about one company per 20 people, 3 to 40). */
  companies?: number;
  /** Spread of `updatedAt` before the store clock, in ms (default: two years). */
  spanMs?: number;
}

type Rng = () => number;

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const chance = (rng: Rng, p: number): boolean => rng() < p;
const int = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
const digits = (rng: Rng, n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += String(Math.floor(rng() * 10));
  return s;
};

// ---- phones ------------------------------------------------------------------------------------

interface Country {
  code: string;
  calling: string;
  /** A national number in a local written format, and its national significant digits. */
  number: (rng: Rng) => { display: string; nsn: string };
  cities: readonly string[];
}

const fmt = (nsn: string, display: string): { display: string; nsn: string } => ({ display, nsn });

const COUNTRIES: readonly Country[] = [
  {
    code: 'US',
    calling: '+1',
    number: (rng) => {
      const area = pick(rng, ['201', '212', '213', '305', '312', '415', '503', '617', '646', '702', '718', '801', '917']);
      const exchange = `${int(rng, 2, 9)}${int(rng, 2, 9)}${int(rng, 0, 9)}`;
      const line = digits(rng, 4);
      const nsn = area + exchange + line;
      return fmt(nsn, pick(rng, [`(${area}) ${exchange}-${line}`, `${area}-${exchange}-${line}`, nsn, `${area}.${exchange}.${line}`]));
    },
    cities: ['New York', 'San Francisco', 'Chicago', 'Austin', 'Boston', 'Seattle'],
  },
  {
    code: 'GB',
    calling: '+44',
    number: (rng) => {
      if (chance(rng, 0.7)) {
        const nsn = `7${pick(rng, ['4', '5', '7', '8', '9'])}${int(rng, 0, 9)}${digits(rng, 7)}`;
        return fmt(nsn, `0${nsn.slice(0, 4)} ${nsn.slice(4)}`);
      }
      const nsn = `20${pick(rng, ['7', '3'])}${digits(rng, 7)}`;
      return fmt(nsn, `0${nsn.slice(0, 2)} ${nsn.slice(2, 6)} ${nsn.slice(6)}`);
    },
    cities: ['London', 'Manchester', 'Edinburgh', 'Bristol'],
  },
  {
    code: 'FR',
    calling: '+33',
    number: (rng) => {
      const nsn = chance(rng, 0.7) ? `6${digits(rng, 8)}` : `1${int(rng, 4, 5)}${digits(rng, 7)}`;
      const pairs = `0${nsn}`.match(/../g)!;
      return fmt(nsn, pick(rng, [pairs.join(' '), pairs.join('.'), `0${nsn}`]));
    },
    cities: ['Paris', 'Lyon', 'Marseille', 'Bordeaux', 'Lille'],
  },
  {
    code: 'DE',
    calling: '+49',
    number: (rng) => {
      if (chance(rng, 0.6)) {
        const prefix = pick(rng, ['151', '152', '160', '170', '171', '175', '176', '177']);
        const rest = prefix.startsWith('15') || prefix === '176' || prefix === '177' ? digits(rng, 8) : digits(rng, 7);
        const nsn = prefix + rest;
        return fmt(nsn, pick(rng, [`0${prefix} ${rest}`, `0${prefix}/${rest}`, `0${prefix}-${rest}`]));
      }
      const nsn = `30${int(rng, 2, 9)}${digits(rng, 7)}`;
      return fmt(nsn, `030 ${nsn.slice(2)}`);
    },
    cities: ['Berlin', 'München', 'Köln', 'Hamburg', 'Düsseldorf'],
  },
  {
    code: 'BR',
    calling: '+55',
    number: (rng) => {
      const ddd = pick(rng, ['11', '21', '31', '41', '51', '61', '71', '81']);
      if (chance(rng, 0.75)) {
        const sub = `9${int(rng, 6, 9)}${digits(rng, 7)}`;
        return fmt(ddd + sub, `(${ddd}) ${sub.slice(0, 5)}-${sub.slice(5)}`);
      }
      const sub = `3${digits(rng, 7)}`;
      return fmt(ddd + sub, `(${ddd}) ${sub.slice(0, 4)}-${sub.slice(4)}`);
    },
    cities: ['São Paulo', 'Rio de Janeiro', 'Belo Horizonte', 'Curitiba', 'Brasília'],
  },
  {
    code: 'IN',
    calling: '+91',
    number: (rng) => {
      const nsn = `${pick(rng, ['9', '8', '7'])}${int(rng, 0, 9)}${digits(rng, 8)}`;
      return fmt(nsn, pick(rng, [`${nsn.slice(0, 5)} ${nsn.slice(5)}`, nsn, `0${nsn}`]));
    },
    cities: ['Mumbai', 'Bengaluru', 'New Delhi', 'Chennai', 'Hyderabad'],
  },
  {
    code: 'JP',
    calling: '+81',
    number: (rng) => {
      if (chance(rng, 0.7)) {
        const nsn = `${pick(rng, ['90', '80', '70'])}${int(rng, 1, 9)}${digits(rng, 7)}`;
        return fmt(nsn, `0${nsn.slice(0, 2)}-${nsn.slice(2, 6)}-${nsn.slice(6)}`);
      }
      const nsn = `3${int(rng, 3, 6)}${digits(rng, 7)}`;
      return fmt(nsn, `03-${nsn.slice(1, 5)}-${nsn.slice(5)}`);
    },
    cities: ['東京', 'Osaka', '横浜', 'Kyoto', 'Sapporo'],
  },
  {
    code: 'PT',
    calling: '+351',
    number: (rng) => {
      const nsn = chance(rng, 0.7) ? `9${pick(rng, ['1', '2', '3', '6'])}${digits(rng, 7)}` : `21${digits(rng, 7)}`;
      return fmt(nsn, `${nsn.slice(0, 3)} ${nsn.slice(3, 6)} ${nsn.slice(6)}`);
    },
    cities: ['Lisboa', 'Porto', 'Braga', 'Coimbra', 'Faro'],
  },
  {
    code: 'ES',
    calling: '+34',
    number: (rng) => {
      const nsn = chance(rng, 0.7) ? `6${digits(rng, 8)}` : `91${int(rng, 1, 9)}${digits(rng, 6)}`;
      return fmt(
        nsn,
        pick(rng, [
          `${nsn.slice(0, 3)} ${nsn.slice(3, 5)} ${nsn.slice(5, 7)} ${nsn.slice(7)}`,
          `${nsn.slice(0, 3)} ${nsn.slice(3, 6)} ${nsn.slice(6)}`,
        ]),
      );
    },
    cities: ['Madrid', 'Barcelona', 'Sevilla', 'Valencia', 'Bilbao'],
  },
  {
    code: 'AU',
    calling: '+61',
    number: (rng) => {
      if (chance(rng, 0.7)) {
        const nsn = `4${int(rng, 0, 3)}${int(rng, 0, 9)}${digits(rng, 6)}`;
        return fmt(nsn, `0${nsn.slice(0, 3)} ${nsn.slice(3, 6)} ${nsn.slice(6)}`);
      }
      const nsn = `2${pick(rng, ['8', '9'])}${digits(rng, 7)}`;
      return fmt(nsn, `(02) ${nsn.slice(1, 5)} ${nsn.slice(5)}`);
    },
    cities: ['Sydney', 'Melbourne', 'Brisbane', 'Perth'],
  },
  {
    code: 'MX',
    calling: '+52',
    number: (rng) => {
      const area = pick(rng, ['55', '33', '81']);
      const sub = `${int(rng, 1, 9)}${digits(rng, 7)}`;
      return fmt(area + sub, pick(rng, [`${area} ${sub.slice(0, 4)} ${sub.slice(4)}`, `(${area}) ${sub.slice(0, 4)}-${sub.slice(4)}`]));
    },
    cities: ['Ciudad de México', 'Guadalajara', 'Monterrey', 'Puebla'],
  },
  {
    code: 'ZA',
    calling: '+27',
    number: (rng) => {
      if (chance(rng, 0.7)) {
        const nsn = `${pick(rng, ['82', '83', '84', '72', '73', '76', '79'])}${digits(rng, 7)}`;
        return fmt(nsn, `0${nsn.slice(0, 2)} ${nsn.slice(2, 5)} ${nsn.slice(5)}`);
      }
      const nsn = `11${int(rng, 2, 8)}${digits(rng, 6)}`;
      return fmt(nsn, `011 ${nsn.slice(2, 5)} ${nsn.slice(5)}`);
    },
    cities: ['Johannesburg', 'Cape Town', 'Durban', 'Pretoria'],
  },
  {
    code: 'IT',
    calling: '+39',
    number: (rng) => {
      const nsn = `3${int(rng, 2, 9)}${int(rng, 0, 9)}${digits(rng, 7)}`;
      return fmt(nsn, `${nsn.slice(0, 3)} ${nsn.slice(3, 6)} ${nsn.slice(6)}`);
    },
    cities: ['Milano', 'Roma', 'Torino', 'Napoli'],
  },
  {
    code: 'CA',
    calling: '+1',
    number: (rng) => {
      const area = pick(rng, ['416', '604', '514', '403']);
      const exchange = `${int(rng, 2, 9)}${int(rng, 2, 9)}${int(rng, 0, 9)}`;
      const line = digits(rng, 4);
      return fmt(area + exchange + line, `(${area}) ${exchange}-${line}`);
    },
    cities: ['Toronto', 'Vancouver', 'Montréal', 'Calgary'],
  },
];

const COUNTRY_BY_CODE = new Map(COUNTRIES.map((c) => [c.code, c]));
const GARBAGE_PHONES = ['ext. 12', 'n/a', 'N/A', 'call reception', '+', '000', 'tbd', '12', 'see notes', '--'];

// ---- names -------------------------------------------------------------------------------------

interface Culture {
  country: string;
  first: readonly string[];
  last: readonly string[];
}

const CULTURES: readonly Culture[] = [
  {
    country: 'US',
    first: ['James', 'Mary', 'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'DeShawn', 'Madison'],
    last: ['Smith', 'Johnson', 'Williams', 'Brown', "O'Connor", 'Miller', 'Davis', 'Nguyen'],
  },
  {
    country: 'GB',
    first: ['Oliver', 'Amelia', 'Harry', 'Isla', 'George', 'Siobhán', 'Seán', 'Aoife'],
    last: ['Taylor', 'Evans', 'Wilson', 'Ó Súilleabháin', 'McCarthy', 'Hughes', 'Ashworth-Browne'],
  },
  {
    country: 'FR',
    first: ['Émilie', 'François', 'Chloé', 'Léa', 'Hélène', 'Jean-Luc', 'Maëlle', 'Noël', 'Zoé'],
    last: ['Dubois', 'Lefèvre', 'Moreau', 'Girard', 'de La Tour', 'Rousseau', 'Bénard'],
  },
  {
    country: 'DE',
    first: ['Jürgen', 'Lukas', 'Anna', 'Sören', 'Käthe', 'Maximilian', 'Lena'],
    last: ['Müller', 'Schröder', 'Weiß', 'Groß', 'Bäcker', 'von Stein', 'Hoffmann'],
  },
  {
    country: 'BR',
    first: ['João', 'Conceição', 'Thiago', 'Luíza', 'Gabriel', 'Ana Júlia'],
    last: ['da Silva', 'Gonçalves', 'Araújo', 'Simões', 'Magalhães', 'Oliveira'],
  },
  {
    country: 'PT',
    first: ['Gonçalo', 'Inês', 'Tomás', 'Leonor', 'Duarte'],
    last: ['Fernandes', 'Conceição', 'Sousa', 'Pereira', 'Brandão'],
  },
  {
    country: 'ES',
    first: ['José', 'María', 'Ángel', 'Nuria', 'Íñigo', 'Begoña', 'Sofía'],
    last: ['Núñez', 'García', 'Peña', 'Ibáñez', 'Fernández', 'de la Cruz'],
  },
  {
    country: 'MX',
    first: ['Guadalupe', 'Alejandro', 'Ximena', 'Jesús', 'Valentina'],
    last: ['Hernández', 'López', 'Martínez', 'Cuauhtémoc', 'Ramírez'],
  },
  {
    country: 'IN',
    first: ['Aarav', 'Priya', 'Rohan', 'Ananya', 'Vikram', 'राहुल', 'Lakshmi'],
    last: ['Sharma', 'Patel', 'Iyer', 'Reddy', 'Banerjee', 'शर्मा'],
  },
  { country: 'JP', first: ['太郎', '花子', 'Yuki', 'Haruto', 'Sakura', 'Ren'], last: ['山田', '佐藤', 'Tanaka', 'Suzuki', '高橋'] },
  {
    country: 'AU',
    first: ['Jack', 'Charlotte', 'Mia', 'Lachlan', 'Chloe'],
    last: ['Nguyen', 'Kelly', 'Walker', 'Papadopoulos', 'Mitchell'],
  },
  {
    country: 'ZA',
    first: ['Thabo', 'Naledi', 'Sipho', 'Lerato', 'Pieter'],
    last: ['Nkosi', 'Dlamini', 'van der Merwe', 'Botha', 'Mokoena'],
  },
  {
    country: 'IT',
    first: ['Giulia', 'Lorenzo', 'Chiara', 'Niccolò', 'Beatrice'],
    last: ['Rossi', 'Esposito', 'Bianchi', "D'Angelo", 'Ricci'],
  },
  { country: 'CA', first: ['Liam', 'Chloé', 'Ethan', 'Élodie'], last: ['Tremblay', 'Gagnon', 'Roy', 'MacDonald'] },
  // Cultures whose home country is not in the phone list: phones come from anywhere.
  { country: '', first: ['Дмитрий', 'Анна', 'Sergei', 'Olga'], last: ['Иванов', 'Смирнова', 'Petrov', 'Kuznetsova'] },
  { country: '', first: ['محمد', 'فاطمة', 'Omar', 'Layla', 'Youssef'], last: ['العلي', 'Haddad', 'Khoury', 'El-Amin'] },
  { country: '', first: ['Αλέξανδρος', 'Μαρία', 'Nikos'], last: ['Παπαδόπουλος', 'Georgiou'] },
  { country: '', first: ['민준', '서연', 'Ji-ho'], last: ['김', '이', 'Park'] },
  { country: '', first: ['伟', '芳', 'Wei', 'Xiaoming'], last: ['王', '李', 'Zhang', 'Chen'] },
  { country: '', first: ['Łukasz', 'Zofia', 'Søren', 'Åsa', 'Björn'], last: ['Wiśniewski', 'Kowalska', 'Ødegaard', 'Andersson'] },
];

const JOB_TITLES = [
  'CEO',
  'CTO',
  'Head of Sales',
  'Account Executive',
  'Customer Success Manager',
  'Software Engineer',
  'Office Manager',
  'VP Marketing',
  'Directeur commercial',
  'Geschäftsführer',
  'Gerente de Compras',
  'Procurement Lead',
  'Support Agent',
  'Founder & CEO',
  'Chief Revenue Officer',
  'Analyst',
];

const FREE_MAIL = [
  'gmail.com',
  'outlook.com',
  'yahoo.fr',
  'gmx.de',
  'icloud.com',
  'proton.me',
  'hotmail.co.uk',
  'uol.com.br',
  'qq.com',
  'yahoo.co.jp',
];

// ---- companies ---------------------------------------------------------------------------------

interface CompanySeed {
  name: string;
  domain: string;
  address: CompanyAddress | null;
}

const addr = (
  addressStreet1: string,
  addressCity: string,
  addressPostcode: string,
  addressCountry: string,
  addressState = '',
  addressStreet2 = '',
): CompanyAddress => ({
  addressStreet1,
  addressStreet2,
  addressCity,
  addressState,
  addressPostcode,
  addressCountry,
});

const COMPANY_POOL: readonly CompanySeed[] = [
  {
    name: 'Acme Corp',
    domain: 'https://acme.com',
    address: addr('1 Market St', 'San Francisco', '94105', 'United States', 'CA', 'Suite 300'),
  },
  { name: 'Globex', domain: 'https://www.globex.io', address: addr('500 Fifth Avenue', 'New York', '10110', 'United States', 'NY') },
  { name: 'Initech', domain: 'initech.com', address: addr('4120 Freidrich Ln', 'Austin', '78744', 'United States', 'TX') },
  { name: 'Société Générale de Café', domain: 'https://cafe-sgc.fr', address: addr('12 rue de Rivoli', 'Paris', '75004', 'France') },
  {
    name: 'Boulangerie Lefèvre SARL',
    domain: 'http://boulangerie-lefevre.fr/',
    address: addr('3 place Bellecour', 'Lyon', '69002', 'France'),
  },
  { name: 'Müller & Söhne GmbH', domain: 'https://mueller-soehne.de', address: addr('Friedrichstraße 43', 'Berlin', '10117', 'Germany') },
  { name: 'Bayerische Werkzeug AG', domain: 'bw-ag.de', address: addr('Leopoldstraße 8', 'München', '80802', 'Germany', 'Bayern') },
  {
    name: 'Padaria Pão de Açúcar',
    domain: 'https://paodeacucar.com.br',
    address: addr('Av. Paulista, 1000', 'São Paulo', '01310-100', 'Brazil', 'SP', 'Conj. 12'),
  },
  {
    name: 'Tecnologia Carioca Ltda',
    domain: 'tecnocarioca.com.br',
    address: addr('Rua Visconde de Pirajá, 414', 'Rio de Janeiro', '22410-002', 'Brazil', 'RJ'),
  },
  {
    name: 'Infosys Lite Pvt Ltd',
    domain: 'https://infolite.in',
    address: addr('Electronics City Phase 1', 'Bengaluru', '560100', 'India', 'Karnataka'),
  },
  { name: 'Mumbai Textiles', domain: 'mumbaitextiles.co.in', address: addr('Nariman Point', 'Mumbai', '400021', 'India', 'Maharashtra') },
  { name: '株式会社サンプル', domain: 'https://sample.co.jp', address: addr('千代田区丸の内1-1-1', '東京', '100-0005', 'Japan', '東京都') },
  { name: 'Osaka Robotics KK', domain: 'osaka-robotics.jp', address: addr('2-4-9 Umeda, Kita-ku', 'Osaka', '530-0001', 'Japan') },
  {
    name: 'Vinhos do Douro Lda',
    domain: 'https://vinhosdouro.pt',
    address: addr('Rua de Santa Catarina 112', 'Porto', '4000-442', 'Portugal'),
  },
  { name: 'Lisboa Digital', domain: 'lisboadigital.pt', address: addr('Av. da Liberdade 110', 'Lisboa', '1250-146', 'Portugal') },
  { name: 'Telefónica Pequeña S.L.', domain: 'https://telpeq.es', address: addr('Calle de Alcalá 45', 'Madrid', '28014', 'Spain') },
  { name: 'Barcelona Bikes', domain: 'bcnbikes.cat', address: addr('Passeig de Gràcia 92', 'Barcelona', '08008', 'Spain', 'Catalunya') },
  {
    name: 'Outback Logistics Pty Ltd',
    domain: 'https://outbacklogistics.com.au',
    address: addr('200 George St', 'Sydney', '2000', 'Australia', 'NSW'),
  },
  {
    name: 'Taquería El Güero',
    domain: 'elguero.mx',
    address: addr('Av. Insurgentes Sur 1602', 'Ciudad de México', '03940', 'Mexico', 'CDMX'),
  },
  {
    name: 'Cape Fynbos Trading',
    domain: 'https://fynbos.co.za',
    address: addr('10 Long Street', 'Cape Town', '8001', 'South Africa', 'Western Cape'),
  },
  {
    name: 'Jozi Fintech',
    domain: 'jozifintech.co.za',
    address: addr('Sandton Drive 5', 'Johannesburg', '2196', 'South Africa', 'Gauteng'),
  },
  { name: 'Northwind Traders', domain: 'https://northwind.example', address: null },
  { name: 'Umbrella Health', domain: '', address: addr('', 'Raccoon City', '', 'United States') },
  { name: 'Milano Moda S.p.A.', domain: 'https://milanomoda.it', address: addr('Via Montenapoleone 8', 'Milano', '20121', 'Italy', 'MI') },
  { name: 'Maple Leaf Software', domain: 'mapleleaf.ca', address: addr('100 King St W', 'Toronto', 'M5X 1A9', 'Canada', 'ON') },
  {
    name: 'Stark Industries',
    domain: 'https://starkindustries.com',
    address: addr('10880 Malibu Point', 'Malibu', '90265', 'United States', 'CA'),
  },
  { name: 'Wayne Enterprises', domain: 'wayne.com', address: addr('1007 Mountain Drive', 'Gotham', '', 'United States') },
  { name: 'Hooli', domain: 'https://hooli.xyz', address: addr('1 Hooli Way', 'Palo Alto', '94301', 'United States', 'CA') },
  {
    name: 'Edinburgh Whisky Co',
    domain: 'edinburghwhisky.co.uk',
    address: addr('Royal Mile 201', 'Edinburgh', 'EH1 1RE', 'United Kingdom', 'Scotland'),
  },
  {
    name: 'London Analytics Ltd',
    domain: 'https://www.londonanalytics.co.uk',
    address: addr('1 Canada Square', 'London', 'E14 5AB', 'United Kingdom'),
  },
  { name: '', domain: 'https://nameless.example', address: null },
  { name: 'Dunder Mifflin', domain: 'dundermifflin.com', address: addr('1725 Slough Avenue', 'Scranton', '18505', 'United States', 'PA') },
  { name: 'Zürcher Uhren AG', domain: 'https://zuercher-uhren.ch', address: addr('Bahnhofstrasse 21', 'Zürich', '8001', 'Switzerland') },
  { name: 'Krakowskie Smaki', domain: 'smaki.pl', address: addr('ul. Floriańska 15', 'Kraków', '31-019', 'Poland') },
  { name: 'Nordic Fjord AS', domain: 'https://fjord.no', address: addr('Karl Johans gate 22', 'Oslo', '0159', 'Norway') },
  { name: 'Shenzhen Hardware 深圳', domain: 'szhw.cn', address: addr('南山区科技园', '深圳', '518057', 'China', '广东') },
  { name: 'Seoul Games', domain: 'https://seoulgames.kr', address: addr('테헤란로 152', '서울', '06236', 'South Korea') },
  { name: 'Dubai Trade LLC', domain: 'dubaitrade.ae', address: addr('Sheikh Zayed Road', 'Dubai', '', 'United Arab Emirates') },
  { name: 'Athens Olive Oil', domain: 'https://athensolive.gr', address: addr('Ermou 10', 'Αθήνα', '105 63', 'Greece') },
  { name: 'Kyiv Code', domain: 'kyivcode.ua', address: addr('Khreshchatyk 22', 'Kyiv', '01001', 'Ukraine') },
];

// ---- helpers -----------------------------------------------------------------------------------

/** An ASCII handle from a name (for emails and social links); empty for non-Latin scripts. */
function asciiHandle(...parts: string[]): string {
  return parts
    .join('.')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '')
    .replace(/\.{2,}/g, '.')
    .replace(/^\.|\.$/g, '');
}

function bareDomain(url: string): string {
  return url
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/.*$/, '');
}

/** Empty text the way Twenty returns it: mostly "" (the column default), sometimes NULL. */
const empty = (rng: Rng): string | null => (chance(rng, 0.8) ? '' : null);

function phoneOf(rng: Rng, country: Country): AdditionalPhone & { e164: string } {
  const { display, nsn } = country.number(rng);
  return { number: display, countryCode: country.code, callingCode: country.calling, e164: `${country.calling}${nsn}` };
}

// ---- seed --------------------------------------------------------------------------------------

/** Create `count` people (and a company pool) in `store`; returns the created people. */
export function seedPeople(store: TwentyStore, options: SeedOptions): PersonRecord[] {
  const { count, seed } = options;
  if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a non-negative integer');
  const rng = mulberry32(seed);
  const now = store.now();
  const span = options.spanMs ?? 2 * 365 * 24 * 3600 * 1000;

  // Companies: a deterministic slice of the pool, ids from the same stream.
  const companyCount = Math.min(COMPANY_POOL.length, options.companies ?? Math.max(3, Math.min(40, Math.ceil(count / 20))));
  const companyIds: string[] = [];
  const companyDomains: string[] = [];
  const poolOrder = COMPANY_POOL.map((c) => ({ c, k: rng() })).sort((a, b) => a.k - b.k);
  for (let i = 0; i < companyCount; i++) {
    const { c } = poolOrder[i]!;
    const id = uuidFrom(rng);
    const createdAt = Math.floor(now - span - rng() * span);
    if (store.getCompany(id) === undefined) {
      store.createCompany({ id, name: c.name, domainUrl: c.domain, address: c.address, createdAt, updatedAt: createdAt });
    }
    companyIds.push(id);
    companyDomains.push(bareDomain(c.domain));
  }

  // updatedAt values with deliberate ties: one group larger than a 60-record page, and many
  // groups of 2-50, as bulk updates produce.
  const times: number[] = [];
  const bigGroupAt = count >= 100 ? int(rng, 0, count - 91) : -1;
  while (times.length < count) {
    const t = Math.floor(now - 1 - rng() * span);
    let size = 1;
    if (times.length === bigGroupAt) size = int(rng, 61, 90);
    else if (chance(rng, 0.06)) size = int(rng, 2, chance(rng, 0.7) ? 8 : 50);
    size = Math.min(size, count - times.length);
    if (bigGroupAt >= 0 && times.length < bigGroupAt && times.length + size > bigGroupAt) size = bigGroupAt - times.length;
    for (let i = 0; i < size; i++) times.push(t);
  }

  // At least one person with nothing to name them by, once there are a few people.
  const forcedNobody = count >= 20 ? int(rng, 0, count - 1) : -1;

  const people: PersonRecord[] = [];
  for (let index = 0; index < count; index++) {
    const culture = pick(rng, CULTURES);
    const home = COUNTRY_BY_CODE.get(culture.country);
    const country = home !== undefined && chance(rng, 0.8) ? home : pick(rng, COUNTRIES);

    // Names: mostly both; some one part; some none at all.
    let firstName: string | null = pick(rng, culture.first);
    let lastName: string | null = pick(rng, culture.last);
    const nameRoll = rng();
    const nobody = chance(rng, 0.012) || index === forcedNobody; // neither name, email nor phone
    if (nobody || nameRoll < 0.05) {
      firstName = empty(rng);
      lastName = empty(rng);
    } else if (nameRoll < 0.09) {
      lastName = empty(rng);
    } else if (nameRoll < 0.12) {
      firstName = empty(rng);
    }

    const hasCompany = chance(rng, 0.7);
    const companyIndex = hasCompany ? Math.floor(rng() * companyIds.length) : -1;
    const companyId = companyIndex >= 0 ? companyIds[companyIndex]! : null;
    const workDomain = companyIndex >= 0 ? companyDomains[companyIndex]! : '';

    // Emails.
    const handle = asciiHandle(firstName ?? '', lastName ?? '') || `user${digits(rng, 4)}`;
    const emailPool: string[] = [];
    const emailCount = nobody ? 0 : pick(rng, [0, 1, 1, 1, 1, 2, 2, 2, 3, 3]);
    for (let e = 0; e < emailCount; e++) {
      const domain = e === 0 && workDomain !== '' && chance(rng, 0.7) ? workDomain : pick(rng, FREE_MAIL);
      const local = e === 0 ? handle : `${handle.split('.')[0] ?? 'contact'}${digits(rng, 2)}`;
      let email = `${local}@${domain}`;
      if (chance(rng, 0.05)) email = email.replace(/^./, (c) => c.toUpperCase()).replace(/@.*/, (d) => d.toUpperCase());
      if (chance(rng, 0.02)) email = ` ${email} `;
      emailPool.push(email);
    }
    let primaryEmail: string | null = emailPool[0] ?? empty(rng);
    let additionalEmails: string[] | null = emailPool.length > 1 ? emailPool.slice(1) : chance(rng, 0.6) ? [] : null;
    if (emailPool.length > 1 && chance(rng, 0.08)) {
      // No primary, only additional ones (possible through the API).
      primaryEmail = '';
    }
    if (emailPool.length > 0 && chance(rng, 0.05)) additionalEmails = [...(additionalEmails ?? []), emailPool[0]!.trim().toLowerCase()];
    if (emailPool.length > 0 && chance(rng, 0.04)) additionalEmails = [...(additionalEmails ?? []), ''];

    // Primary phone.
    let primaryPhoneNumber: string | null = empty(rng);
    let primaryPhoneCountryCode: string | null = empty(rng);
    let primaryPhoneCallingCode: string | null = empty(rng);
    if (!nobody && chance(rng, 0.8)) {
      const phone = phoneOf(rng, country);
      const roll = rng();
      if (roll < 0.7) {
        primaryPhoneNumber = phone.number;
        primaryPhoneCountryCode = phone.countryCode;
        primaryPhoneCallingCode = phone.callingCode;
      } else if (roll < 0.82) {
        primaryPhoneNumber = phone.e164;
        primaryPhoneCountryCode = phone.countryCode;
        primaryPhoneCallingCode = phone.callingCode;
      } else if (roll < 0.88) {
        // Legacy Twenty rows: the calling code sits in primaryPhoneCountryCode.
        primaryPhoneNumber = phone.e164.slice(phone.callingCode.length);
        primaryPhoneCountryCode = phone.callingCode;
        primaryPhoneCallingCode = '';
      } else if (roll < 0.93) {
        primaryPhoneNumber = phone.e164;
        primaryPhoneCountryCode = '';
        primaryPhoneCallingCode = '';
      } else {
        primaryPhoneNumber = pick(rng, GARBAGE_PHONES);
        primaryPhoneCountryCode = chance(rng, 0.5) ? phone.countryCode : '';
        primaryPhoneCallingCode = chance(rng, 0.5) ? phone.callingCode : '';
      }
    }
    let additionalPhones: AdditionalPhone[] | null = chance(rng, 0.5) ? [] : null;
    if (!nobody && chance(rng, 0.15)) {
      additionalPhones = [];
      const n = int(rng, 1, 2);
      for (let k = 0; k < n; k++) {
        const { e164, ...phone } = phoneOf(rng, chance(rng, 0.7) ? country : pick(rng, COUNTRIES));
        additionalPhones.push(chance(rng, 0.15) ? { ...phone, number: e164 } : phone);
      }
    }

    // Links.
    const social = asciiHandle(firstName ?? '', lastName ?? '').replace(/\./g, '') || `user${digits(rng, 5)}`;
    const linkedinUrl = chance(rng, 0.4)
      ? pick(rng, [
          `https://www.linkedin.com/in/${social}`,
          `linkedin.com/in/${social}-${digits(rng, 3)}`,
          `https://linkedin.com/in/${social}/`,
        ])
      : empty(rng);
    const xHandle = `${social.slice(0, 12)}${digits(rng, 2)}`;
    const xUrl = chance(rng, 0.2)
      ? pick(rng, [`https://x.com/${xHandle}`, `https://twitter.com/${xHandle}`, `x.com/${xHandle}`, `@${xHandle}`])
      : empty(rng);
    const avatarUrl = chance(rng, 0.3)
      ? chance(rng, 0.8)
        ? `https://i.pravatar.cc/300?u=${digits(rng, 8)}`
        : `person-picture/original/${digits(rng, 10)}.jpg` // an uploaded file: a path relative to the server
      : empty(rng);

    const updatedAt = times[index]!;
    const createdAt = chance(rng, 0.3) ? updatedAt : Math.floor(updatedAt - rng() * span);
    const deletedAt = chance(rng, 0.02) ? updatedAt : null;

    people.push(
      store.create({
        id: uuidFrom(rng),
        firstName,
        lastName,
        primaryEmail,
        additionalEmails,
        primaryPhoneNumber,
        primaryPhoneCountryCode,
        primaryPhoneCallingCode,
        additionalPhones,
        jobTitle: chance(rng, 0.75) ? pick(rng, JOB_TITLES) : empty(rng),
        city: chance(rng, 0.6) ? pick(rng, country.cities) : empty(rng),
        avatarUrl,
        linkedinUrl,
        xUrl,
        companyId,
        createdAt,
        updatedAt,
        deletedAt,
      }),
    );
  }
  return people;
}
