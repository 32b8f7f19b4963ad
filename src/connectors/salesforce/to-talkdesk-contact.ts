import { cleanText, UNKNOWN_CONTACT_NAME } from '../../contacts/contact-text.js';
import { countryCodeOf } from '../../contacts/country-code.js';
import { toE164, uniquePhones } from '../../contacts/phone.js';
import type { TalkdeskContact } from '../../contacts/talkdesk-contact.js';
import { encodeIdComponent, recordLinkPrefix } from '../../contacts/record-link.js';
import { toWebsite } from '../../contacts/website.js';
import type { SalesforceContactsPageQuery } from '../../generated/salesforce/graphql.js';

type ContactConnection = NonNullable<SalesforceContactsPageQuery['uiapi']['query']['Contact']>;
/** A Contact as the page query selects it. */
export type SalesforceContactNode = NonNullable<NonNullable<NonNullable<ContactConnection['edges']>[number]>['node']>;

export interface SalesforceLinks {
  /** The org's instance URL (https://acme.my.salesforce.com): record links and photo paths hang off it. */
  instanceUrl: string;
}

/*
 * Every field arrives wrapped (`Title { value }`), and field-level security turns fields the
 * integration user cannot see into null. The generated types are compile-time only, so each reader
 * takes `unknown`: a wrapper that is missing, null or holds a non-string yields a missing value,
 * never an exception that would fail the whole page.
 */

/** The text inside a value wrapper: `{ value: "…" }`. */
function valueOf(field: unknown): string | null {
  return typeof field === 'object' && field !== null ? cleanText((field as { value?: unknown }).value) : null;
}

function present<T>(value: T | null): value is T {
  return value !== null;
}

function joined(parts: Array<string | null>, separator: string): string | null {
  const kept = parts.filter(present);
  return kept.length > 0 ? kept.join(separator) : null;
}

/**
 * Contact.Name is Salesforce's own full name (salutation, first, middle, last, suffix as the org
 * formats them). When field-level security hides it, first and last name are the next best.
 */
function displayName(node: SalesforceContactNode): string | null {
  return valueOf(node.Name) ?? joined([valueOf(node.FirstName), valueOf(node.LastName)], ' ');
}

/**
 * Phone fields are free text (`(415) 555-0100`, `+44 20 7946 0958`, `0612345678`). A national
 * number needs a country: the mailing country is the best hint the record holds.
 */
function phones(node: SalesforceContactNode): string[] {
  const countryCode = countryCodeOf(valueOf(node.MailingCountry));
  const hint = { countryCode };
  return uniquePhones(
    [node.Phone, node.MobilePhone, node.HomePhone, node.OtherPhone].map((field) => {
      const raw = valueOf(field);
      return raw === null ? null : toE164(raw, hint);
    }),
  );
}

/**
 * Mailing street is a text area: several lines ("Building 4\n1 Market St"). The address is one
 * line for Talkdesk: street lines, city, "state postal-code", country.
 */
function address(node: SalesforceContactNode): string | null {
  const street = joined((valueOf(node.MailingStreet) ?? '').split(/\r?\n/).map(cleanText), ', ');
  const statePostal = joined([valueOf(node.MailingState), valueOf(node.MailingPostalCode)], ' ');
  return joined([street, valueOf(node.MailingCity), statePostal, valueOf(node.MailingCountry)], ', ');
}

/**
 * Contact.PhotoUrl is a path relative to the instance (`/services/images/photo/003…`), empty when
 * Social Accounts and Contacts is off. It becomes absolute against the instance URL; an absolute
 * http(s) URL is kept as it is.
 */
function photoUrl(value: unknown, instanceUrl: string): string | null {
  const raw = cleanText(value);
  if (raw === null || /\s/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, `${instanceUrl}/`);
  } catch {
    return null;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
}

/** Lightning Experience's record page: `{instance}/lightning/r/Contact/{Id}/view` (crm-apis.md). */
const contactLinkPrefix = recordLinkPrefix('/lightning/r/Contact/');

function recordUrl(instanceUrl: string, id: string): string {
  // Salesforce Ids are alphanumeric, but this must not throw on anything else.
  return `${contactLinkPrefix(instanceUrl)}${encodeIdComponent(id)}/view`;
}

/** A Salesforce Contact as a Talkdesk contact. Pure; never throws on any shape the generated types allow. */
export function toTalkdeskContact(node: SalesforceContactNode, links: SalesforceLinks): TalkdeskContact {
  const email = valueOf(node.Email);
  const emails = email === null ? [] : [email];
  const phoneNumbers = phones(node);
  const website = toWebsite(valueOf(node.Account?.Website));
  return {
    // The id is Talkdesk's upsert key: passed through unchanged (18 characters, as Salesforce serves it).
    id: node.Id,
    name: displayName(node) ?? emails[0] ?? phoneNumbers[0] ?? UNKNOWN_CONTACT_NAME,
    title: valueOf(node.Title),
    company: valueOf(node.Account?.Name),
    emails,
    phones: phoneNumbers,
    websites: website === null ? [] : [website],
    photo_url: photoUrl(valueOf(node.PhotoUrl), links.instanceUrl),
    address: address(node),
    // Contacts have no standard Twitter field (Social Contacts' handles are not in the UI API).
    twitter: null,
    url: recordUrl(links.instanceUrl, node.Id),
  };
}
