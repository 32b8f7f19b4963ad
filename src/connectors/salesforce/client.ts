import { callGraphQL, type CrmDeps } from '../../crm-http/graphql-call.js';
import type { CallContext } from '../connector.js';
import { salesforceEndpoints, type SalesforceAuth } from './auth.js';
import { classifySalesforceErrors } from './errors.js';
import { paceSalesforceCall, readingAllowance } from '../../pacing/salesforce-allowance.js';

/**
 * One call to an org's GraphQL API: `POST {instance_url}/services/data/{version}/graphql` with the
 * OAuth access token as a Bearer token.
 * Docs: https://developer.salesforce.com/docs/platform/graphql/references and
 * https://developer.salesforce.com/docs/platform/graphql/guide/authorization.html
 * `deps.fetch` must already read Salesforce's REST-style error bodies (readSalesforceErrors).
 */
export function salesforceCall<T>(
  deps: CrmDeps,
  auth: SalesforceAuth,
  query: string,
  variables: Record<string, unknown>,
  call: CallContext,
): Promise<T> {
  return callGraphQL<T>({
    endpoint: salesforceEndpoints(auth).graphqlUrl,
    headers: { authorization: `Bearer ${auth.access_token}` },
    query,
    variables,
    signal: call.signal,
    deadline: call.deadline,
    fetch: call.pacer ? readingAllowance(deps.fetch, call, deps.metrics) : deps.fetch,
    retry: deps.retry,
    metrics: deps.metrics,
    crm: 'Salesforce',
    pace: call.pacer ? () => paceSalesforceCall(call) : undefined,
    classify: classifySalesforceErrors,
  });
}
