/**
 * The benchmark's second reference: a trivial-mapping proxy, the floor of what any Talkdesk→Twenty
 * proxy costs on node:http (issue 17, "the cost of a contact"). Unlike bench/baseline-proxy.ts it
 * shares no code with the bridge: it selects only what its mapping reads, maps each person with a
 * trivial mapping and answers a page in the shape Talkdesk expects, without the bridge's checks.
 *
 * Per request:
 * - read and JSON.parse the Talkdesk body;
 * - one POST to `{base_url}/graphql` over a keep-alive http.Agent, selecting id, name, primary
 *   email and primary phone (number and calling code) of `first` people in the connector's order;
 * - JSON.parse the answer, map every person: name = first + last name, emails = the primary email,
 *   phones = calling code + the number's digits (no parsing, no validation of either);
 * - JSON.stringify `{synchronization_checkpoint, contacts, next_offset}` with Twenty's end cursor
 *   as the offset and the last record's update time as the checkpoint.
 * Its answer is not the bridge's (fewer fields, numbers unchecked): bench/run.ts checks only that
 * it answers 200 with the same number of contacts. The fake's response cache serves its query from
 * its own cached entry, so the upstream cost per request stays small and constant.
 *
 *   PAGE_SIZE (200)
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { announce, serveProbe } from './child-probe.js';
import { trivialPayload, trivialResponse, type TrivialPage } from './lib/trivial-mapping.js';

const PAGE_SIZE = Number(process.env['PAGE_SIZE'] ?? 200);
const agent = new http.Agent({ keepAlive: true, maxSockets: 256, scheduling: 'lifo' });
const PAYLOAD = trivialPayload(PAGE_SIZE);
function answer(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** One upstream POST; a stale keep-alive socket (ECONNRESET on reuse) is retried once, as in the baseline. */
function callUpstream(res: http.ServerResponse, base: string, apiKey: string, mayRetry: boolean): void {
  const upstream = http.request(
    `${base}/graphql`,
    {
      method: 'POST',
      agent,
      headers: {
        authorization: `Bearer ${apiKey}`,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(PAYLOAD)),
      },
    },
    (upRes) => {
      const parts: Buffer[] = [];
      upRes.on('data', (chunk: Buffer) => parts.push(chunk));
      upRes.on('end', () => {
        try {
          answer(res, 200, trivialResponse((JSON.parse(Buffer.concat(parts).toString('utf8')) as { data: TrivialPage }).data));
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
  upstream.end(PAYLOAD);
}

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
announce({ type: 'ready', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, info: { pageSize: PAGE_SIZE } });
