/**
 * Examples for the OpenAPI document. Each is checked against the JSON Schema the server validates
 * that body with (test/contract/openapi.test.ts), so an example cannot drift from the contract.
 * Credentials in them are placeholders, never real keys.
 */

/** Credentials of each connector, as Talkdesk sends them in `auth` (schemas/auth/). */
export const AUTH_EXAMPLES: Readonly<Record<string, Record<string, string>>> = {
  twenty: { api_key: 'your-twenty-api-key', base_url: 'https://api.twenty.com' },
  shopify: { shop: 'your-shop.myshopify.com', access_token: 'shpat_your-access-token', api_version: '2025-07' },
  salesforce: { instance_url: 'https://your-domain.my.salesforce.com', access_token: 'your-oauth-access-token', api_version: 'v62.0' },
};

/** The first page of a full sync: no checkpoint, no offset. */
export const syncRequestExample = (auth: Record<string, string>) => ({
  auth,
  meta: { synchronization_checkpoint: null, offset: null, context: null },
});

export const authRequestExample = (auth: Record<string, string>) => ({ auth });

export const SYNC_RESPONSE_EXAMPLE = {
  synchronization_checkpoint: 'eyJ2IjoxLCJ0IjoxNzY0OTc5MjAwMDAwfQ',
  next_offset: 'eyJ2IjoxLCJhIjoiMjAyNi0xMi0wNVQxMDowMDowMFoifQ',
  contacts: [
    {
      id: '20202020-0b1f-4b3e-8e8a-1c7d2f0e0a01',
      name: 'Ada Lovelace',
      title: 'Head of Analytics',
      company: 'Analytical Engines Ltd',
      emails: ['ada@example.com'],
      phones: ['+442071234567'],
      websites: ['https://example.com'],
      photo_url: null,
      address: '12 St James Square, London SW1Y 4JH, GB',
      twitter: 'ada',
      url: 'https://app.twenty.com/object/person/20202020-0b1f-4b3e-8e8a-1c7d2f0e0a01',
    },
  ],
};

export const errorExample = (code: string, message: string) => ({
  error: { code, message, request_id: '7f1c1d7e-3c0b-4d8e-9d2a-5b9e0c6a1f42' },
});
