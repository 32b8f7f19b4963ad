/*
 * Metadata choice: the default entry point (libphonenumber-js "min" metadata, 83 kB) rather than
 * `libphonenumber-js/max` (157 kB). Measured on Node 20 over 400,000 random numbers across every
 * supported country, both in international form and national form with a default country: the
 * E.164 output and `isPossible()` were identical in every case and parsing cost the same
 * (~5 µs per number; cold import ~80 ms either way). The two differ only in `isValid()` (6.5% of
 * those samples), because "max" also checks each country's digit patterns. We accept any
 * *possible* number (right length for its country) instead of requiring a *valid* one: Talkdesk
 * identifies callers by number, and a number in a range allocated after the metadata was cut is
 * still better sent in E.164 than as free text. With that rule "max" buys nothing.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import metadata from 'libphonenumber-js/min/metadata';
import { splitPhoneToE164 } from './split-phone.js';

export interface PhoneHint {
  /** ISO 3166-1 alpha-2 country of the number, e.g. "FR". */
  countryCode?: string | null;
  /** International calling code, with or without "+", e.g. "+33". */
  callingCode?: string | null;
}

export type ParseOptions = { defaultCountry: CountryCode } | { defaultCallingCode: string } | undefined;

const CALLING_CODE = /^\+?(\d{1,3})$/;
const E164 = /^\+[1-9]\d{1,14}$/;

const NOT_ASCII = 0;
const NO_DIGIT = 1;
const HAS_DIGIT = 2;

/**
 * For ASCII text, whether it holds a digit (the only decimal digits, \p{Nd}, in ASCII are 0-9);
 * NOT_ASCII otherwise. One pass instead of two regular expressions on every number.
 */
function asciiDigits(text: string): typeof NOT_ASCII | typeof NO_DIGIT | typeof HAS_DIGIT {
  let digit = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) return NOT_ASCII;
    if (c >= 0x30 && c <= 0x39) digit = true;
  }
  return digit ? HAS_DIGIT : NO_DIGIT;
}

/**
 * libphonenumber-js's isSupportedCountry (es6/metadata.js: an own property of the metadata's
 * `countries`) on the same "min" metadata the default entry point uses, without the wrapper that
 * copies its arguments on every call.
 */
const hasOwn = Object.prototype.hasOwnProperty;
function isSupportedCountry(country: string): country is CountryCode {
  return hasOwn.call(metadata.countries, country);
}

/**
 * The default-country options worth trying, most specific first. Twenty stores the national part
 * in `primaryPhoneNumber` with the country in `primaryPhoneCountryCode` and the calling code in
 * `primaryPhoneCallingCode`; servers before the calling-code sub-field existed kept the calling
 * code ("+33") in `primaryPhoneCountryCode`, so a country hint shaped like a calling code is used
 * as one.
 */
function parseOptions(hint: PhoneHint | undefined): ParseOptions[] {
  const options: ParseOptions[] = [];
  const callingCodes: string[] = [];
  for (const value of [hint?.countryCode, hint?.callingCode]) {
    if (typeof value !== 'string') continue;
    const trimmed = value.trim();
    const country = trimmed.toUpperCase();
    if (isSupportedCountry(country)) options.push({ defaultCountry: country });
    const code = CALLING_CODE.exec(trimmed)?.[1];
    if (code) callingCodes.push(code);
  }
  for (const code of callingCodes) options.push({ defaultCallingCode: code });
  return options;
}

/**
 * `parseOptions(hint)[0]` without building the rest: the only option the fast path tries, and
 * most numbers need no other.
 */
function firstOption(hint: PhoneHint | undefined): ParseOptions {
  const countryCode = hint?.countryCode;
  const callingCode = hint?.callingCode;
  let code: string | undefined;
  if (typeof countryCode === 'string') {
    const trimmed = countryCode.trim();
    const country = trimmed.toUpperCase();
    if (isSupportedCountry(country)) return { defaultCountry: country };
    code = CALLING_CODE.exec(trimmed)?.[1];
  }
  if (typeof callingCode === 'string') {
    const trimmed = callingCode.trim();
    const country = trimmed.toUpperCase();
    if (isSupportedCountry(country)) return { defaultCountry: country };
    if (!code) code = CALLING_CODE.exec(trimmed)?.[1];
  }
  return code ? { defaultCallingCode: code } : undefined;
}

/** False under --frozen-intrinsics, where assigning it would throw. */
const STACK_TRACE_LIMIT_WRITABLE = Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit')?.writable === true;

/**
 * One attempt of the full parser: the E.164 form of `text` read with `options`, when that number is
 * possible (or valid) and fits E.164; else null. split-phone.ts's fast path is checked against it.
 */
export function parsePossible(text: string, options: ParseOptions): string | null {
  // The parser reports text that is not a number by throwing a ParseError (caught inside
  // parsePhoneNumberFromString, or below); the error is discarded, so its stack trace is not
  // captured: capturing it was most of the cost of a number such as "ext. 12" (about 5 µs of 10).
  const stackTraceLimit = Error.stackTraceLimit;
  if (STACK_TRACE_LIMIT_WRITABLE) Error.stackTraceLimit = 0;
  try {
    const parsed = parsePhoneNumberFromString(text, options);
    // `number` is E.164 without the extension: Talkdesk matches the caller's number, which never
    // carries one.
    if (!parsed || !(parsed.isPossible() || parsed.isValid())) return null;
    // libphonenumber-js can call a number "possible" that is longer than E.164 allows (15 digits).
    return E164.test(parsed.number) ? parsed.number : null;
  } catch {
    // An unknown calling code makes libphonenumber-js throw rather than return undefined.
    return null;
  } finally {
    if (STACK_TRACE_LIMIT_WRITABLE) Error.stackTraceLimit = stackTraceLimit;
  }
}

/**
 * A phone number in E.164 when it can be parsed; otherwise the trimmed text as the CRM holds it
 * (a human can still read it); null when there is nothing to dial (empty, or no digit at all).
 */
export function toE164(raw: string, hint?: PhoneHint): string | null {
  if (typeof raw !== 'string') return null;
  const trimmed = raw.trim();
  const ascii = asciiDigits(trimmed);
  if (ascii === NO_DIGIT || (ascii === NOT_ASCII && !/\p{Nd}/u.test(trimmed))) return null;

  // NFKC turns full-width digits and "＋" (common from East Asian input methods) into ASCII; ASCII
  // text is its own NFKC form (Unicode's normalization forms leave U+0000–U+007F unchanged).
  let text = ascii === NOT_ASCII ? trimmed.normalize('NFKC') : trimmed;
  // "00" is the international prefix across most of the world, but libphonenumber-js only reads it
  // as one when the default country's dialling rules say so; without a hint it would give up.
  if (text.startsWith('00')) text = `+${text.slice(2)}`;

  const international = text.startsWith('+');
  // A number the CRM split into country or calling code + national number, or one in E.164: the
  // first attempt's answer without the full parser, where split-phone.ts can decide it (it then
  // gives the same answer).
  const fast = splitPhoneToE164(text, international ? undefined : firstOption(hint));
  if (fast !== undefined) return fast;
  // The last attempt, without a default, still finds a "+" later in the text, as in "(+33) 6 …".
  const attempts: ParseOptions[] = international ? [undefined] : [...parseOptions(hint), undefined];
  for (const options of attempts) {
    const e164 = parsePossible(text, options);
    if (e164) return e164;
  }
  return trimmed;
}

/** The non-null numbers, first occurrence kept, in order. */
export function uniquePhones(list: ReadonlyArray<string | null>): string[] {
  // A contact has a handful of numbers: a linear scan costs less than a Set.
  if (list.length > 16) return [...new Set(list.filter((phone): phone is string => phone !== null))];
  const result: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const phone = list[i];
    // `i in list`: a hole is skipped, as filter() skips it.
    if (phone === null || (phone === undefined && !(i in list)) || result.includes(phone as string)) continue;
    result.push(phone as string);
  }
  return result;
}
