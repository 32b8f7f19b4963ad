import { normaliseBaseUrl } from '../../crm-http/base-url.js';
import { AppError } from '../../errors.js';

/** `auth` fields of a Salesforce integration (schemas/auth/salesforce.schema.json). */
export interface SalesforceAuth {
  instance_url: string;
  access_token: string;
  api_version?: string;
}

export interface SalesforceEndpoints {
  /** `{instance_url}/services/data/{api_version}/graphql`. */
  graphqlUrl: string;
  /** The org's base URL without a trailing slash: record links and relative photo paths hang off it. */
  instanceUrl: string;
}

/**
 * v62.0 (Winter '25): well past v59.0, the first version with `upperBound` and compound fields in
 * GraphQL, and old enough that every org serves it (Salesforce keeps old versions for years).
 */
export const DEFAULT_API_VERSION = 'v62.0';

/**
 * The org's endpoints. Docs: https://developer.salesforce.com/docs/platform/graphql/references
 * (`POST /services/data/vXX.X/graphql`). The instance URL is what OAuth returns as `instance_url`:
 * a bare origin. A path is refused rather than guessed at: a pasted Lightning page URL
 * (`…lightning.force.com/lightning/…`) is not the API host.
 */
export function salesforceEndpoints(auth: SalesforceAuth): SalesforceEndpoints {
  const url = new URL(normaliseBaseUrl(auth.instance_url, 'instance_url'));
  if (url.pathname !== '/') {
    throw new AppError(
      'invalid_auth',
      'auth.instance_url must be the org URL alone (e.g. https://acme.my.salesforce.com), without a path.',
    );
  }
  const instanceUrl = url.origin;
  return { instanceUrl, graphqlUrl: `${instanceUrl}/services/data/${auth.api_version ?? DEFAULT_API_VERSION}/graphql` };
}
