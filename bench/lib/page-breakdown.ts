/**
 * The mapper section: the recorded 200-person page mapped in this process, and one page's pieces
 * (parse, validation, mapping, serialization, tokens, logging…) each timed alone.
 */
import { pino } from 'pino';
import { toTalkdeskContact, type TwentyPersonNode } from '../../src/connectors/twenty/to-talkdesk-contact.js';
import { callGraphQL } from '../../src/crm-http/graphql-call.js';
import { parseJsonChunks } from '../../src/crm-http/json-from-bytes.js';
import type { CrmResponse } from '../../src/crm-http/crm-fetch.js';
import { jsonBytes } from '../../src/http/json-bytes.js';
import { createLogger } from '../../src/logger.js';
import { encodeCheckpoint } from '../../src/sync/checkpoint.js';
import { encodeOffset } from '../../src/sync/offset.js';
import { check } from '../../src/validation/validators.js';
import { BRIDGE_QUERY, bridgePayload, firstPageVariables } from './bridge-query.js';
import { f, line, pad } from './report.js';
import { API_KEY, PAGE_SIZE } from './settings.js';
import { timeAsync, timeSync } from './timing.js';
import { trivialPayload, trivialResponse, type TrivialPage } from './trivial-mapping.js';

/** The fake's raw answer to the benchmark's query (what both targets receive upstream). */
export async function recordPage(fakeUrl: string, first: number, body?: string): Promise<string> {
  const res = await fetch(`${fakeUrl}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    body: body ?? bridgePayload(first),
  });
  if (!res.ok) throw new Error(`the fake CRM answered ${res.status}`);
  return res.text();
}

type PeopleData = { people: { edges: Array<{ node: TwentyPersonNode }> } };

function mapperThroughput(nodes: TwentyPersonNode[], appUrl: string, seconds: number): number {
  const links = { appUrl };
  const mapAll = (): void => {
    for (const node of nodes) toTalkdeskContact(node, links);
  };
  const usPerPage = timeSync(mapAll, seconds * 1000);
  return (nodes.length * 1e6) / usPerPage;
}

/** One page's pieces, each timed alone in this process: what the profile's percentages are made of. */
async function breakdown(rawPage: string, baseUrl: string, requestBody: string): Promise<Array<[string, number]>> {
  const data = (JSON.parse(rawPage) as { data: PeopleData }).data;
  const nodes = data.people.edges.map((e) => e.node);
  const contacts = nodes.map((n) => toTalkdeskContact(n, { appUrl: baseUrl }));
  const position = { updatedAt: 1714557600000, id: '8f7e5b7a-4a4b-4c1e-9d55-0a1b2c3d4e5f' };
  const response = { synchronization_checkpoint: encodeCheckpoint(position), contacts, next_offset: 'x' };
  const parsedBody: unknown = JSON.parse(requestBody);
  const rawBytes = Buffer.from(rawPage);
  // As a socket delivers it: in chunks of at most 64 KB.
  const chunks: Buffer[] = [];
  for (let at = 0; at < rawBytes.length; at += 65_536) chunks.push(Buffer.from(rawBytes.subarray(at, at + 65_536)));
  const logger = createLogger('info', pino.destination({ dest: '/dev/null', sync: true }));
  const accessLine = { req_id: 'f0e1d2c3-b4a5-4968-8776-655443322110', method: 'POST', path: '/twenty/contacts', status: 200, ms: 3.2 };
  const cannedResponse: CrmResponse = {
    status: 200,
    ok: true,
    headers: { get: (name: string) => (name.toLowerCase() === 'content-type' ? 'application/json; charset=utf-8' : null) },
    text: () => Promise.resolve(rawPage),
    json: () => parseJsonChunks(chunks, rawBytes.length),
  };
  const stubFetch = (): Promise<CrmResponse> => Promise.resolve(cannedResponse);
  const controller = new AbortController();

  const rows: Array<[string, number]> = [];
  rows.push([
    `the bridge's parse of the CRM answer from its bytes (json-from-bytes.ts, ${chunks.length} chunks, ${rawBytes.length} bytes)`,
    timeSync(() => parseJsonChunks(chunks, rawBytes.length)),
  ]);
  rows.push([
    '  for comparison: concatenate, UTF-8 decode as one string and JSON.parse',
    timeSync(() => JSON.parse(Buffer.concat(chunks).toString('utf8'))),
  ]);
  rows.push([`  for comparison: UTF-8 decode alone (Buffer → string)`, timeSync(() => rawBytes.toString('utf8'))]);
  rows.push(['  for comparison: JSON.parse alone (of the decoded string)', timeSync(() => JSON.parse(rawPage))]);
  rows.push([
    'callGraphQL (graphql-request) on a canned answer, parse from bytes included',
    await timeAsync(() =>
      callGraphQL({
        endpoint: `${baseUrl}/graphql`,
        headers: { authorization: `Bearer ${API_KEY}` },
        query: BRIDGE_QUERY,
        variables: firstPageVariables(PAGE_SIZE),
        signal: controller.signal,
        deadline: Date.now() + 25_000,
        fetch: stubFetch,
        retry: { maxRetries: 0, baseDelayMs: 250 },
        crm: 'Twenty',
      }),
    ),
  ]);
  rows.push(['ajv: CRM page schema (twenty-people-page)', timeSync(() => check('talkdesk-bridge/crm/twenty-people-page', data, 'data'))]);
  rows.push([`mapper: toTalkdeskContact × ${nodes.length}`, timeSync(() => nodes.map((n) => toTalkdeskContact(n, { appUrl: baseUrl })))]);
  rows.push(["the bridge's Talkdesk answer as bytes (json-bytes.ts)", timeSync(() => jsonBytes(response))]);
  rows.push(['  for comparison: Buffer.from(JSON.stringify(answer))', timeSync(() => Buffer.from(JSON.stringify(response)))]);
  rows.push(['ajv: request schema (sync-request)', timeSync(() => check('talkdesk-bridge/sync-request', parsedBody, 'body'))]);
  rows.push([
    'checkpoint + offset tokens (sha256, base64url)',
    timeSync(
      () =>
        encodeOffset({ connector: 'twenty', updatedSince: null, cursor: 'eyJ1cGRhdGVkQXQiOiIy', position, lastDelivered: position }) +
        encodeCheckpoint(position),
    ),
  ]);
  rows.push(['pino access-log line (redact on) to /dev/null', timeSync(() => logger.info(accessLine, 'request'))]);
  rows.push([
    'deadline + CRM timeout: AbortController, 2 × setTimeout/clearTimeout, abort listener',
    // What withDeadline (src/routes/contacts.ts) and crmFetch do per request.
    timeSync(() => {
      const c = new AbortController();
      const onAbort = (): void => undefined;
      const deadline = setTimeout(() => c.abort(), 25_000);
      const call = setTimeout(onAbort, 10_000);
      c.signal.addEventListener('abort', onAbort, { once: true });
      c.signal.removeEventListener('abort', onAbort);
      clearTimeout(call);
      clearTimeout(deadline);
    }),
  ]);
  rows.push([
    'new Headers(record) + forEach (crmFetch)',
    timeSync(() => new Headers({ authorization: 'Bearer x', accept: 'a', 'content-type': 'b' }).forEach(() => undefined)),
  ]);
  return rows;
}

/** The section as printed by `npm run bench`. */
export async function mapperSection(fakeUrl: string, requestBody: string): Promise<void> {
  const raw200 = await recordPage(fakeUrl, PAGE_SIZE);
  const nodes200 = (JSON.parse(raw200) as { data: PeopleData }).data.people.edges.map((e) => e.node);
  line();
  const perSecond = mapperThroughput(nodes200, fakeUrl, 3);
  line(
    `Mapper (in this process, the recorded ${nodes200.length}-person page mapped repeatedly): ${f(perSecond, 0)} contacts/s, ` +
      `${f(1e6 / perSecond)} µs per contact, ${f((nodes200.length * 1e6) / perSecond / 1000)} ms per page`,
  );
  line();
  line(`One ${PAGE_SIZE}-person page, piece by piece (in this process, µs per call):`);
  for (const [label, us] of await breakdown(raw200, fakeUrl, requestBody)) line(`  ${pad(f(us, 1), 8)} µs  ${label}`);

  // The same page as the trivial proxy reads and answers it: its selection is a fraction of the
  // bridge's, which is where most of the difference between them goes.
  const trivialRaw = await recordPage(fakeUrl, PAGE_SIZE, trivialPayload(PAGE_SIZE));
  const trivialBytes = Buffer.from(trivialRaw);
  const trivialData = (JSON.parse(trivialRaw) as { data: TrivialPage }).data;
  line(`The trivial proxy's ${PAGE_SIZE}-person page, piece by piece (in this process, µs per call):`);
  const trivialRows: Array<[string, number]> = [
    [`UTF-8 decode of its CRM answer (${trivialBytes.length} bytes)`, timeSync(() => trivialBytes.toString('utf8'))],
    ['JSON.parse of its CRM answer', timeSync(() => JSON.parse(trivialRaw))],
    ['trivial mapping + JSON.stringify of its answer', timeSync(() => trivialResponse(trivialData))],
  ];
  for (const [label, us] of trivialRows) line(`  ${pad(f(us, 1), 8)} µs  ${label}`);
}
