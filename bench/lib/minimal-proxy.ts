/**
 * The node:http plumbing both hand-written proxies share (bench/baseline-proxy.ts and
 * bench/trivial-proxy.ts), so that they differ only in what they select and how they map: read and
 * JSON.parse the Talkdesk body, one keep-alive POST to `{base_url}/graphql`, answer 200 with what
 * `respond` makes of the CRM's text. No framework, validation, logging, timeouts or abort signals.
 * Errors answer a bare 400/502 (the benchmark expects none).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { announce, serveProbe } from '../child-probe.js';

export interface MinimalProxy {
  pageSize: number;
  /** The upstream request body (the same on every request). */
  payload: string;
  /** Headers beyond authorization, content-type and content-length. */
  headers?: Record<string, string>;
  /** The Talkdesk answer for the CRM's answer text; `base` is the CRM's base URL. */
  respond: (crmText: string, base: string) => string;
}

export async function serveMinimalProxy(proxy: MinimalProxy): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256, scheduling: 'lifo' });
  const payloadLength = String(Buffer.byteLength(proxy.payload));

  const answer = (res: http.ServerResponse, status: number, text: string): void => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };

  /**
   * One upstream POST. A keep-alive socket the CRM closed while it sat idle (the fake's server
   * closes idle sockets after 5 s, and each target idles while the others are measured) fails on
   * reuse with ECONNRESET; that one case is retried once, as any proxy must (the bridge retries it too).
   */
  const callUpstream = (res: http.ServerResponse, base: string, apiKey: string, mayRetry: boolean): void => {
    const upstream = http.request(
      `${base}/graphql`,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${apiKey}`,
          ...proxy.headers,
          'content-type': 'application/json',
          'content-length': payloadLength,
        },
      },
      (upRes) => {
        const parts: Buffer[] = [];
        upRes.on('data', (chunk: Buffer) => parts.push(chunk));
        upRes.on('end', () => {
          try {
            const text = parts.length === 1 ? (parts[0] as Buffer).toString('utf8') : Buffer.concat(parts).toString('utf8');
            answer(res, 200, proxy.respond(text, base));
          } catch {
            answer(res, 502, '{"error":"bad upstream"}');
          }
        });
      },
    );
    upstream.on('error', (err: Error & { code?: string }) => {
      if (mayRetry && upstream.reusedSocket && err.code === 'ECONNRESET') callUpstream(res, base, apiKey, false);
      else answer(res, 502, '{"error":"upstream unreachable"}');
    });
    upstream.end(proxy.payload);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let auth: { api_key: string; base_url: string };
      try {
        auth = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { auth: typeof auth }).auth;
      } catch {
        answer(res, 400, '{"error":"bad json"}');
        return;
      }
      callUpstream(res, auth.base_url.replace(/\/+$/, ''), auth.api_key, true);
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  serveProbe(() => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  });
  announce({ type: 'ready', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, info: { pageSize: proxy.pageSize } });
}
