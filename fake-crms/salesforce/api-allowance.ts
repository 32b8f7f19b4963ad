import { Kind, type FieldNode, type SelectionSetNode } from 'graphql';
import { parseOrNull } from '../support/graphql-support.js';

/**
 * The accounting of a Salesforce org's API request allowance (what a refused request looks like
 * is the server's business: server.ts).
 * - The allowance is per org over a rolling 24 hours, shared by every client of the org
 *   ("API Request Limits and Allocations",
 *   https://developer.salesforce.com/docs/atlas.en-us.salesforce_app_limits_cheatsheet.meta/salesforce_app_limits_cheatsheet/salesforce_app_limits_platform_api.htm).
 *   The fake's day never ends: `used` only grows until the option is set again.
 * - Each subquery of a GraphQL request (each field under `uiapi { query { … } }`) counts as one
 *   request ("Each subquery counts as one request", GraphQL API query limits,
 *   https://developer.salesforce.com/docs/platform/graphql/guide/query-limits.html).
 * - Answers carry `Sforce-Limit-Info: api-usage=<used>/<limit>`
 *   (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_api_usage.htm).
 */
export class ApiAllowance {
  used = 0;

  constructor(readonly limit: number) {
    if (!(Number.isInteger(limit) && limit >= 0)) throw new RangeError('the request allowance must be a non-negative integer');
  }

  /** True when no request may be accepted any more. */
  exhausted(): boolean {
    return this.used >= this.limit;
  }

  charge(requests: number): void {
    this.used += requests;
  }

  header(): string {
    return `api-usage=${this.used}/${this.limit}`;
  }
}

/** Requests one GraphQL request counts for: its subqueries, at least one. */
export function subqueryCount(query: string | null): number {
  if (query === null) return 1;
  const document = parseOrNull(query);
  if (document === null) return 1;
  let n = 0;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const uiapi = field(definition.selectionSet, 'uiapi');
    const inner = uiapi?.selectionSet ? field(uiapi.selectionSet, 'query') : undefined;
    n += inner?.selectionSet ? inner.selectionSet.selections.filter((s) => s.kind === Kind.FIELD).length : 0;
  }
  return Math.max(1, n);
}

function field(set: SelectionSetNode, name: string): FieldNode | undefined {
  return set.selections.find((s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === name);
}
