/*
 * The fast path for a phone number the CRM already holds split into a country or calling code and
 * a national number (Twenty: primaryPhoneCountryCode / primaryPhoneCallingCode + primaryPhoneNumber,
 * and the same three sub-fields in each additional phone). Measured in `npm run bench`, the full
 * parse was the largest single cost of a contact: libphonenumber-js builds its metadata wrappers and
 * compiles each pattern (`new RegExp`) again on every call, several times per number.
 *
 * This file takes the same steps as libphonenumber-js 1.13 (es6/parse.js parsePhoneNumber,
 * helpers/stripIddPrefix, extractCountryCallingCode, extractNationalNumber,
 * extractNationalNumberFromPossiblyIncompleteNumber, checkNumberLength, isPossible) with the same
 * metadata, compiled once per numbering plan, but only where those steps are simple. Wherever the
 * parser would branch into a case not reproduced here, it answers `undefined` and the caller runs
 * the full parser, so it never decides a case differently; the property test
 * (test/property/split-phone.test.ts) checks that on generated numbers of every country and on the
 * fixtures. Not reproduced, hence left to the full parser:
 * - any character other than ASCII digits, spaces and ( ) - . / after an optional leading "+"
 *   (letters, extensions, full-width digits, a "+" further in);
 * - digits starting with the plan's international (IDD) prefix, or with the calling code itself
 *   (the parser may then read them as an international number);
 * - national-prefix rules with captured groups (carrier codes, transform rules: e.g. AR, BR, MX);
 * - a length on which the countries sharing a calling code disagree (the parser picks the exact
 *   country from the digits before checking the length);
 * - numbers whose length is not "possible" (the caller then also asks isValid()).
 */
import { Metadata, type CountryCode } from 'libphonenumber-js';

/** A default country or calling code for a national number; undefined for an international "+" one. */
export type SplitPhoneOptions = { defaultCountry: CountryCode } | { defaultCallingCode: string } | undefined;

/** libphonenumber-js's bounds on a national significant number (constants.js). */
const MIN_LENGTH_FOR_NSN = 2;
const MAX_LENGTH_FOR_NSN = 17;
/** parse.js rejects longer input outright. */
const MAX_INPUT_STRING_LENGTH = 250;
const SIMPLE_TEXT = /^\+?[0-9 ().\/-]+$/;
const NOT_DIGITS = /[^0-9]/g;

interface Plan {
  callingCode: string;
  /** `^` + the IDD prefix pattern, as stripIddPrefix searches it; null when the parser skips that step. */
  idd: RegExp | null;
  /** `^(?:nationalPrefixForParsing)`, or null when the plan has none. */
  nationalPrefix: RegExp | null;
  nationalNumber: RegExp;
  /**
   * Possible lengths of each country sharing the calling code (the parser picks the exact country
   * from the digits before checking the length): a verdict is used only when all agree.
   */
  lengths: ReadonlyArray<readonly number[]>;
  /** lengthVerdict for each length up to MAX_LENGTH_FOR_NSN, computed with the plan. */
  verdicts: ReadonlyArray<Verdict | null>;
}

/**
 * The parts of libphonenumber-js's Metadata class (es6/metadata.js) the parser itself uses; its
 * index.d.ts declares only a few of them.
 */
interface NumberingPlanApi {
  callingCode(): string;
  IDDPrefix(): string;
  nationalNumberPattern(): string;
  possibleLengths(): number[] | undefined;
  nationalPrefixForParsing(): string | undefined;
}
interface MetadataApi {
  hasCountry(country: string): boolean;
  hasCallingCode(callingCode: string): boolean;
  selectNumberingPlan(countryOrCallingCode: string): void;
  numberingPlan?: NumberingPlanApi;
  getCountryCodesForCallingCode(callingCode: string): string[] | undefined;
}
const newMetadata = (): MetadataApi => new Metadata() as unknown as MetadataApi;

/** Plans by country, compiled once each. */
const countryPlans = new Map<string, Plan | null>();
/**
 * Plans by calling code, indexed by its numeric value: calling codes have no leading zero, so the
 * value names the digits (1–3 of them) unambiguously.
 */
const callingCodePlans: Array<Plan | null | undefined> = [];

/** The plan for a country or a calling code, compiled once; null when the fast path cannot use it. */
function planFor(key: string, byCountry: boolean): Plan | null {
  if (!byCountry && /^[1-9]\d{0,2}$/.test(key)) return planForCallingCode(Number(key));
  const cache = byCountry ? countryPlans : otherPlans;
  let plan = cache.get(key);
  if (plan !== undefined) return plan;
  plan = compilePlan(key, byCountry);
  cache.set(key, plan);
  return plan;
}

/** Default calling codes the numeric table cannot name ("033": toE164 passes on up to three digits as written). */
const otherPlans = new Map<string, Plan | null>();

function planForCallingCode(value: number): Plan | null {
  let plan = callingCodePlans[value];
  if (plan === undefined) {
    plan = compilePlan(String(value), false);
    callingCodePlans[value] = plan;
  }
  return plan;
}

function compilePlan(key: string, byCountry: boolean): Plan | null {
  const metadata = newMetadata();
  if (byCountry ? !metadata.hasCountry(key) : !metadata.hasCallingCode(key)) return null;
  metadata.selectNumberingPlan(key);
  const numbering = metadata.numberingPlan;
  if (!numbering) return null;
  const callingCode = numbering.callingCode();
  // An E.164 number then only needs its total length checked (see splitPhoneToE164).
  if (!/^[1-9]\d*$/.test(callingCode)) return null;
  const own = numbering.possibleLengths();
  if (!own) return null;
  const lengths: number[][] = [[...own]];
  for (const country of metadata.getCountryCodesForCallingCode(callingCode) ?? []) {
    const other = newMetadata();
    other.selectNumberingPlan(country);
    const theirs = other.numberingPlan?.possibleLengths();
    if (!theirs) return null;
    lengths.push([...theirs]);
  }
  const verdicts: Array<Verdict | null> = [];
  for (let length = 0; length <= MAX_LENGTH_FOR_NSN; length++) verdicts.push(computeLengthVerdict(length, lengths));
  return { ...base(), lengths, verdicts };

  function base(): Omit<Plan, 'lengths' | 'verdicts'> {
    const prefix = numbering?.nationalPrefixForParsing();
    // stripIddPrefix runs only with a default country, not with a bare default calling code.
    const idd = byCountry ? numbering?.IDDPrefix() : undefined;
    return {
      callingCode,
      idd: idd ? new RegExp(`^(?:${idd})`) : null,
      nationalPrefix: prefix ? new RegExp(`^(?:${prefix})`) : null,
      nationalNumber: new RegExp(`^(?:${numbering?.nationalNumberPattern()})$`),
    };
  }
}

type Verdict = 'IS_POSSIBLE' | 'TOO_SHORT' | 'TOO_LONG' | 'INVALID_LENGTH';

/** checkNumberLength's verdict, the same for every country of the plan's calling code, else null. */
function lengthVerdict(length: number, plan: Plan): Verdict | null {
  return length <= MAX_LENGTH_FOR_NSN ? (plan.verdicts[length] ?? null) : computeLengthVerdict(length, plan.lengths);
}

function computeLengthVerdict(length: number, plans: Plan['lengths']): Verdict | null {
  let verdict: Verdict | null = null;
  for (const lengths of plans) {
    const v = verdictFor(length, lengths);
    if (verdict !== null && v !== verdict) return null;
    verdict = v;
  }
  return verdict;
}

function verdictFor(length: number, lengths: readonly number[]): Verdict {
  const min = lengths[0] as number;
  if (min === length) return 'IS_POSSIBLE';
  if (min > length) return 'TOO_SHORT';
  if ((lengths[lengths.length - 1] as number) < length) return 'TOO_LONG';
  return lengths.indexOf(length, 1) >= 0 ? 'IS_POSSIBLE' : 'INVALID_LENGTH';
}

/**
 * The E.164 form libphonenumber-js gives `text` (already trimmed) parsed with `options`, when that
 * number is possible; `undefined` when this fast path does not decide the case (never a different
 * answer: the caller then runs the full parser).
 */
export function splitPhoneToE164(text: string, options: SplitPhoneOptions): string | undefined {
  if (text.length > MAX_INPUT_STRING_LENGTH || !SIMPLE_TEXT.test(text)) return undefined;
  const international = text.startsWith('+');
  if (international !== (options === undefined)) return undefined;
  let digits = text.replace(NOT_DIGITS, '');
  let plan: Plan | null;
  if (options === undefined) {
    // extractCountryCallingCode: the shortest leading digits that are a known calling code.
    if (digits.startsWith('0')) return undefined;
    plan = null;
    let code = 0;
    for (let i = 1; i <= 3 && i < digits.length && !plan; i++) {
      code = code * 10 + (digits.charCodeAt(i - 1) - 48);
      plan = planForCallingCode(code);
    }
    if (!plan) return undefined;
    digits = digits.slice(plan.callingCode.length);
  } else {
    const byCountry = 'defaultCountry' in options;
    plan = planFor(byCountry ? options.defaultCountry : options.defaultCallingCode, byCountry);
    if (!plan) return undefined;
    // The parser may read these as an international number: left to it.
    if (plan.idd?.test(digits) || digits.startsWith(plan.callingCode)) return undefined;
  }
  if (digits.length < MIN_LENGTH_FOR_NSN) return undefined;

  let national = digits;
  if (plan.nationalPrefix) {
    const match = plan.nationalPrefix.exec(digits);
    if (match) {
      if (match.length > 1 && match[match.length - 1]) return undefined; // captured groups: carrier code or transform rule
      const stripped = digits.slice(match[0].length);
      if (stripped !== digits) {
        // extractNationalNumber keeps the prefix when stripping it spoils a valid number, or leaves
        // a number too short (or of an impossible length) for the plan.
        const spoils = plan.nationalNumber.test(digits) && !plan.nationalNumber.test(stripped);
        const verdict = spoils ? 'TOO_SHORT' : lengthVerdict(stripped.length, plan);
        if (verdict === null) return undefined;
        if (verdict !== 'TOO_SHORT' && verdict !== 'INVALID_LENGTH') national = stripped;
      }
    }
  }
  if (national.length < MIN_LENGTH_FOR_NSN || national.length > MAX_LENGTH_FOR_NSN) return undefined;
  if (lengthVerdict(national.length, plan) !== 'IS_POSSIBLE') return undefined;
  // E164 = /^\+[1-9]\d{1,14}$/: the calling code is digits without a leading zero (compilePlan).
  const length = plan.callingCode.length + national.length;
  return length >= 2 && length <= 15 ? `+${plan.callingCode}${national}` : undefined;
}
