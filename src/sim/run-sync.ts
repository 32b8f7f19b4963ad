import { requestTarget, secretRedactor, type BridgeTarget } from './bridge-target.js';
import { ExchangeError, postJson, type FetchLike } from './http-exchange.js';
import { displayUrl } from './redact.js';
import { RunRecorder, type SimAnswer } from './run-recorder.js';
import type { PageProgress, SyncResult } from './sync-result.js';
import { talkdeskPages, type TalkdeskPage, type TalkdeskRequest } from './talkdesk-pager.js';

export { secretRedactor } from './bridge-target.js';
export type { PageProgress, PageRecord, RunError, RunOutcome, SyncResult } from './sync-result.js';

/**
 * Talkdesk's contact synchronizer, replayed against a bridge: one run is the sequence of POSTs
 * from the first page until a page without `next_offset` (Talkdesk docs, "Implementing a contact
 * synchronization": request `meta` and the 200 response), paged by the shared Talkdesk pager
 * (talkdesk-pager.ts). Every answer is checked against the contract (run-recorder.ts); the result
 * says what was delivered and what was wrong. Nothing here prints or exits.
 */

export const DEFAULT_MAX_PAGES = 100_000;
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface RunSyncOptions extends BridgeTarget {
  /** Starts an incremental sync: sent as `meta.synchronization_checkpoint` on every page. Omit for a full sync. */
  checkpoint?: string;
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

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw new TypeError(`runSync: ${name} must be a positive integer`);
  return value;
}

/** A 200 body parsed; undefined when it is not JSON (or the status is not 200: nothing to follow). */
function parsedBody(status: number, text: string): unknown {
  if (status !== 200) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
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

  const send = async (request: TalkdeskRequest): Promise<SimAnswer> => {
    if (options.signal?.aborted) throw new ExchangeError('aborted', 'the run was interrupted');
    const exchange = await postJson(target.url, target.headers, JSON.stringify(request), {
      fetch: fetchFn,
      timeoutMs,
      now,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return { ...exchange, body: parsedBody(exchange.status, exchange.bodyText) };
  };

  const recorder = new RunRecorder({
    redact,
    checkpoint: options.checkpoint,
    maxPages,
    collectContacts: options.collectContacts ?? true,
    now,
    onPage: options.onPage,
  });
  const pages = talkdeskPages(
    { auth: options.auth, maxPages, ...(options.checkpoint === undefined ? {} : { checkpoint: options.checkpoint }) },
    send,
  );
  for (;;) {
    let next: IteratorResult<TalkdeskPage<SimAnswer>, void>;
    try {
      next = await pages.next();
    } catch (e) {
      recorder.unanswered(e);
      break;
    }
    if (next.done || !recorder.answered(next.value)) break;
  }

  return recorder.result({
    url: redact(displayUrl(options.url)),
    mode: options.checkpoint === undefined ? 'full' : 'incremental',
    startCheckpoint: options.checkpoint ?? null,
    strictDuplicates: options.strictDuplicates ?? false,
    expectIds: options.expectIds,
  });
}
