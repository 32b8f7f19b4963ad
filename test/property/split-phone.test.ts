import { expect } from 'chai';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { getCountries, getCountryCallingCode, getExampleNumber, type CountryCode, type Examples } from 'libphonenumber-js';
import examples from 'libphonenumber-js/examples.mobile.json' with { type: 'json' };
import { seedPeople, startFakeTwenty } from '../../fake-crms/twenty/index.js';
import { splitPhoneToE164, type SplitPhoneOptions } from '../../src/contacts/split-phone.js';
import { parsePossible, toE164 } from '../../src/contacts/phone.js';

/*
 * The fast path for split numbers (src/contacts/split-phone.ts) must never answer differently from
 * the full parser: whenever it decides a case, its E.164 is the one libphonenumber-js gives (the
 * first attempt of toE164, src/contacts/phone.ts). It is also checked to decide most national
 * numbers, so that a fast path that silently stopped firing fails here too.
 */

/** What the full parser answers for one attempt of toE164. */
const fullParser = parsePossible;

const COUNTRIES = getCountries();
const CALLING_CODES = [...new Set(COUNTRIES.map((c) => getCountryCallingCode(c)))];

/** Digits written the ways people type national numbers: groups split by spaces, dots, dashes, brackets. */
const written = (digits: string): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom('', ' ', '-', '.', ' - ', '/'), { minLength: digits.length, maxLength: digits.length }).chain((seps) =>
    fc.boolean().map((bracketed) => {
      const text = [...digits].map((d, i) => `${i > 0 ? seps[i] : ''}${d}`).join('');
      return bracketed && digits.length > 4 ? `(${text.slice(0, 3)}) ${text.slice(3)}` : text;
    }),
  );

/** A default country, a default calling code, or none (then the text is international: "+" and the calling code first). */
const options: fc.Arbitrary<SplitPhoneOptions> = fc.oneof(
  fc.constantFrom(...COUNTRIES).map((c) => ({ defaultCountry: c })),
  fc.constantFrom(...CALLING_CODES).map((c) => ({ defaultCallingCode: c })),
  fc.constant(undefined),
);

/** A national number of the option's plan: the metadata's example, or random digits, with or without a trunk prefix. */
const nationalDigits = (option: SplitPhoneOptions): fc.Arbitrary<string> => {
  if (option === undefined) {
    return fc
      .tuple(fc.constantFrom(...CALLING_CODES), fc.constantFrom('', '0', '1'), fc.stringMatching(/^\d{2,14}$/))
      .map(([code, prefix, digits]) => `${code}${prefix}${digits}`);
  }
  const country = 'defaultCountry' in option ? option.defaultCountry : undefined;
  const example = country ? getExampleNumber(country, examples as Examples)?.nationalNumber : undefined;
  const sample = example ? fc.constant(String(example)) : fc.stringMatching(/^[1-9]\d{6,10}$/);
  return fc
    .tuple(fc.constantFrom('', '', '0', '1', '8', '00', '011'), fc.oneof(sample, fc.stringMatching(/^\d{2,17}$/)))
    .map(([prefix, digits]) => `${prefix}${digits}`);
};

const runs = Number(process.env['PROPERTY_RUNS'] ?? 100) * 20;

describe('split phone fast path (src/contacts/split-phone.ts)', () => {
  it('when a national number is written with any separators for any country or calling code, then the fast path answers what the full parser answers, or leaves it to it', () => {
    fc.assert(
      fc.property(
        options.chain((option) =>
          fc.tuple(
            fc.constant(option),
            nationalDigits(option)
              .chain(written)
              .map((text) => (option === undefined ? `+${text}` : text)),
          ),
        ),
        ([option, text]) => {
          const fast = splitPhoneToE164(text, option);
          if (fast !== undefined) expect(fast, `${text} with ${JSON.stringify(option)}`).to.equal(fullParser(text, option));
        },
      ),
      { numRuns: runs },
    );
  });

  it('when given any short text, then the fast path never answers differently from the full parser', () => {
    fc.assert(
      fc.property(options, fc.oneof(fc.string({ maxLength: 24 }), fc.stringMatching(/^[\d ().+/-]{0,24}$/)), (option, text) => {
        const fast = splitPhoneToE164(text, option);
        if (fast !== undefined) expect(fast, `${text} with ${JSON.stringify(option)}`).to.equal(fullParser(text, option));
      }),
      { numRuns: runs },
    );
  });

  it("when every country's example number is written nationally, then the fast path decides most of them, each as the full parser does", () => {
    let decided = 0;
    for (const country of COUNTRIES) {
      const example = getExampleNumber(country as CountryCode, examples as Examples);
      if (!example) continue;
      for (const text of [example.formatNational(), String(example.nationalNumber)]) {
        const fast = splitPhoneToE164(text, { defaultCountry: country });
        if (fast === undefined) continue;
        decided++;
        expect(fast, `${text} in ${country}`).to.equal(fullParser(text, { defaultCountry: country }));
      }
    }
    expect(decided).to.be.greaterThan(COUNTRIES.length);
  });

  it('when the fixtures and the seeded fake Twenty people are mapped, then every phone matches the full parser and most take the fast path', async () => {
    const fake = await startFakeTwenty({ apiKeys: ['k'] });
    try {
      const people = seedPeople(fake.store, { count: 2000, seed: 20240501 });
      const fixture = JSON.parse(readFileSync(new URL('../fixtures/twenty/people-page.json', import.meta.url), 'utf8')) as {
        data: { people: { edges: Array<{ node: { phones?: Record<string, unknown> } }> } };
      };
      const entries: Array<{ number: unknown; countryCode: unknown; callingCode: unknown }> = [];
      for (const p of people) {
        entries.push({ number: p.primaryPhoneNumber, countryCode: p.primaryPhoneCountryCode, callingCode: p.primaryPhoneCallingCode });
        for (const extra of p.additionalPhones ?? []) entries.push(extra);
      }
      for (const { node } of fixture.data.people.edges) {
        const phones = node.phones ?? {};
        entries.push({
          number: phones['primaryPhoneNumber'],
          countryCode: phones['primaryPhoneCountryCode'],
          callingCode: phones['primaryPhoneCallingCode'],
        });
      }
      let decided = 0;
      let parsed = 0;
      for (const entry of entries) {
        if (typeof entry.number !== 'string') continue;
        const hint = { countryCode: entry.countryCode as string | null, callingCode: entry.callingCode as string | null };
        const text = entry.number.trim();
        for (const option of firstAttempt(text, hint)) {
          const fast = splitPhoneToE164(text, option);
          if (fast !== undefined) {
            decided++;
            expect(fast, `${text} with ${JSON.stringify(option)}`).to.equal(fullParser(text, option));
            expect(toE164(entry.number, hint)).to.equal(fast);
          }
        }
        if (toE164(entry.number, hint)?.startsWith('+')) parsed++;
      }
      expect(decided).to.be.greaterThan(parsed / 2);
    } finally {
      await fake.close();
    }
  });
});

/** The option toE164 tries first for a hint (phone.ts parseOptions), when it is one. */
function firstAttempt(text: string, hint: { countryCode: string | null; callingCode: string | null }): SplitPhoneOptions[] {
  if (text.startsWith('+')) return [undefined];
  const country = hint.countryCode?.trim().toUpperCase();
  if (country && COUNTRIES.includes(country as CountryCode)) return [{ defaultCountry: country as CountryCode }];
  for (const value of [hint.countryCode, hint.callingCode]) {
    const code = /^\+?(\d{1,3})$/.exec(value?.trim() ?? '')?.[1];
    if (code) return [{ defaultCallingCode: code }];
  }
  return [];
}
