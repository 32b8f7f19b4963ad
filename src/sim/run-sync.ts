import { check } from '../validation/validators.js';
import {
  checkCheckpoint,
  checkContentType,
  checkNextOffset,
  checkResponseBody,
  isPlainObject,
  jsonType,
  type Violation,
} from './checks.js';
import { ExchangeError, postJson, type Exchange, type FetchLike } from './http-exchange.js';
import { summarizeLatency, type LatencySummary } from './latency.js';
import { displayUrl, makeRedactor, secretLeaves, type Redactor } from './redact.js';
import { ViolationLog } from './violation-log.js';

/**
 * Talkdesk's contact synchronizer, replayed against a bridge: one run is the sequence of POSTs
 * from the first page until a page without `next_offset` (Talkdesk docs, "Implementing a contact
 * synchronization": request `meta` and the 200 response). Every answer is checked against the
 * contract; the result says what was delivered and what was wrong. Nothing here prints or exits.
 */

export const DEFAULT_MAX_PAGES = 100_000;
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface RunSyncOptions {
  /** The bridge endpoint (http or https). Userinfo in it is sent as HTTP Basic auth and never reported. */
  url: string;
  /** Sent as the request's `auth` object on every page. */
  auth: Record<string, unknown>;
  /** Starts an incremental sync: sent as `meta.synchronization_checkpoint` on every page. Omit for a full sync. */
  checkpoint?: string;
  /** Extra request headers (e.g. a bridge token). Names are case-insensitive and override the defaults. */
  headers?: Record<string, string>;
  /** Sent as `Authorization: Bearer <token>`. */
  bearer?: string;
  /** A run still returning next_offset after this many pages fails with `did_not_terminate`. Default 100 000. */
  maxPages?: number;
  /** Per request, including reading the body. Default 30 000. */
  timeoutMs?: number;
  /** Report contacts delivered twice as an error instead of a warning. */
  strictDuplicates?: boolean;
  /** Ids that must all be delivered by a completed run; missing ones are an error. */
  expectIds?: readonly string[];
  /** Keep the delivered contacts in the result (default true); turn off for huge runs when only counts matter. */
  collectContacts?: boolean;
  /** Transport; defaults to the global fetch. */
  fetch?: FetchLike;
  /** Called after every answered request, in order. Must not throw. */
  onPage?: (progress: PageProgress) => void;
  /** Aborting ends the run with `outcome: 'aborted'` and returns what was gathered so far. */
  signal?: AbortSignal;
  /** Monotonic milliseconds; defaults to performance.now. */
  now?: () => number;
}

export interface PageProgress {
  page: number;
  status: number;
  contactsOnPage: number;
  /** Contacts delivered so far in the run, duplicates included. */
  contacts: number;
  uniqueContacts: number;
  latencyMs: number;
  elapsedMs: number;
}

/** One answered request of the run. */
export interface PageRecord {
  /** 1-based. */
  page: number;
  /** `meta.offset` as sent: null on the first page, then the previous page's next_offset. */
  offsetSent: string | null;
  /** `meta.context` as sent: the previous answer's `context`, null when it had none. */
  contextSent: unknown;
  status: number;
  latencyMs: number;
  contactCount: number;
  /** `synchronization_checkpoint` as returned; null when absent or the body was unusable. */
  checkpoint: unknown;
  /** `next_offset` as returned; null when absent. */
  nextOffset: unknown;
}

export type RunOutcome = 'passed' | 'violations' | 'bridge_error' | 'unreachable' | 'aborted';

/** Why a run stopped before its last page for reasons outside the contract checks. */
export interface RunError {
  kind: 'http_status' | 'timeout' | 'unreachable' | 'aborted';
  page: number;
  message: string;
  status?: number;
  /** The start of the error body, whitespace collapsed, credentials redacted. */
  bodyExcerpt?: string;
  /** `error.code` when the body is this project's error format (talkdesk-bridge/error). */
  errorCode?: string;
  /** Set when the body is JSON but not in that format; informational, since the contract defines no error body. */
  errorBodyNote?: string;
}

export interface SyncResult {
  /** True when the run reached its last page and no error-severity violation was found. */
  ok: boolean;
  outcome: RunOutcome;
  /** The bridge URL without credentials. */
  url: string;
  mode: 'full' | 'incremental';
  startCheckpoint: string | null;
  /** True when a 200 page without next_offset ended the run. */
  completed: boolean;
  /** Delivered contacts in delivery order (empty when collectContacts is false). */
  contacts: unknown[];
  pages: PageRecord[];
  contactCount: number;
  /** Distinct contact ids delivered. */
  uniqueContacts: number;
  /** Deliveries of an id already delivered earlier in the run. */
  duplicateIds: number;
  /** Expected ids not delivered; null when no expectIds were given or the run did not complete. */
  missingIds: string[] | null;
  /** The last non-empty string checkpoint the bridge returned in this run, or null. */
  finalCheckpoint: string | null;
  violations: Violation[];
  error: RunError | null;
  elapsedMs: number;
  pageLatencyMs: LatencySummary;
}

/** Headers that describe the request rather than authenticate it; redacting "application/json" would garble reports. */
const DESCRIPTIVE_HEADERS = new Set(['accept', 'content-type', 'user-agent']);

type CredentialOptions = Pick<RunSyncOptions, 'url' | 'auth' | 'headers' | 'bearer'>;

/**
 * The redactor for everything a run may print. runSync applies it to the messages it builds; a
 * caller printing anything else derived from the run (reports, checkpoints) must apply it too.
 */
export function secretRedactor(options: CredentialOptions): Redactor {
  const secrets = secretLeaves(options.auth);
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (!DESCRIPTIVE_HEADERS.has(name.toLowerCase())) secrets.push(value);
  }
  if (options.bearer) secrets.push(options.bearer);
  const { username, password } = userinfo(options.url);
  if (username) secrets.push(username);
  if (password) secrets.push(password);
  return makeRedactor(secrets);
}

function userinfo(raw: string): { username: string; password: string } {
  try {
    const url = new URL(raw);
    return { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
  } catch {
    return { username: '', password: '' };
  }
}

function requestTarget(options: RunSyncOptions): { url: string; headers: Record<string, string> } {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new TypeError('runSync: url is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('runSync: url must be http or https');

  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
    'user-agent': 'talkdesk-sync-sim',
  };
  // fetch refuses URLs with credentials; sending them as Basic auth is what curl and browsers do.
  const { username, password } = userinfo(options.url);
  if (username || password) headers['authorization'] = 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64');
  url.username = '';
  url.password = '';
  if (options.bearer) headers['authorization'] = `Bearer ${options.bearer}`;
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  return { url: url.href, headers };
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw new TypeError(`runSync: ${name} must be a positive integer`);
  return value;
}

const EXCERPT_LENGTH = 300;

function excerpt(text: string, redact: Redactor): string {
  // Redact before cutting: a secret cut in half would no longer match.
  const flat = redact(text).replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_LENGTH ? flat.slice(0, EXCERPT_LENGTH) + '…' : flat;
}

function errorFromStatus(page: number, answer: Exchange, redact: Redactor): RunError {
  const error: RunError = {
    kind: 'http_status',
    page,
    status: answer.status,
    message: `bridge answered HTTP ${answer.status} on page ${page}`,
  };
  if (answer.status >= 300 && answer.status < 400) error.message += ' (redirects are not followed)';
  if (answer.bodyText !== '') error.bodyExcerpt = excerpt(answer.bodyText, redact);

  const mediaType = (answer.contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
  if (!/^application\/([\w.+-]+\+)?json$/.test(mediaType)) return error;
  let body: unknown;
  try {
    body = JSON.parse(answer.bodyText);
  } catch {
    error.errorBodyNote = 'the body is labelled JSON but does not parse';
    return error;
  }
  const problem = check('talkdesk-bridge/error', body, 'error body');
  if (problem) {
    error.errorBodyNote = redact(`the JSON body is not in the talkdesk-bridge/error format (${problem})`);
  } else {
    const { code, message } = (body as { error: { code: string; message: string } }).error;
    error.errorCode = code;
    error.message += redact(`: ${code}: ${message}`);
  }
  return error;
}

/** Tracks contact ids across the run for duplicate counting and --expect-ids. */
class IdTracker {
  readonly seen = new Set<string>();
  duplicates = 0;
  firstDuplicatePage: number | null = null;
  readonly sample: string[] = [];

  add(contact: unknown, page: number): void {
    const id = isPlainObject(contact) ? contact['id'] : undefined;
    // Ids of the wrong type are a schema violation already; counting them would blur the numbers.
    if (typeof id !== 'string' || id === '') return;
    if (!this.seen.has(id)) {
      this.seen.add(id);
      return;
    }
    this.duplicates++;
    this.firstDuplicatePage ??= page;
    if (this.sample.length < 5 && !this.sample.includes(id)) this.sample.push(id);
  }
}

/**
 * Runs one synchronization against a bridge. Never throws for anything the bridge does; throws a
 * TypeError only for invalid options. Resolves once the run has ended, for whatever reason.
 */
export async function runSync(options: RunSyncOptions): Promise<SyncResult> {
  const target = requestTarget(options);
  const maxPages = positiveInteger(options.maxPages, DEFAULT_MAX_PAGES, 'maxPages');
  const timeoutMs = positiveInteger(options.timeoutMs, DEFAULT_TIMEOUT_MS, 'timeoutMs');
  if (options.checkpoint !== undefined && (typeof options.checkpoint !== 'string' || options.checkpoint === '')) {
    throw new TypeError('runSync: checkpoint must be a non-empty string when given');
  }
  const fetchFn: FetchLike = options.fetch ?? fetch;
  const now = options.now ?? (() => performance.now());
  const redact = secretRedactor(options);
  const collect = options.collectContacts ?? true;

  const log = new ViolationLog();
  const ids = new IdTracker();
  const pages: PageRecord[] = [];
  const contacts: unknown[] = [];
  const offsetsSent = new Set<string>();
  let contactCount = 0;
  let finalCheckpoint: string | null = null;
  let lastCheckpointType: string | null = options.checkpoint !== undefined ? 'string' : null;
  let error: RunError | null = null;
  let completed = false;

  let offset: string | null = null;
  let context: unknown = null;
  const started = now();

  for (let page = 1; ; page++) {
    const meta: Record<string, unknown> = {};
    if (options.checkpoint !== undefined) meta['synchronization_checkpoint'] = options.checkpoint;
    meta['offset'] = offset;
    meta['context'] = context;
    const requestBody = JSON.stringify({ auth: options.auth, meta });

    let answer: Exchange;
    try {
      if (options.signal?.aborted) throw new ExchangeError('aborted', 'the run was interrupted');
      answer = await postJson(target.url, target.headers, requestBody, {
        fetch: fetchFn,
        timeoutMs,
        now,
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (e) {
      const kind = e instanceof ExchangeError ? e.kind : 'unreachable';
      const message = e instanceof Error ? e.message : String(e);
      error = { kind, page, message: redact(`page ${page}: ${message}`) };
      break;
    }

    const record: PageRecord = {
      page,
      offsetSent: offset,
      contextSent: context,
      status: answer.status,
      latencyMs: answer.latencyMs,
      contactCount: 0,
      checkpoint: null,
      nextOffset: null,
    };
    pages.push(record);
    const report = (): void =>
      options.onPage?.({
        page,
        status: answer.status,
        contactsOnPage: record.contactCount,
        contacts: contactCount,
        uniqueContacts: ids.seen.size,
        latencyMs: answer.latencyMs,
        elapsedMs: now() - started,
      });
    const violation = (kind: Violation['kind'], message: string, severity: Violation['severity'] = 'error'): void =>
      log.add({ page, kind, severity, message: redact(message) });

    if (answer.status < 200 || answer.status > 299) {
      error = errorFromStatus(page, answer, redact);
      report();
      break;
    }
    if (answer.status !== 200) {
      violation('unexpected_status', `bridge answered HTTP ${answer.status}; a contact sync page must be 200`);
      report();
      break;
    }

    const contentType = checkContentType(answer.contentType);
    if (contentType) violation(contentType.kind, contentType.message);

    let body: unknown;
    try {
      body = JSON.parse(answer.bodyText);
    } catch {
      violation('invalid_json', `the 200 body is not JSON: ${excerpt(answer.bodyText, redact) || '(empty)'}`);
      report();
      break;
    }
    const fields = isPlainObject(body) ? body : {};

    const checkpoint = fields['synchronization_checkpoint'];
    const checkpointFinding = isPlainObject(body) ? checkCheckpoint(checkpoint, lastCheckpointType) : null;
    if (checkpointFinding) violation(checkpointFinding.kind, checkpointFinding.message);
    if (checkpoint !== undefined && checkpoint !== null) lastCheckpointType = jsonType(checkpoint);
    if (typeof checkpoint === 'string' && checkpoint.trim() !== '') finalCheckpoint = checkpoint;

    const nextOffset = fields['next_offset'];
    const nextOffsetFinding = checkNextOffset(nextOffset);
    if (nextOffsetFinding) violation(nextOffsetFinding.kind, nextOffsetFinding.message);

    for (const message of checkResponseBody(body, {
      checkpointReported: checkpointFinding !== null,
      nextOffsetReported: nextOffsetFinding !== null,
    })) {
      violation('schema', message);
    }

    const delivered = Array.isArray(fields['contacts']) ? (fields['contacts'] as unknown[]) : [];
    for (const contact of delivered) {
      ids.add(contact, page);
      if (collect) contacts.push(contact);
    }
    contactCount += delivered.length;
    record.contactCount = delivered.length;
    record.checkpoint = checkpoint ?? null;
    record.nextOffset = nextOffset ?? null;
    report();

    if (nextOffsetFinding) break;
    if (typeof nextOffset !== 'string') {
      completed = true;
      break;
    }
    if (offsetsSent.has(nextOffset)) {
      violation('offset_loop', `next_offset repeats an offset already requested in this run; following it would loop forever`);
      break;
    }
    if (page >= maxPages) {
      violation('did_not_terminate', `run did not terminate: page ${page} still returned next_offset (--max-pages ${maxPages})`);
      break;
    }
    offsetsSent.add(nextOffset);
    offset = nextOffset;
    context = 'context' in fields ? fields['context'] : null;
  }

  if (ids.duplicates > 0) {
    log.add({
      page: ids.firstDuplicatePage,
      kind: 'duplicate_ids',
      severity: options.strictDuplicates ? 'error' : 'warning',
      message: redact(
        `${ids.duplicates} contact(s) delivered more than once in this run (e.g. ${ids.sample.join(', ')}); ` +
          'Talkdesk upserts by id, so this is harmless but costs pages',
      ),
    });
  }

  let missingIds: string[] | null = null;
  if (options.expectIds && completed) {
    missingIds = options.expectIds.filter((id) => !ids.seen.has(id));
    if (missingIds.length > 0) {
      const shown = missingIds.slice(0, 10).join(', ') + (missingIds.length > 10 ? ', …' : '');
      log.add({
        page: null,
        kind: 'missing_ids',
        severity: 'error',
        message: redact(`${missingIds.length} of ${options.expectIds.length} expected contact(s) were not delivered: ${shown}`),
      });
    }
  }

  const outcome: RunOutcome = error
    ? error.kind === 'http_status'
      ? 'bridge_error'
      : error.kind === 'aborted'
        ? 'aborted'
        : 'unreachable'
    : log.hasErrors() || !completed
      ? 'violations'
      : 'passed';

  return {
    ok: outcome === 'passed',
    outcome,
    url: redact(displayUrl(options.url)),
    mode: options.checkpoint === undefined ? 'full' : 'incremental',
    startCheckpoint: options.checkpoint ?? null,
    completed,
    contacts,
    pages,
    contactCount,
    uniqueContacts: ids.seen.size,
    duplicateIds: ids.duplicates,
    missingIds,
    finalCheckpoint,
    violations: log.toArray(),
    error,
    elapsedMs: now() - started,
    pageLatencyMs: summarizeLatency(pages.map((p) => p.latencyMs)),
  };
}
