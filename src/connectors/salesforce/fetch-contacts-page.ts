import { print } from 'graphql';
import type { CrmDeps } from '../../crm-http/graphql-call.js';
import { AppError } from '../../errors.js';
import {
  SalesforceContactsPageDocument,
  type SalesforceContactsPageQuery,
  type SalesforceContactsPageQueryVariables,
} from '../../generated/salesforce/graphql.js';
import { check } from '../../validation/validators.js';
import type { Page, PageQuery, PageRecord } from '../connector.js';
import { salesforceEndpoints, type SalesforceAuth } from './auth.js';
import { salesforceCall } from './client.js';
import { decodeCursor, encodeCursor, type ContactPosition } from './cursor.js';
import { toTalkdeskContact, type SalesforceContactNode } from './to-talkdesk-contact.js';
import { CONTACT_ORDER } from './contact-order.js';
import { parseDateTime } from './date-time.js';
import { contactsWhere } from './where-clause.js';

// Printed once: graphql-request would print the AST on every call.
const PAGE_QUERY = print(SalesforceContactsPageDocument);

/**
 * One page of Contacts, ascending by (SystemModstamp, Id).
 * Docs: https://developer.salesforce.com/docs/platform/graphql/guide/query-record-objects.html
 *
 * Every page is a fresh query `first: pageSize, where: <run's lower bound AND after the last
 * delivered position>, orderBy: SystemModstamp, Id` (where-clause.ts). It never sends Salesforce's
 * `after` cursor, so the paging traps of the API cannot bite:
 * - without `upperBound`, one result window holds at most 4,000 records and its offset cursors are
 *   capped: each query here reads only the first `pageSize` (≤ 2,000) records of its own window;
 * - `upperBound` would force `first` into 200–2,000; not sending it leaves any page size from 1
 *   to 2,000 valid (Salesforce's default without `first` is 10: `first` is always sent).
 * SystemModstamp rather than LastModifiedDate: changes made by the system rather than a user bump
 * it too (crm-apis.md), and it is one of Salesforce's standard indexed fields.
 *
 * Writes landing behind the position: SystemModstamp has whole seconds, so a contact written in the
 * page's last second with a smaller Id, after the page was read, is behind the next page's
 * position. The same request reads the org's newest SystemModstamp (`latest`); when it is not
 * past that second, the page reports the second as unsettled and the shared sync has the next run
 * read it again (Page.unsettledAt, the checkpoint's floor).
 *
 * More pages: `pageInfo.hasNextPage`, not "the page was full". Salesforce documents that a page may
 * hold fewer records than `first` while more remain
 * (https://developer.salesforce.com/docs/platform/graphql/guide/paginate-use.html), so a short page
 * is not the end; an empty page that claims more is refused (502) rather than read as the end.
 */
export async function fetchContactsPage(deps: CrmDeps, auth: SalesforceAuth, query: PageQuery): Promise<Page> {
  const { instanceUrl } = salesforceEndpoints(auth);
  const after = query.cursor === null ? null : readCursor(query.cursor);
  const variables: SalesforceContactsPageQueryVariables = { first: query.pageSize, orderBy: CONTACT_ORDER };
  const where = contactsWhere(query.updatedSince, after);
  if (where !== undefined) variables.where = where;

  const data = await salesforceCall<unknown>(deps, auth, PAGE_QUERY, variables, query);
  const problem = check('talkdesk-bridge/crm/salesforce-contacts-page', data, 'data');
  if (problem) throw new AppError('crm_bad_response', `Salesforce answered an unexpected shape (${problem}).`);
  const answer = (data as SalesforceContactsPageQuery).uiapi.query;
  const connection = answer.Contact as NonNullable<SalesforceContactsPageQuery['uiapi']['query']['Contact']>;
  const edges = connection.edges ?? [];

  const records: PageRecord[] = new Array(edges.length);
  let last: ContactPosition | null = null;
  for (let i = 0; i < edges.length; i++) {
    const node = edges[i]?.node as SalesforceContactNode;
    const position = positionOf(node);
    checkOrder(position, last ?? after, query.updatedSince);
    records[i] = { contact: toTalkdeskContact(node, { instanceUrl }), position };
    last = position;
  }
  if (!connection.pageInfo.hasNextPage) return { records, nextCursor: null };
  // Answering "no more pages" here would tell Talkdesk the run is complete when it is not.
  if (last === null) throw new AppError('crm_bad_response', 'Salesforce reported more contacts but returned none.');
  const latest = parseDateTime(answer.latest?.edges?.[0]?.node?.SystemModstamp?.value);
  // `latest` past the last second: the org's clock has moved on, so no write can still land there.
  const settled = latest !== null && Math.floor(latest / 1000) > Math.floor(last.updatedAt / 1000);
  return { records, nextCursor: encodeCursor(last), unsettledAt: settled ? null : last.updatedAt };
}

/**
 * Our own cursor coming back inside the (checksummed) offset. One we cannot read was issued by
 * another version of this connector: flagged as refused, so that the shared sync restarts the rest
 * of the run from the last position it delivered instead of failing every run.
 */
function readCursor(cursor: string): ContactPosition {
  const position = decodeCursor(cursor);
  if (position === null) {
    throw new AppError('invalid_offset', 'The Salesforce position in meta.offset does not have the form this connector writes.', {
      cursorRejected: true,
    });
  }
  return position;
}

function positionOf(node: SalesforceContactNode): ContactPosition {
  const updatedAt = parseDateTime(node.SystemModstamp?.value);
  if (updatedAt === null) throw new AppError('crm_bad_response', 'Salesforce answered a contact whose SystemModstamp is not a date-time.');
  return { updatedAt, id: node.Id };
}

/**
 * The orderBy and filter shapes are partly unconfirmed (contact-order.ts, date-time.ts, where-clause.ts). If Salesforce read them
 * differently, contacts would come out of order or behind the position asked for, and keyset
 * paging on them would silently skip contacts. So each page is checked: ascending SystemModstamp,
 * none before the run's lower bound, and never the very record the page was to start after. A
 * violation is a 502 naming the likely cause, not a quiet loss.
 */
function checkOrder(position: ContactPosition, previous: ContactPosition | null, updatedSince: number | null): void {
  const outOfOrder =
    (updatedSince !== null && position.updatedAt < updatedSince) ||
    (previous !== null && position.updatedAt < previous.updatedAt) ||
    (previous !== null && position.updatedAt === previous.updatedAt && position.id === previous.id);
  if (outOfOrder) {
    throw new AppError(
      'crm_bad_response',
      'Salesforce returned contacts out of (SystemModstamp, Id) order or outside the requested range; the orderBy/where shapes may need correcting (src/connectors/salesforce/contact-order.ts, where-clause.ts).',
    );
  }
}
