import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { AppError } from '../errors.js';
import { ipLiteral, isPublicAddress } from './address-policy.js';
import { parseJsonChunks } from './json-from-bytes.js';

export interface CrmFetchOptions {
  /** Allow loopback/private/link-local CRM addresses (self-hosted CRMs, local testing). */
  allowPrivateHosts: boolean;
  /** `host` or `host:port` entries allowed even when they resolve to private addresses. */
  allowedHosts: readonly string[];
  /** Per-call timeout: a CRM that has not answered by then is a 504. */
  timeoutMs: number;
  /** Largest CRM response body accepted. */
  maxResponseBytes?: number;
}

/** The subset of the fetch Response that graphql-request reads. */
export interface CrmResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
  /**
   * The body parsed as JSON, read from its bytes in pieces (json-from-bytes.ts): the same value as
   * `JSON.parse(await text())`, or the same SyntaxError, without making one large string. Only
   * the bridge's own fetch has it; a wrapper that builds a response of its own leaves it out.
   */
  json?(): unknown;
}

export type CrmFetch = (
  url: string | URL,
  init?: { method?: string; headers?: Headers | Record<string, string>; body?: string; signal?: AbortSignal | null },
) => Promise<CrmResponse>;

const MAX_BODY = 32 * 1024 * 1024;

/**
 * A fetch for CRM calls, on node:http(s) with keep-alive agents. Node's global fetch costs far more
 * per call (see docs/performance.md), and this one enforces the address policy at connect time:
 * the guard runs inside the agents' DNS lookup, so a name that resolves (or re-resolves, as in DNS
 * rebinding) to a private address is refused on every connection, not just when first checked.
 * Redirects are never followed (node:http does not), so a CRM cannot bounce us elsewhere.
 */
export function createCrmFetch(options: CrmFetchOptions): CrmFetch {
  const allowed = new Set(options.allowedHosts.map((h) => h.toLowerCase()));
  const maxBytes = options.maxResponseBytes ?? MAX_BODY;

  const guardedLookup = (hostname: string, opts: LookupOptions, callback: (...args: unknown[]) => void): void => {
    dnsLookup(hostname, { ...opts, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err);
      const refused = addresses.find((a) => !isPublicAddress(a.address));
      if (refused) return callback(hostNotAllowed(hostname));
      if (opts.all) return callback(null, addresses);
      const first = addresses[0] as LookupAddress;
      return callback(null, first.address, first.family);
    });
  };
  const agentOptions = { keepAlive: true, maxSockets: 256, scheduling: 'lifo' as const };
  const openAgents = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };
  const guardedAgents = {
    http: new http.Agent({ ...agentOptions, lookup: guardedLookup as never }),
    https: new https.Agent({ ...agentOptions, lookup: guardedLookup as never }),
  };

  return function crmFetch(input, init = {}) {
    const url = typeof input === 'string' ? new URL(input) : input;
    const isHttps = url.protocol === 'https:';
    if (!isHttps && url.protocol !== 'http:') return Promise.reject(hostNotAllowed(url.hostname));
    const port = url.port || (isHttps ? '443' : '80');
    const hostname = url.hostname.toLowerCase();
    const bare = hostname.replace(/^\[|\]$/g, '');
    const trusted =
      options.allowPrivateHosts ||
      allowed.has(hostname) ||
      allowed.has(`${hostname}:${port}`) ||
      allowed.has(`${bare}:${port}`) ||
      allowed.has(bare);
    if (!trusted) {
      // Plain http would send the customer's API key in clear over the internet.
      if (!isHttps) return Promise.reject(hostNotAllowed(hostname, 'plain http is only allowed to hosts in CRM_ALLOWED_HOSTS'));
      // IP literals skip DNS lookup entirely, so the agent's guard never sees them.
      const literal = ipLiteral(hostname);
      if ((literal !== null && !isPublicAddress(literal)) || hostname === 'localhost' || hostname.endsWith('.localhost')) {
        return Promise.reject(hostNotAllowed(hostname));
      }
    }
    const agents = trusted ? openAgents : guardedAgents;
    const transport = isHttps ? https : http;

    return new Promise<CrmResponse>((resolve, reject) => {
      // The caller's signal (the request's deadline or disconnect) and this call's own timeout,
      // with one timer: AbortSignal.any/timeout would keep a timer and signals alive long after
      // the call ends.
      const outer = init.signal ?? null;
      if (outer?.aborted) return reject(abortError(outer));

      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((value, key) => {
        headers[key] = value;
      });
      if (init.body !== undefined) headers['content-length'] = String(Buffer.byteLength(init.body));

      const req = transport.request(url, { method: init.method ?? 'GET', headers, agent: isHttps ? agents.https : agents.http });
      const onAbort = (): void => {
        req.destroy(outer?.aborted ? abortError(outer) : timeout());
      };
      const timer = setTimeout(onAbort, options.timeoutMs);
      timer.unref();
      outer?.addEventListener('abort', onAbort, { once: true });
      const done = (): void => {
        clearTimeout(timer);
        outer?.removeEventListener('abort', onAbort);
      };

      req.on('error', (err) => {
        done();
        reject(err instanceof AppError ? err : unreachable(err));
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            req.destroy(new AppError('crm_bad_response', `The CRM's response exceeded ${maxBytes} bytes.`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('error', (err) => {
          done();
          reject(err instanceof AppError ? err : unreachable(err));
        });
        res.on('end', () => {
          done();
          const status = res.statusCode ?? 0;
          // Decoded only if asked for: a JSON answer is parsed from its bytes (json()).
          let body: string | undefined;
          const resHeaders = res.headers;
          resolve({
            status,
            ok: status >= 200 && status < 300,
            headers: {
              get(name: string) {
                const v = resHeaders[name.toLowerCase()];
                return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
              },
            },
            text: () => {
              body ??= chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks, size).toString('utf8');
              return Promise.resolve(body);
            },
            json: () => parseJsonChunks(chunks, size),
          });
        });
      });
      req.end(init.body);
    });
  };
}

function hostNotAllowed(hostname: string, why = 'it is not a public address'): AppError {
  return new AppError(
    'crm_host_not_allowed',
    `The CRM address ${hostname} is not allowed: ${why}. Set CRM_ALLOWED_HOSTS (or CRM_ALLOW_PRIVATE_HOSTS=true) to reach a self-hosted CRM on a private network.`,
  );
}

/** Why the caller's signal ended the call: its own AppError reason (the client left), else the deadline. */
function abortError(signal: AbortSignal): AppError {
  return signal.reason instanceof AppError ? signal.reason : timeout();
}

function timeout(): AppError {
  return new AppError('crm_timeout', 'The CRM did not answer in time.', { retryable: true });
}

function unreachable(err: Error & { code?: string }): AppError {
  return new AppError('crm_unreachable', `The CRM could not be reached (${err.code ?? 'network error'}).`, {
    logDetail: { networkError: err.code ?? err.message },
    // DNS failures are not transient enough to retry within one request; resets and refusals are.
    retryable: err.code !== 'ENOTFOUND',
  });
}
