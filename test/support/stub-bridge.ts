import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Tiny in-process bridges for the simulator's tests: real HTTP on 127.0.0.1, port 0. Shared by the
 * unit tests of runSync and the CLI component test.
 */

export interface StubRequest {
  headers: IncomingHttpHeaders;
  raw: string;
  body: any;
}

export interface StubAnswer {
  status?: number;
  contentType?: string | null;
  /** Serialized as JSON unless `raw` is set. */
  body?: unknown;
  raw?: string;
}

/** `hang` never answers (for timeouts). */
export type StubHandler = (request: StubRequest, index: number) => StubAnswer | 'hang';

export interface StubBridge {
  url: string;
  requests: StubRequest[];
  close(): Promise<void>;
}

export async function startStub(handler: StubHandler): Promise<StubBridge> {
  const requests: StubRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        body = undefined;
      }
      const request = { headers: req.headers, raw, body };
      requests.push(request);
      const answer = handler(request, requests.length - 1);
      if (answer === 'hang') return;
      const text = answer.raw ?? (answer.body === undefined ? '' : JSON.stringify(answer.body));
      const headers: Record<string, string> = {};
      const contentType = answer.contentType === undefined ? 'application/json; charset=utf-8' : answer.contentType;
      if (contentType !== null) headers['content-type'] = contentType;
      res.writeHead(answer.status ?? 200, headers);
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/twenty/contacts`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function contact(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    name: `Contact ${id}`,
    title: null,
    company: null,
    emails: [],
    phones: ['+351910000000'],
    websites: [],
    photo_url: null,
    address: null,
    twitter: null,
    url: null,
    ...overrides,
  };
}

export interface PageSpec {
  contacts: unknown[];
  /** Defaults to `cp-<n>`; set `omitCheckpoint` to leave it out. */
  checkpoint?: unknown;
  omitCheckpoint?: boolean;
  /** Defaults to `o<n+1>` on every page but the last; when the key is present its value is used as is (undefined = absent). */
  nextOffset?: unknown;
  /** Defaults to `{ "page": n }`, so the echo on the next request can be checked. */
  context?: unknown;
  contentType?: string | null;
  status?: number;
  raw?: string;
}

export interface PagingBridgeOptions {
  /** When set, every request must carry this synchronization_checkpoint; otherwise none may. */
  expectCheckpoint?: string;
}

const bad = (message: string): StubAnswer => ({ status: 400, body: { error: { code: 'invalid_request', message } } });

/**
 * A bridge serving `pages` in order. It checks what a real bridge relies on and answers 400 when
 * the simulator gets it wrong: the offset of each page, the echo of the previous page's context,
 * the checkpoint rule of the sync mode, and the request's Content-Type.
 */
export function pagingHandler(pages: PageSpec[], options: PagingBridgeOptions = {}): StubHandler {
  return ({ headers, body }) => {
    if (headers['content-type'] !== 'application/json') return bad('content-type');
    if (typeof body?.auth !== 'object' || body.auth === null) return bad('auth');
    const meta = body.meta ?? {};
    if (
      options.expectCheckpoint === undefined
        ? 'synchronization_checkpoint' in meta
        : meta.synchronization_checkpoint !== options.expectCheckpoint
    ) {
      return bad('checkpoint');
    }
    const offset: unknown = meta.offset;
    const index = offset === null ? 0 : typeof offset === 'string' && /^o\d+$/.test(offset) ? Number(offset.slice(1)) : -1;
    const spec = pages[index];
    if (!spec) return bad('offset');
    const expectedContext = index === 0 ? null : contextOf(pages[index - 1]!, index - 1);
    if (JSON.stringify(meta.context) !== JSON.stringify(expectedContext ?? null)) return bad('context not echoed');

    const response: Record<string, unknown> = {};
    if (!spec.omitCheckpoint) response['synchronization_checkpoint'] = 'checkpoint' in spec ? spec.checkpoint : `cp-${index + 1}`;
    const next = 'nextOffset' in spec ? spec.nextOffset : index < pages.length - 1 ? `o${index + 1}` : undefined;
    if (next !== undefined) response['next_offset'] = next;
    const context = contextOf(spec, index);
    if (context !== undefined) response['context'] = context;
    response['contacts'] = spec.contacts;
    const answer: StubAnswer = { status: spec.status ?? 200, body: response };
    if (spec.contentType !== undefined) answer.contentType = spec.contentType;
    if (spec.raw !== undefined) answer.raw = spec.raw;
    return answer;
  };
}

function contextOf(spec: PageSpec, index: number): unknown {
  return 'context' in spec ? spec.context : { page: index + 1 };
}

export const threeGoodPages = (): PageSpec[] => [
  { contacts: [contact('1'), contact('2'), contact('3')] },
  { contacts: [contact('4'), contact('5')], context: ['any', { json: true }] },
  { contacts: [contact('6'), contact('7')] },
];
