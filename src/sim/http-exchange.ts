/**
 * One POST to the bridge, timed from sending the request to the last byte of the body. Kept behind
 * a minimal fetch signature so tests and the property-based suite can inject their own transport.
 */

export interface FetchInit {
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
  /** Talkdesk does not follow redirects with the credentials in the body, so neither do we. */
  redirect: 'manual';
}

export interface FetchResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** The subset of the global `fetch` the simulator uses; the global `fetch` satisfies it. */
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponseLike>;

export interface Exchange {
  status: number;
  contentType: string | null;
  bodyText: string;
  latencyMs: number;
}

export type ExchangeFailure = 'timeout' | 'unreachable' | 'aborted';

export class ExchangeError extends Error {
  constructor(
    readonly kind: ExchangeFailure,
    message: string,
  ) {
    super(message);
    this.name = 'ExchangeError';
  }
}

export interface ExchangeOptions {
  fetch: FetchLike;
  timeoutMs: number;
  signal?: AbortSignal;
  now: () => number;
}

export async function postJson(url: string, headers: Record<string, string>, body: string, options: ExchangeOptions): Promise<Exchange> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const started = options.now();
  try {
    const response = await options.fetch(url, { method: 'POST', headers, body, signal, redirect: 'manual' });
    // The body is read under the same signal: a bridge that stalls mid-body is as stuck as one that never answers.
    const bodyText = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      bodyText,
      latencyMs: options.now() - started,
    };
  } catch (error) {
    if (options.signal?.aborted) throw new ExchangeError('aborted', 'the run was interrupted');
    if (timeout.aborted) throw new ExchangeError('timeout', `no complete answer within ${options.timeoutMs} ms`);
    throw new ExchangeError('unreachable', `could not reach the bridge: ${describeNetworkError(error)}`);
  }
}

/** fetch reports "fetch failed" and hides the useful part (ECONNREFUSED, ENOTFOUND…) in `cause`. */
function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: unknown } | null)?.cause;
  for (const e of [cause, error]) {
    if (e && typeof e === 'object') {
      const { code, message } = e as { code?: unknown; message?: unknown };
      if (typeof message === 'string' && message !== '' && message !== 'fetch failed') return message;
      if (typeof code === 'string') return code;
    }
  }
  return 'network error';
}
