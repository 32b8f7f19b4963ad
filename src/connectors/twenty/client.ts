import { callGraphQL, type CrmDeps } from '../../crm-http/graphql-call.js';
import type { CallContext } from '../connector.js';
import { twentyEndpoints, type TwentyAuth } from './auth.js';
import { classifyTwentyErrors } from './errors.js';
import { learnFromTwentyError, paceTwentyCall, twentyCallCost } from '../../pacing/twenty-limits.js';

/**
 * One call to a workspace's GraphQL API: `POST {base_url}/graphql` with the API key as a Bearer
 * token (https://twenty.com/developers, "API and Webhooks").
 */
export function twentyCall<T>(
  deps: CrmDeps,
  auth: TwentyAuth,
  query: string,
  variables: Record<string, unknown>,
  call: CallContext,
): Promise<T> {
  const cost = twentyCallCost(query, variables);
  return callGraphQL<T>({
    endpoint: twentyEndpoints(auth).graphqlUrl,
    headers: { authorization: `Bearer ${auth.api_key}` },
    query,
    variables,
    signal: call.signal,
    deadline: call.deadline,
    fetch: deps.fetch,
    retry: deps.retry,
    metrics: deps.metrics,
    crm: 'Twenty',
    pace: call.pacer ? () => paceTwentyCall(call, cost, deps.twentyRateLimits) : undefined,
    classify: (errors) =>
      learnFromTwentyError(
        classifyTwentyErrors(errors),
        errors.map((e) => e.message),
        call,
        cost,
      ),
  });
}
