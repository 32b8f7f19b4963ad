/**
 * The bridge's first-page request to Twenty, as the connector sends it (fetch-people-page.ts):
 * its printed selection and the sync order. The references that ask the fake for exactly what the
 * bridge asks (bench/baseline-proxy.ts, the trivial proxy with `TRIVIAL_SELECTION=bridge`, the
 * in-process breakdown) take it from here, so the fake's response cache serves them all one entry.
 */
import { print } from 'graphql';
import { TwentyPeoplePageDocument } from '../../src/generated/twenty/graphql.js';

export const BRIDGE_QUERY = print(TwentyPeoplePageDocument);

export const SYNC_ORDER = [{ updatedAt: 'AscNullsFirst' }, { id: 'AscNullsFirst' }];

/** The first page's variables as the Twenty connector sends them. */
export const firstPageVariables = (first: number): Record<string, unknown> => ({ first, orderBy: SYNC_ORDER, withLatest: false });

/** The upstream request body of the bridge's first page of `first` people. */
export function bridgePayload(first: number): string {
  return JSON.stringify({ query: BRIDGE_QUERY, variables: firstPageVariables(first) });
}
