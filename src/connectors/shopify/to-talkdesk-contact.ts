import { absoluteHttpUrl, cleanText, UNKNOWN_CONTACT_NAME } from '../../contacts/contact-text.js';
import { toE164, uniquePhones } from '../../contacts/phone.js';
import type { TalkdeskContact } from '../../contacts/talkdesk-contact.js';
import type { ShopifyCustomersPageQuery } from '../../generated/shopify/graphql.js';
import { adminCustomerUrl } from './admin-link.js';

/*
 * (unconfirmed) `Customer.image` is non-null in the schema, so a customer without a picture still
 * has an image URL (a generic avatar, presumably). It is passed on as photo_url like any other
 * absolute URL; if it turns out to be one shared placeholder, it should be recognised and dropped.
 */

/** A customer as ShopifyCustomersPage selects it. */
export type ShopifyCustomerNode = ShopifyCustomersPageQuery['customers']['nodes'][number];

export interface ShopifyLinks {
  /** The store's handle (its myshopify.com subdomain), for admin links. */
  store: string;
}

/*
 * Every reader takes `unknown`: the generated types are compile-time only, and an answer that
 * breaks them must give a missing value, never an exception that fails the whole page.
 */

function field(object: unknown, name: string): unknown {
  return typeof object === 'object' && object !== null ? (object as Record<string, unknown>)[name] : undefined;
}

function joined(parts: ReadonlyArray<string | null>, separator: string): string | null {
  const kept = parts.filter((part): part is string => part !== null);
  return kept.length > 0 ? kept.join(separator) : null;
}

/**
 * Shopify keeps the customer's phone in E.164 already (it validates it on save), but imported and
 * older records can hold a national number: the default address's country is then the best hint.
 */
function phones(node: ShopifyCustomerNode): string[] {
  const raw = cleanText(field(node.defaultPhoneNumber, 'phoneNumber'));
  if (raw === null) return [];
  return uniquePhones([toE164(raw, { countryCode: cleanText(field(node.defaultAddress, 'countryCodeV2')) })]);
}

/**
 * One line for Talkdesk. `formatted` is Shopify's own rendering in the country's conventions
 * (asked without name and company, which have their own fields); when it is empty or unusable the
 * line is built from the parts: street lines, city, "province zip", country.
 */
function address(node: ShopifyCustomerNode): string | null {
  const parts = node.defaultAddress as unknown;
  const formatted = field(parts, 'formatted');
  if (Array.isArray(formatted)) {
    const line = joined(formatted.map(cleanText), ', ');
    if (line !== null) return line;
  }
  const text = (name: string): string | null => cleanText(field(parts, name));
  return joined([text('address1'), text('address2'), text('city'), joined([text('province'), text('zip')], ' '), text('country')], ', ');
}

/** The admin link needs the REST id: digits only, else none (a broken link is worse than none). */
function recordUrl(node: ShopifyCustomerNode, links: ShopifyLinks): string | null {
  const legacyId = cleanText(node.legacyResourceId);
  return legacyId !== null && /^\d{1,20}$/.test(legacyId) ? adminCustomerUrl(links.store, legacyId) : null;
}

/**
 * A Shopify customer as a Talkdesk contact. Pure; never throws on any shape the generated types
 * allow, nor on junk in place of them.
 */
export function toTalkdeskContact(node: ShopifyCustomerNode, links: ShopifyLinks): TalkdeskContact {
  const email = cleanText(field(node.defaultEmailAddress, 'emailAddress'));
  const emails = email === null ? [] : [email];
  const phoneList = phones(node);
  return {
    // The GID is Talkdesk's upsert key: passed through unchanged so it always names the same record.
    id: node.id,
    // displayName is Shopify's own fallback chain (first + last name, else email, else phone); it
    // is repeated here for records where Shopify leaves it empty.
    name:
      cleanText(node.displayName) ??
      joined([cleanText(node.firstName), cleanText(node.lastName)], ' ') ??
      email ??
      phoneList[0] ??
      UNKNOWN_CONTACT_NAME,
    title: null,
    company: cleanText(field(node.defaultAddress, 'company')),
    emails,
    phones: phoneList,
    websites: [],
    photo_url: absoluteHttpUrl(field(node.image, 'url')),
    address: address(node),
    twitter: null,
    url: recordUrl(node, links),
  };
}
