/**
 * The trivial proxy's whole contract with Twenty and Talkdesk (bench/trivial-proxy.ts): a minimal
 * selection, a trivial mapping (name, primary email, calling code + the number's digits, nothing
 * parsed or checked) and the answer's shape. Shared with the in-process breakdown
 * (bench/lib/page-breakdown.ts), which times the same pieces.
 */
import { bridgePayload, SYNC_ORDER } from './bridge-query.js';

export const TRIVIAL_QUERY = `query TrivialPeoplePage($first: Int!, $orderBy: [PersonOrderByInput]!) {
  people(first: $first, orderBy: $orderBy) {
    edges { node { id updatedAt name { firstName lastName } emails { primaryEmail } phones { primaryPhoneNumber primaryPhoneCallingCode } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/**
 * What the trivial proxy asks Twenty for:
 * - `minimal`: only what its mapping reads (TRIVIAL_QUERY), a 54-KB answer for 200 people;
 * - `bridge`: the bridge's own request (bridge-query.ts), the same 142-KB answer the bridge reads,
 *   so that the two differ only in what they do with it (the mapping, the checks, the framework).
 */
export type TrivialSelection = 'minimal' | 'bridge';

/** The upstream request body: the first `first` people in the connector's sync order. */
export function trivialPayload(first: number, selection: TrivialSelection = 'minimal'): string {
  if (selection === 'bridge') return bridgePayload(first);
  return JSON.stringify({ query: TRIVIAL_QUERY, variables: { first, orderBy: SYNC_ORDER } });
}

interface Person {
  id: string;
  updatedAt: string;
  name: { firstName: string; lastName: string } | null;
  emails: { primaryEmail: string } | null;
  phones: { primaryPhoneNumber: string; primaryPhoneCallingCode: string } | null;
}
export interface TrivialPage {
  people: { edges: Array<{ node: Person }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

function toContact(p: Person): Record<string, unknown> {
  const digits = p.phones?.primaryPhoneNumber ? p.phones.primaryPhoneNumber.replace(/\D/g, '') : '';
  return {
    id: p.id,
    name: `${p.name?.firstName ?? ''} ${p.name?.lastName ?? ''}`.trim(),
    emails: p.emails?.primaryEmail ? [p.emails.primaryEmail] : [],
    phones: digits ? [`${p.phones?.primaryPhoneCallingCode ?? ''}${digits}`] : [],
  };
}

/** The Talkdesk answer: the last record's update time as checkpoint, Twenty's end cursor as offset. */
export function trivialResponse(page: TrivialPage): string {
  const edges = page.people.edges;
  const contacts = edges.map((e) => toContact(e.node));
  const last = edges[edges.length - 1]?.node;
  const { hasNextPage, endCursor } = page.people.pageInfo;
  return JSON.stringify({
    synchronization_checkpoint: last?.updatedAt ?? null,
    contacts,
    ...(hasNextPage && endCursor ? { next_offset: endCursor } : {}),
  });
}
