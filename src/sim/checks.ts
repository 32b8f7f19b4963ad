import { check } from '../validation/validators.js';

/**
 * Contract checks applied to one bridge answer, kept free of HTTP and of run state so each rule
 * can be tested on its own. The run loop (run-sync.ts) decides what to do with the findings.
 */

export type ViolationKind =
  | 'schema'
  | 'content_type'
  | 'invalid_json'
  | 'unexpected_status'
  | 'missing_checkpoint'
  | 'empty_checkpoint'
  | 'checkpoint_type_changed'
  | 'invalid_next_offset'
  | 'offset_loop'
  | 'did_not_terminate'
  | 'duplicate_ids'
  | 'missing_ids'
  | 'suppressed';

export interface Violation {
  /** 1-based page the finding belongs to; null for findings about the whole run. */
  page: number | null;
  kind: ViolationKind;
  /** `warning` findings are reported but do not fail the run. */
  severity: 'error' | 'warning';
  message: string;
}

export type Finding = Pick<Violation, 'kind' | 'message'>;

/** Talkdesk requires `Content-Type: application/json`; parameters such as charset are fine. */
export function checkContentType(header: string | null): Finding | null {
  if (header === null || header.trim() === '') {
    return { kind: 'content_type', message: 'response has no Content-Type; expected application/json' };
  }
  const mediaType = header.split(';', 1)[0]!.trim().toLowerCase();
  if (mediaType === 'application/json') return null;
  return { kind: 'content_type', message: `Content-Type is ${mediaType || '(empty)'}; expected application/json` };
}

/** The JSON type of a value, distinguishing arrays and null from objects. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * The checkpoint rules the schema alone cannot phrase usefully. `previousType` is the JSON type of
 * the last checkpoint seen in this run (the one sent, for an incremental sync), or null.
 * A non-string on the first page is left to the schema check ("must be string").
 */
export function checkCheckpoint(value: unknown, previousType: string | null): Finding | null {
  if (value === undefined || value === null) {
    return {
      kind: 'missing_checkpoint',
      message: 'synchronization_checkpoint is missing; Talkdesk would have nothing to resume an incremental sync from',
    };
  }
  if (typeof value === 'string' && value.trim() === '') {
    return { kind: 'empty_checkpoint', message: 'synchronization_checkpoint is empty' };
  }
  const type = jsonType(value);
  if (previousType !== null && type !== previousType) {
    return {
      kind: 'checkpoint_type_changed',
      message: `synchronization_checkpoint changed type from ${previousType} to ${type} within the run`,
    };
  }
  return null;
}

/** A present next_offset must be a usable offset; null counts as absent (the last page). */
export function checkNextOffset(value: unknown): Finding | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' && value !== '') return null;
  return {
    kind: 'invalid_next_offset',
    message: `next_offset must be a non-empty string, got ${jsonType(value) === 'string' ? 'an empty string' : jsonType(value)}; the run cannot continue`,
  };
}

export interface BodyCheckOptions {
  /** Findings already reported for these fields, so the schema does not report them twice. */
  checkpointReported?: boolean;
  nextOffsetReported?: boolean;
  /** Invalid contacts listed one by one per page before the rest are summarised. */
  maxContactErrors?: number;
}

const PLACEHOLDER = 'x';

/**
 * Schema errors of a 200 body against `talkdesk-bridge/sync-response`. Ajv stops at the first
 * error (see validators.ts), so the envelope and each contact are checked separately: one bad
 * contact must not hide the others or an envelope error.
 */
export function checkResponseBody(body: unknown, options: BodyCheckOptions = {}): string[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    const error = check('talkdesk-bridge/sync-response', body, 'response');
    return error ? [error] : [];
  }
  const record = body as Record<string, unknown>;
  const contacts = record['contacts'];
  const envelope: Record<string, unknown> = { ...record, contacts: Array.isArray(contacts) ? [] : contacts };
  if (options.checkpointReported) envelope['synchronization_checkpoint'] = PLACEHOLDER;
  if (options.nextOffsetReported) delete envelope['next_offset'];
  const errors: string[] = [];
  const envelopeError = check('talkdesk-bridge/sync-response', envelope, 'response');
  if (envelopeError) errors.push(envelopeError);
  if (!Array.isArray(contacts)) return errors;

  const max = options.maxContactErrors ?? 5;
  let invalid = 0;
  contacts.forEach((contact, i) => {
    const error = check('talkdesk-bridge/contact', contact, `response.contacts[${i}]`);
    if (!error) return;
    invalid++;
    if (invalid <= max) errors.push(error);
  });
  if (invalid > max) errors.push(`${invalid - max} more invalid contacts on this page`);
  return errors;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
