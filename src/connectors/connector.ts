import type { TalkdeskContact } from '../contacts/talkdesk-contact.js';
import type { SyncPosition } from '../position/sync-position.js';

export type { SyncPosition };

/** One record of a page: the Talkdesk contact and its position (null when it has no timestamp). */
export interface PageRecord {
  contact: TalkdeskContact;
  position: SyncPosition | null;
}

export interface PageQuery {
  /** Inclusive lower bound on the record's update time (epoch ms); null for a full sync. */
  updatedSince: number | null;
  /** The CRM's own cursor returned with the previous page of this run; null on the first page. */
  cursor: string | null;
  /** How many records to ask for. */
  pageSize: number;
  /**
   * True when no PAGE_SIZE is configured: `pageSize` is then the connector's default, and a
   * connector that learns what a CRM serves well may ask for another size (never above its
   * maxPageSize).
   */
  autoPageSize?: boolean;
  /** Aborted when the request's deadline passes. */
  signal: AbortSignal;
  /** Epoch ms by which the page must be answered: waits and retries must fit before it. */
  deadline: number;
}

/** A CRM call made on behalf of one Talkdesk request. */
export interface CallContext {
  signal: AbortSignal;
  deadline: number;
}

export interface Page {
  /** Records in ascending sync order. */
  records: PageRecord[];
  /** The CRM cursor after the last record, when more pages remain; null on the last page. */
  nextCursor: string | null;
  /**
   * Set when `nextCursor` resumes strictly after the last record's (time, tie-breaker) inside one
   * update time T (epoch ms), and the CRM's answer did not show any record updated after T, so
   * the CRM's clock may still be at T: a write landing at T with a smaller tie-breaker would be
   * behind the cursor, and this run would never read it. The shared sync then keeps the next
   * sync's lower bound at or below T (a "floor" in the checkpoint) until a later run has read T
   * again. Leave it null or absent when the next page re-reads T inclusively, or when the answer
   * proved that the CRM's clock had moved past T (a record updated later exists).
   */
  unsettledAt?: number | null;
}

/**
 * What a CRM connector provides. A connector is one sealed folder under src/connectors/<name>/;
 * nothing outside it sees its GraphQL documents or generated types. Everything CRM-independent
 * (request validation, tokens, page orchestration, error statuses, the contract) is shared code.
 */
export interface Connector<Auth = unknown> {
  /** URL segment: POST /{name}/contacts. */
  readonly name: string;
  /** `$id` of the JSON Schema of this connector's `auth` fields (schemas/auth/). */
  readonly authSchemaId: string;
  readonly defaultPageSize: number;
  /** The largest page this connector will ask the CRM for; PAGE_SIZE is capped to it. */
  readonly maxPageSize: number;
  /** Fetch one page of records in ascending (updatedAt, id) order. Throws AppError on failure. */
  fetchPage(auth: Auth, query: PageQuery): Promise<Page>;
  /**
   * Talkdesk's authorization validator: the cheapest CRM call that proves the credentials work.
   * Resolves when they do; throws AppError (crm_unauthorized when the CRM refuses them).
   */
  checkAuth(auth: Auth, context: CallContext): Promise<void>;
}
