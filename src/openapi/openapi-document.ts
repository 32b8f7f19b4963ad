import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Connector } from '../connectors/connector.js';
import { projectRoot } from '../project-root.js';
import { schemaSource } from '../validation/validators.js';
import { AUTH_EXAMPLES, SYNC_RESPONSE_EXAMPLE, authRequestExample, errorExample, syncRequestExample } from './openapi-examples.js';

/**
 * The OpenAPI 3.1 description of the bridge, built from schemas/ (the one source of truth the
 * server also validates with) and the registered connectors, once at start-up.
 */
const PREFIX = 'talkdesk-bridge/';

function componentName(id: string): string {
  const parts = id.slice(PREFIX.length).split('/');
  const pascal = (s: string): string => s.replace(/(^|[-_])([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
  // schemas/auth/twenty → TwentyAuth
  return parts[0] === 'auth' && parts[1] ? `${pascal(parts[1])}Auth` : pascal(parts.join('-'));
}

/** A schema as an OpenAPI component: no `$schema`/`$id`, `$ref`s pointing at components. */
function asComponent(id: string, used: Set<string>): Record<string, unknown> {
  const schema = schemaSource(id);
  if (!schema) throw new Error(`no schema ${id}`);
  delete schema['$schema'];
  delete schema['$id'];
  const rewrite = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(rewrite);
    if (node === null || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    if (typeof obj['$ref'] === 'string' && !obj['$ref'].startsWith('#')) {
      const target = new URL(obj['$ref'], `https://x/${id}`).pathname.slice(1);
      used.add(target);
      obj['$ref'] = `#/components/schemas/${componentName(target)}`;
    }
    Object.values(obj).forEach(rewrite);
  };
  rewrite(schema);
  return schema;
}

const errorResponse = (description: string, code: string, message: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, example: errorExample(code, message) } },
});

/** Node's HTTP server answers this itself, before the bridge sees the request (http.maxHeaderSize). */
const HEADERS_TOO_LARGE = {
  '431': { description: 'Request headers larger than Node.js accepts (16 KiB); answered by the HTTP server, without a body' },
};

const CRM_ERRORS = {
  '400': errorResponse(
    'invalid_request, invalid_auth, invalid_checkpoint, invalid_offset or crm_host_not_allowed',
    'invalid_request',
    'body.auth is required',
  ),
  '401': errorResponse(
    'crm_unauthorized: the CRM refused the credentials (Talkdesk refreshes OAuth tokens on 401)',
    'crm_unauthorized',
    'Twenty rejected the credentials (HTTP 401).',
  ),
  '403': errorResponse(
    'bridge_unauthorized: BRIDGE_TOKEN is set and was not presented',
    'bridge_unauthorized',
    'Missing or wrong bridge token.',
  ),
  '404': errorResponse(
    'not_found: unknown connector',
    'not_found',
    'No such endpoint. Talkdesk posts to /{connector}/contacts, e.g. /twenty/contacts.',
  ),
  '405': errorResponse('method_not_allowed', 'method_not_allowed', 'This method is not allowed on this path.'),
  '413': errorResponse('payload_too_large', 'payload_too_large', 'The request body is too large.'),
  '415': errorResponse(
    'unsupported_media_type',
    'unsupported_media_type',
    'The request body must be JSON (Content-Type: application/json).',
  ),
  '429': {
    ...errorResponse('crm_rate_limited: the CRM throttled the bridge', 'crm_rate_limited', 'Twenty is throttling requests; retry later.'),
    headers: { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } } },
  },
  ...HEADERS_TOO_LARGE,
  '502': errorResponse('crm_error, crm_bad_response or crm_unreachable', 'crm_error', 'Twenty failed with HTTP 500.'),
  '504': errorResponse('crm_timeout', 'crm_timeout', 'The CRM did not answer in time.'),
};

export function buildOpenApiDocument(connectors: Iterable<Connector<unknown>>): Record<string, unknown> {
  const { version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };
  const used = new Set<string>([
    'talkdesk-bridge/error',
    'talkdesk-bridge/sync-response',
    'talkdesk-bridge/sync-request',
    'talkdesk-bridge/auth-request',
  ]);
  const paths: Record<string, unknown> = {};

  for (const connector of connectors) {
    used.add(connector.authSchemaId);
    const auth = { $ref: `#/components/schemas/${componentName(connector.authSchemaId)}` };
    const authExample = AUTH_EXAMPLES[connector.name];
    const withExample = (build: (auth: Record<string, string>) => unknown) => (authExample ? { example: build(authExample) } : {});
    const withAuth = (base: string) => ({
      allOf: [{ $ref: `#/components/schemas/${componentName(base)}` }, { type: 'object', properties: { auth } }],
    });
    paths[`/${connector.name}/contacts`] = {
      post: {
        operationId: `${connector.name}Contacts`,
        summary: `One page of a Talkdesk contact synchronization from ${connector.name}`,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: withAuth('talkdesk-bridge/sync-request'), ...withExample(syncRequestExample) } },
        },
        responses: {
          '200': {
            description: 'A page of contacts',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/SyncResponse' }, example: SYNC_RESPONSE_EXAMPLE } },
          },
          ...CRM_ERRORS,
        },
      },
    };
    paths[`/${connector.name}/auth`] = {
      post: {
        operationId: `${connector.name}Auth`,
        summary: `Talkdesk's authorization validator for ${connector.name}`,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: withAuth('talkdesk-bridge/auth-request'), ...withExample(authRequestExample) } },
        },
        responses: { '204': { description: 'The CRM accepts the credentials' }, ...CRM_ERRORS },
      },
    };
  }
  const plain = (operationId: string, summary: string, ok: Record<string, unknown>, more: Record<string, unknown> = {}) => ({
    get: { operationId, summary, security: [], responses: { ...ok, ...more, ...HEADERS_TOO_LARGE } },
  });
  const json = (description: string, example: unknown) => ({ description, content: { 'application/json': { example } } });
  paths['/health'] = plain('getHealth', 'Liveness: the process runs (Kubernetes livenessProbe)', {
    '200': json('The process runs', { status: 'ok' }),
  });
  paths['/ready'] = plain(
    'getReady',
    'Readiness: 503 once shutdown has begun (Kubernetes readinessProbe)',
    { '200': json('Accepting work', { status: 'ready' }) },
    { '503': json('Shutting down: send no new work', { status: 'shutting_down' }) },
  );
  paths['/metrics'] = plain('getMetrics', 'Prometheus metrics (text exposition format); no token needed, keep it off the public internet', {
    '200': {
      description:
        'bridge_http_request_duration_seconds, bridge_crm_call_duration_seconds, bridge_crm_errors_total, bridge_crm_retries_total, bridge_contacts_returned_total and the Node.js process metrics',
      content: { 'text/plain': { schema: { type: 'string' }, example: 'bridge_crm_retries_total{connector="twenty"} 3\n' } },
    },
  });
  paths['/openapi.json'] = plain('getOpenApi', 'This document', {
    '200': { description: 'OpenAPI 3.1 document', content: { 'application/json': {} } },
  });

  const schemas: Record<string, unknown> = {};
  const pending = [...used];
  while (pending.length > 0) {
    const id = pending.pop() as string;
    const name = componentName(id);
    if (schemas[name]) continue;
    const before = new Set(used);
    schemas[name] = asComponent(id, used);
    for (const added of used) if (!before.has(added)) pending.push(added);
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Talkdesk CRM bridge',
      version,
      description:
        'Talkdesk contact synchronization bridge for GraphQL CRMs. See docs/sync-guarantees.md in its repository for the sync guarantees.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    // Relative: whichever bridge serves this document (each deployment has its own address).
    servers: [{ url: '/', description: 'The bridge serving this document' }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        bridgeToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'BRIDGE_TOKEN, when the deployment sets one (HTTP Basic with the token as password also works).',
        },
      },
    },
    security: [{ bridgeToken: [] }, {}],
  };
}
