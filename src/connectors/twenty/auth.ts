import { normaliseBaseUrl } from '../../crm-http/base-url.js';

/** `auth` fields of a Twenty integration (schemas/auth/twenty.schema.json). */
export interface TwentyAuth {
  api_key: string;
  base_url?: string;
  app_url?: string;
}

export interface TwentyEndpoints {
  /** `{base_url}/graphql` (https://twenty.com/developers: GraphQL API). */
  graphqlUrl: string;
  /** Where people open a record, for the contact's `url`. */
  appUrl: string;
}

export const TWENTY_CLOUD_API = 'https://api.twenty.com';
/** Twenty Cloud serves its API and its web app on different hosts. */
const TWENTY_CLOUD_APP = 'https://app.twenty.com';

export function twentyEndpoints(auth: TwentyAuth): TwentyEndpoints {
  const base = normaliseBaseUrl(auth.base_url ?? TWENTY_CLOUD_API, 'base_url');
  let appUrl: string;
  if (auth.app_url) appUrl = normaliseBaseUrl(auth.app_url, 'app_url');
  else appUrl = new URL(base).host === 'api.twenty.com' ? TWENTY_CLOUD_APP : base;
  return { graphqlUrl: `${base}/graphql`, appUrl };
}
