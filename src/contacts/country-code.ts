/**
 * The ISO 3166-1 alpha-2 code of a country written as people write it, for use as a phone-number
 * hint (src/contacts/phone.ts). CRMs often keep the country as free text (Salesforce's
 * MailingCountry, unless the org enabled State and Country picklists): "United States", "USA",
 * "Deutschland", "españa", "UK", or already a code such as "FR".
 *
 * Names come from the ICU data built into Node (Intl.DisplayNames) in a few common CRM languages,
 * for every country libphonenumber-js knows, plus a short table of abbreviations and old names
 * that ICU does not list. Matching ignores case, accents and punctuation. An unknown text is null:
 * the number is then parsed without a country, as before.
 */
import { getCountries, isSupportedCountry, type CountryCode } from 'libphonenumber-js';

const LANGUAGES = ['en', 'fr', 'de', 'es', 'pt', 'it', 'nl'];

const ALIASES: Record<string, CountryCode> = {
  usa: 'US',
  'united states of america': 'US',
  america: 'US',
  uk: 'GB',
  'great britain': 'GB',
  britain: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  uae: 'AE',
  holland: 'NL',
  'czech republic': 'CZ',
  'ivory coast': 'CI',
  'republic of korea': 'KR',
  korea: 'KR',
  'russian federation': 'RU',
  'viet nam': 'VN',
  deu: 'DE',
  fra: 'FR',
  esp: 'ES',
  ita: 'IT',
  prt: 'PT',
  gbr: 'GB',
  can: 'CA',
  aus: 'AU',
  bra: 'BR',
  mex: 'MX',
  nld: 'NL',
  irl: 'IE',
  che: 'CH',
  ind: 'IN',
  jpn: 'JP',
  chn: 'CN',
};

function key(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '');
}

let names: Map<string, CountryCode> | null = null;

/** Built on first use (about 1,700 ICU look-ups, a few milliseconds). */
function countryNames(): Map<string, CountryCode> {
  if (names !== null) return names;
  const map = new Map<string, CountryCode>();
  for (const language of LANGUAGES) {
    let display: Intl.DisplayNames;
    try {
      display = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
    } catch {
      continue;
    }
    for (const code of getCountries()) {
      const name = display.of(code);
      if (name === undefined) continue;
      const k = key(name);
      // The first language to name a country wins a clash between languages.
      if (k !== '' && !map.has(k)) map.set(k, code);
    }
  }
  for (const [alias, code] of Object.entries(ALIASES)) if (!map.has(alias)) map.set(alias, code);
  names = map;
  return map;
}

/** The country's ISO alpha-2 code when `value` names one libphonenumber-js supports, else null. */
export function countryCodeOf(value: unknown): CountryCode | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > 100) return null;
  const upper = trimmed.toUpperCase();
  if (/^[A-Z]{2}$/.test(upper) && isSupportedCountry(upper)) return upper;
  return countryNames().get(key(trimmed)) ?? null;
}
