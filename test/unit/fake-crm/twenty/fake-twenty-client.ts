/**
 * What the fake Twenty tests share: an HTTP client for the fake's /graphql, the bridge's own
 * documents, and small cursor helpers. The tests themselves are split by concern in this folder.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Kind, parse, print, type DefinitionNode } from 'graphql';
import { type FakeTwenty, type PersonRecord } from '../../../../fake-crms/twenty/index.js';
import { projectRoot } from '../../../../src/project-root.js';

// ---- helpers -----------------------------------------------------------------------------------

export const KEY = 'test-key';
/** The bridge's documents for both generations, with the Person fragment they share. */
export const OPERATIONS = [
  ['twenty', 'person-core.graphql'],
  ['twenty', 'operations.graphql'],
  ['twenty-v0.53', 'operations.graphql'],
]
  .map(([dir, file]) => readFileSync(join(projectRoot, 'graphql', dir!, file!), 'utf8'))
  .join('\n');

/** One operation of operations.graphql with the fragments, as the bridge sends it. */
export function bridgeDocument(operationName: string): string {
  const all = parse(OPERATIONS).definitions;
  const operation = all.find((d: DefinitionNode) => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === operationName);
  if (operation === undefined) throw new Error(`no operation ${operationName}`);
  // The fragments it spreads, directly or through another fragment (GraphQL rejects unused ones).
  const definitions: DefinitionNode[] = [operation];
  for (let text = print(operation), grew = true; grew;) {
    grew = false;
    for (const d of all) {
      if (d.kind === Kind.FRAGMENT_DEFINITION && !definitions.includes(d) && text.includes(`...${d.name.value}`)) {
        definitions.push(d);
        text += print(d);
        grew = true;
      }
    }
  }
  return print({ kind: Kind.DOCUMENT, definitions });
}

export const PAGE_QUERY = `
  query Page($first: Int, $last: Int, $after: String, $before: String, $offset: Int, $filter: PersonFilterInput, $orderBy: [PersonOrderByInput]) {
    people(first: $first, last: $last, after: $after, before: $before, offset: $offset, filter: $filter, orderBy: $orderBy) {
      edges { cursor node { id jobTitle city createdAt updatedAt deletedAt } }
      pageInfo { startCursor endCursor hasNextPage hasPreviousPage }
      totalCount
    }
  }`;

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

export async function post(fake: FakeTwenty, body: unknown, key: string | null = KEY, signal?: AbortSignal): Promise<Reply> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (key !== null) headers['Authorization'] = `Bearer ${key}`;
  const res = await fetch(`${fake.url}/graphql`, { method: 'POST', headers, body: JSON.stringify(body), ...(signal ? { signal } : {}) });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  return { status: res.status, headers: res.headers, text, body: parsed };
}

export function gql(fake: FakeTwenty, query: string, variables: Record<string, unknown> = {}, key: string | null = KEY): Promise<Reply> {
  return post(fake, { query, variables }, key);
}

export const page = (fake: FakeTwenty, variables: Record<string, unknown>): Promise<Reply> => gql(fake, PAGE_QUERY, variables);

export interface Node {
  id: string;
  jobTitle: string | null;
  city: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

/** Walk every page forward with first+after; returns the nodes in the order served. */
export async function walk(fake: FakeTwenty, variables: Record<string, unknown>, between?: (pageIndex: number) => void): Promise<Node[]> {
  const nodes: Node[] = [];
  let after: string | null = null;
  for (let i = 0; i < 10_000; i++) {
    const reply = await page(fake, { ...variables, after });
    expect(reply.status, reply.text).to.equal(200);
    expect(reply.body.errors, reply.text).to.equal(undefined);
    const connection = reply.body.data.people;
    nodes.push(...connection.edges.map((e: { node: Node }) => e.node));
    if (!connection.pageInfo.hasNextPage) return nodes;
    after = connection.pageInfo.endCursor;
    between?.(i);
  }
  throw new Error('paging did not end');
}

export const byUpdatedAtThenId = (a: PersonRecord, b: PersonRecord): number =>
  a.updatedAt - b.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
export const ASC = [{ updatedAt: 'AscNullsFirst' }, { id: 'AscNullsFirst' }];
/** The bridge's page operations in their sync-order mode. */
export const SYNC_ORDER_VARIABLES = { orderBy: ASC, withLatest: false };
export const decode = (cursor: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as Record<string, unknown>;
export const encode = (data: unknown): string => Buffer.from(JSON.stringify(data)).toString('base64');
