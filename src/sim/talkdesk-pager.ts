import { isPlainObject } from './checks.js';

/**
 * Talkdesk's side of one contact-synchronization run, and nothing else (Talkdesk docs,
 * "Implementing a contact synchronization": the request `meta` and the 200 response):
 * - the first request sends `offset: null` and `context: null`;
 * - each next request sends the previous answer's `next_offset` as `meta.offset` and its `context`
 *   back unchanged as `meta.context` (null when the answer had none);
 * - the checkpoint an incremental sync starts from goes as `meta.synchronization_checkpoint` on
 *   every page (a full sync sends none);
 * - a 200 answer without `next_offset` (absent or null) is the run's last page.
 *
 * The pager sends and follows; it judges nothing else about an answer. The simulator (run-sync.ts),
 * the component tests and the property-based suite each check the pages it yields their own way.
 * It is lazy: the next request goes out only when the next page is asked for, so a caller can
 * write to the CRM between pages, or stop after any page.
 */

/** The JSON body of one request to the bridge. */
export interface TalkdeskRequest {
  auth: Record<string, unknown>;
  meta: { synchronization_checkpoint?: string; offset: string | null; context: unknown };
}

/** A bridge's answer as the pager reads it; callers' transports may return more. */
export interface BridgeAnswer {
  status: number;
  /** The parsed JSON body; undefined when there is none or it is not JSON. */
  body: unknown;
}

/**
 * What the pager makes of an answer:
 * - `next`: it follows `next_offset` on the next request;
 * - `completed`: a 200 without `next_offset`, the last page;
 * - `http_status`: not a 200, `unreadable`: a 200 without a JSON body, `invalid_next_offset`:
 *   a `next_offset` that is not a non-empty string; there is nothing to follow;
 * - `offset_loop`: `next_offset` repeats an offset already sent in this run (following it would
 *   loop forever);
 * - `page_limit`: `maxPages` pages answered and the bridge still returns `next_offset`.
 */
export type PagerStep = 'next' | 'completed' | 'http_status' | 'unreadable' | 'invalid_next_offset' | 'offset_loop' | 'page_limit';

export interface TalkdeskPage<Answer extends BridgeAnswer> {
  /** 1-based. */
  number: number;
  request: TalkdeskRequest;
  answer: Answer;
  step: PagerStep;
}

export interface PagerOptions {
  /** Sent as the request's `auth` object on every page. */
  auth: Record<string, unknown>;
  /** The checkpoint an incremental sync starts from; omit for a full sync. */
  checkpoint?: string;
  /** After this many pages the pager stops following `next_offset` (`page_limit`). Default: no limit. */
  maxPages?: number;
}

/**
 * Pages through one run: posts each request with `post`, yields every answered page with what the
 * pager makes of it, and returns after the first page whose step is not `next`. An error thrown
 * by `post` ends the run and reaches the caller.
 */
export async function* talkdeskPages<Answer extends BridgeAnswer>(
  options: PagerOptions,
  post: (request: TalkdeskRequest) => Promise<Answer>,
): AsyncGenerator<TalkdeskPage<Answer>, void, undefined> {
  const maxPages = options.maxPages ?? Infinity;
  const offsetsSent = new Set<string>();
  let offset: string | null = null;
  let context: unknown = null;
  for (let number = 1; ; number++) {
    const meta: TalkdeskRequest['meta'] =
      options.checkpoint === undefined ? { offset, context } : { synchronization_checkpoint: options.checkpoint, offset, context };
    const request: TalkdeskRequest = { auth: options.auth, meta };
    const answer = await post(request);

    const fields = isPlainObject(answer.body) ? answer.body : {};
    const next = fields['next_offset'];
    let step: PagerStep;
    if (answer.status !== 200) step = 'http_status';
    else if (answer.body === undefined) step = 'unreadable';
    else if (next === undefined || next === null) step = 'completed';
    else if (typeof next !== 'string' || next === '') step = 'invalid_next_offset';
    else if (offsetsSent.has(next)) step = 'offset_loop';
    else if (number >= maxPages) step = 'page_limit';
    else step = 'next';

    yield { number, request, answer, step };
    if (step !== 'next') return;
    offsetsSent.add(next as string);
    offset = next as string;
    context = 'context' in fields ? fields['context'] : null;
  }
}
