import type { TalkdeskContact } from '../../contacts/talkdesk-contact.js';
import { absoluteHttpUrl, cleanText as text, UNKNOWN_CONTACT_NAME } from '../../contacts/contact-text.js';
import { toE164, uniquePhones, type PhoneHint } from '../../contacts/phone.js';
import { readUrl } from '../../contacts/simple-http-url.js';
import { encodeIdComponent, recordLinkPrefix } from '../../contacts/record-link.js';
import { uniqueWebsites } from '../../contacts/website.js';
import type { TwentyPeoplePagePrimaryOnlyQuery, TwentyPeoplePageQuery } from '../../generated/twenty/graphql.js';
import type { TwentyPeoplePageV053Query } from '../../generated/twenty-v0.53/graphql.js';

/**
 * A person as any page query selects it: typed additional emails and phones (current servers),
 * RAW_JSON ones (v0.53), or none (primary-only). Optional fields a server does not serve are
 * left out of the selection (page-document.ts) and arrive absent, which reads as null.
 */
export type TwentyPersonNode =
  | TwentyPeoplePageQuery['people']['edges'][number]['node']
  | TwentyPeoplePageV053Query['people']['edges'][number]['node']
  | TwentyPeoplePagePrimaryOnlyQuery['people']['edges'][number]['node'];

export interface TwentyLinks {
  /** Base URL of the Twenty web app (may differ from the API base URL on self-hosted installs). */
  appUrl: string;
}

export { UNKNOWN_CONTACT_NAME };

/*
 * The generated types are compile-time only: every reader below takes `unknown` so that a CRM
 * response that breaks them (a number where a string belongs, junk in a RAW_JSON scalar) yields a
 * missing value, never an exception that would fail the whole page.
 */

/*
 * The readers below run for every person of every page (issue 17: the mapper was the largest cost
 * of a page after JSON parsing), so they build their results directly instead of through
 * temporary arrays (filter/join, spreads, Sets for two items): same values, less garbage.
 */

/** `a b` from two cleaned parts (already trimmed), either alone, or null. */
function joinedBySpace(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  return b === null ? a : `${a} ${b}`;
}

/** `line, part`, skipping a missing part. */
function appendPart(line: string | null, part: string | null): string | null {
  if (part === null) return line;
  return line === null ? part : `${line}, ${part}`;
}

function displayName(name: unknown): string | null {
  const parts = name as { firstName?: unknown; lastName?: unknown } | null | undefined;
  return joinedBySpace(text(parts?.firstName), text(parts?.lastName));
}

function personEmails(emails: unknown): string[] {
  const group = emails as { primaryEmail?: unknown; additionalEmails?: unknown } | null | undefined;
  const result: string[] = [];
  const primary = text(group?.primaryEmail);
  if (primary !== null) result.push(primary);
  const additional = group?.additionalEmails;
  if (!Array.isArray(additional) || additional.length === 0) return result;
  // Mail systems treat addresses case-insensitively in practice; the first spelling is kept. A
  // person has a few addresses: a linear scan costs less than a Set, which junk lists still get.
  const seen: string[] | Set<string> = additional.length > 16 ? new Set<string>() : [];
  const add = (key: string): void => void (Array.isArray(seen) ? seen.push(key) : seen.add(key));
  if (primary !== null) add(primary.toLowerCase());
  for (let i = 0; i < additional.length; i++) {
    const email = text(additional[i]);
    if (email === null) continue;
    const key = email.toLowerCase();
    if (Array.isArray(seen) ? seen.includes(key) : seen.has(key)) continue;
    add(key);
    result.push(email);
  }
  return result;
}

function phoneOf(number: unknown, countryCode: unknown, callingCode: unknown): string | null {
  if (typeof number !== 'string') return null;
  const hint: PhoneHint = { countryCode: text(countryCode), callingCode: text(callingCode) };
  return toE164(number, hint);
}

function phoneFromEntry(entry: unknown): string | null {
  if (typeof entry === 'string') return toE164(entry);
  if (typeof entry !== 'object' || entry === null) return null;
  const { number, countryCode, callingCode } = entry as Record<string, unknown>;
  return phoneOf(number, countryCode, callingCode);
}

function personPhones(phones: unknown): string[] {
  const group = phones as
    | {
        primaryPhoneNumber?: unknown;
        primaryPhoneCountryCode?: unknown;
        primaryPhoneCallingCode?: unknown;
        additionalPhones?: unknown;
      }
    | null
    | undefined;
  const primary = phoneOf(group?.primaryPhoneNumber, group?.primaryPhoneCountryCode, group?.primaryPhoneCallingCode);
  // Twenty stores additional phones as `{ number, countryCode, callingCode }` objects (before the
  // calling-code sub-field existed, `countryCode` held "+33"); plain strings are accepted too.
  const additional = group?.additionalPhones;
  if (!Array.isArray(additional) || additional.length === 0) return primary === null ? [] : [primary];
  const list: Array<string | null> = [primary];
  for (let i = 0; i < additional.length; i++) list.push(phoneFromEntry(additional[i]));
  return uniquePhones(list);
}

/*
 * Twenty returns a person's uploaded avatar as a workspace file path with a signed token
 * (`person-picture/….png?token=…`, see FileService.signFileUrl in twentyhq/twenty); its own front
 * end resolves that against the API *server* URL under `/files/`, not the app URL, and the token
 * lasts FILE_TOKEN_EXPIRES_IN (default one day). Talkdesk keeps a contact's photo_url until the
 * contact next changes, so a resolved path would break within a day: relative avatars are dropped.
 * Absolute http(s) URLs (imports, enrichment, Twenty's seeded placeholder images) pass through.
 */

function address(company: unknown, city: unknown): string | null {
  const parts = (company as { address?: unknown } | null | undefined)?.address as Record<string, unknown> | null | undefined;
  const statePostcode = joinedBySpace(text(parts?.['addressState']), text(parts?.['addressPostcode']));
  let line = appendPart(text(parts?.['addressStreet1']), text(parts?.['addressStreet2']));
  line = appendPart(line, text(parts?.['addressCity']));
  line = appendPart(line, statePostcode);
  line = appendPart(line, text(parts?.['addressCountry']));
  return line ?? text(city);
}

const HANDLE = /^[A-Za-z0-9_]{1,15}$/;
const X_HOST = /^(?:(?:www|mobile|m)\.)?(?:x|twitter)\.com$/i;
/** First path segments of x.com / twitter.com pages that are not profiles. */
const NOT_PROFILES = new Set([
  'i',
  'intent',
  'share',
  'home',
  'search',
  'explore',
  'hashtag',
  'notifications',
  'messages',
  'settings',
  'compose',
  'login',
  'logout',
  'signup',
  'tos',
  'privacy',
  'about',
  'download',
]);

/** The first non-empty `/`-separated segment of a URL path, or undefined. */
function firstSegment(pathname: string): string | undefined {
  let start = 0;
  while (start < pathname.length && pathname.charCodeAt(start) === 0x2f) start++;
  if (start === pathname.length) return undefined;
  const end = pathname.indexOf('/', start);
  return end < 0 ? pathname.slice(start) : pathname.slice(start, end);
}

/** The username in an X/Twitter link, or in a bare `@handle` / `handle`; X allows 1–15 of [A-Za-z0-9_]. */
function twitterHandle(value: unknown): string | null {
  const raw = text(value);
  if (raw === null) return null;
  const bare = /^@?([A-Za-z0-9_]{1,15})$/.exec(raw);
  if (bare) return bare[1] ?? null;
  const candidate = /^https?:\/\//i.test(raw) ? raw : `https://${raw.replace(/^\/\//, '')}`;
  const url = readUrl(candidate);
  if (url === null || !X_HOST.test(url.hostname)) return null;
  let first = firstSegment(url.pathname);
  // Links copied from Twitter's pre-2012 web client carry the path in the fragment: twitter.com/#!/jack
  if (first === undefined && url.hash.startsWith('#!/')) {
    first = url.hash
      .slice(3)
      .split(/[/?]/)
      .find((segment) => segment !== '');
  }
  first = first?.replace(/^(?:@|%40)/i, '');
  if (first === undefined || !HANDLE.test(first) || NOT_PROFILES.has(first.toLowerCase())) return null;
  return first;
}

/** (unconfirmed) Twenty's app shows a person at `{appUrl}/object/person/{id}`; see crm-apis.md. */
const personLinkPrefix = recordLinkPrefix('/object/person/');

function recordUrl(appUrl: string, id: string): string {
  // Twenty ids are UUIDs, but this must not throw on anything else.
  return personLinkPrefix(appUrl) + encodeIdComponent(id);
}

/**
 * A Twenty person as a Talkdesk contact. Pure; never throws on any shape the generated types allow,
 * nor on junk in the RAW_JSON `additionalEmails` / `additionalPhones` scalars.
 */
export function toTalkdeskContact(node: TwentyPersonNode, links: TwentyLinks): TalkdeskContact {
  const emails = personEmails(node.emails);
  const phones = personPhones(node.phones);
  return {
    // The id is Talkdesk's upsert key: passed through unchanged so it always names the same record.
    id: node.id,
    name: displayName(node.name) ?? emails[0] ?? phones[0] ?? UNKNOWN_CONTACT_NAME,
    title: text(node.jobTitle),
    company: text(node.company?.name),
    emails,
    phones,
    websites: uniqueWebsites([node.linkedinLink?.primaryLinkUrl, node.company?.domainName?.primaryLinkUrl]),
    photo_url: absoluteHttpUrl(node.avatarUrl),
    address: address(node.company, node.city),
    twitter: twitterHandle(node.xLink?.primaryLinkUrl),
    url: recordUrl(links.appUrl, node.id),
  };
}
