import { AppError } from '../../errors.js';

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

function normaliseBase(raw: string, field: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid(field);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.search || url.hash) {
    throw invalid(field);
  }
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url;
}

function invalid(field: string): AppError {
  return new AppError('invalid_auth', `auth.${field} must be an http(s) URL without credentials, query or fragment.`);
}

export function twentyEndpoints(auth: TwentyAuth): TwentyEndpoints {
  const base = normaliseBase(auth.base_url ?? TWENTY_CLOUD_API, 'base_url');
  const baseText = base.href.replace(/\/+$/, '');
  let appUrl: string;
  if (auth.app_url) appUrl = normaliseBase(auth.app_url, 'app_url').href.replace(/\/+$/, '');
  else appUrl = base.host === 'api.twenty.com' ? TWENTY_CLOUD_APP : baseText;
  return { graphqlUrl: `${baseText}/graphql`, appUrl };
}
