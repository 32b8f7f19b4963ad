import type { TalkdeskContact } from '../../contacts/talkdesk-contact.js';
import { absoluteHttpUrl, cleanText as text, UNKNOWN_CONTACT_NAME } from '../../contacts/contact-text.js';
import { toE164, uniquePhones, type PhoneHint } from '../../contacts/phone.js';
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

function present<T>(value: T | null): value is T {
  return value !== null;
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

function displayName(name: unknown): string | null {
  const parts = name as { firstName?: unknown; lastName?: unknown } | null | undefined;
  return text([text(parts?.firstName), text(parts?.lastName)].filter(present).join(' '));
}

function personEmails(emails: unknown): string[] {
  const group = emails as { primaryEmail?: unknown; additionalEmails?: unknown } | null | undefined;
  const additional = Array.isArray(group?.additionalEmails) ? (group.additionalEmails as unknown[]) : [];
  const seen = new Set<string>();
  const result: string[] = [];
  for (const email of [group?.primaryEmail, ...additional].map(text)) {
    // Mail systems treat addresses case-insensitively in practice; the first spelling is kept.
    if (email === null || seen.has(email.toLowerCase())) continue;
    seen.add(email.toLowerCase());
    result.push(email);
  }
  return result;
}

function phoneFromEntry(entry: unknown): string | null {
  if (typeof entry === 'string') return toE164(entry);
  if (typeof entry !== 'object' || entry === null) return null;
  const { number, countryCode, callingCode } = entry as Record<string, unknown>;
  if (typeof number !== 'string') return null;
  const hint: PhoneHint = { countryCode: text(countryCode), callingCode: text(callingCode) };
  return toE164(number, hint);
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
  const primary = phoneFromEntry({
    number: group?.primaryPhoneNumber,
    countryCode: group?.primaryPhoneCountryCode,
    callingCode: group?.primaryPhoneCallingCode,
  });
  // Twenty stores additional phones as `{ number, countryCode, callingCode }` objects (before the
  // calling-code sub-field existed, `countryCode` held "+33"); plain strings are accepted too.
  const additional = Array.isArray(group?.additionalPhones) ? (group.additionalPhones as unknown[]) : [];
  return uniquePhones([primary, ...additional.map(phoneFromEntry)]);
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
  const statePostcode = text([text(parts?.['addressState']), text(parts?.['addressPostcode'])].filter(present).join(' '));
  const companyAddress = [
    text(parts?.['addressStreet1']),
    text(parts?.['addressStreet2']),
    text(parts?.['addressCity']),
    statePostcode,
    text(parts?.['addressCountry']),
  ].filter(present);
  return companyAddress.length > 0 ? companyAddress.join(', ') : text(city);
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

/** The username in an X/Twitter link, or in a bare `@handle` / `handle`; X allows 1–15 of [A-Za-z0-9_]. */
function twitterHandle(value: unknown): string | null {
  const raw = text(value);
  if (raw === null) return null;
  const bare = /^@?([A-Za-z0-9_]{1,15})$/.exec(raw);
  if (bare) return bare[1] ?? null;
  const url = parseUrl(/^https?:\/\//i.test(raw) ? raw : `https://${raw.replace(/^\/\//, '')}`);
  if (!url || !X_HOST.test(url.hostname)) return null;
  let segments = url.pathname.split('/').filter((segment) => segment !== '');
  // Links copied from Twitter's pre-2012 web client carry the path in the fragment: twitter.com/#!/jack
  if (segments.length === 0 && url.hash.startsWith('#!/')) {
    segments = url.hash
      .slice(3)
      .split(/[/?]/)
      .filter((segment) => segment !== '');
  }
  const first = segments[0]?.replace(/^(?:@|%40)/i, '');
  if (first === undefined || !HANDLE.test(first) || NOT_PROFILES.has(first.toLowerCase())) return null;
  return first;
}

/** (unconfirmed) Twenty's app shows a person at `{appUrl}/object/person/{id}`; see crm-apis.md. */
function recordUrl(appUrl: string, id: string): string {
  // encodeURIComponent throws on a lone UTF-16 surrogate; Twenty ids are UUIDs, but this must not throw.
  const path = encodeURIComponent(id.replace(/\p{Cs}/gu, '\uFFFD'));
  return `${appUrl.trim().replace(/\/+$/, '')}/object/person/${path}`;
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
