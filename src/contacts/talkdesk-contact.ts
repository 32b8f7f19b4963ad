/**
 * A contact in Talkdesk's format (schemas/contact.schema.json). Every field is always present:
 * optional strings are null and lists are empty when the CRM has no value.
 */
export interface TalkdeskContact {
  id: string;
  name: string;
  title: string | null;
  company: string | null;
  emails: string[];
  phones: string[];
  websites: string[];
  photo_url: string | null;
  address: string | null;
  twitter: string | null;
  url: string | null;
}
