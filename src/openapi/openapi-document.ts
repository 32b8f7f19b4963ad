import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Connector } from '../connectors/connector.js';
import { projectRoot } from '../project-root.js';
import { schemaSource } from '../validation/validators.js';

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

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const CRM_ERRORS = {
  '400': errorResponse('invalid_request, invalid_auth, invalid_checkpoint, invalid_offset or crm_host_not_allowed'),
  '401': errorResponse('crm_unauthorized: the CRM refused the credentials (Talkdesk refreshes OAuth tokens on 401)'),
  '403': errorResponse('bridge_unauthorized: BRIDGE_TOKEN is set and was not presented'),
  '404': errorResponse('not_found: unknown connector'),
  '413': errorResponse('payload_too_large'),
  '415': errorResponse('unsupported_media_type'),
  '429': {
    ...errorResponse('crm_rate_limited: the CRM throttled the bridge'),
    headers: { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } } },
  },
  '502': errorResponse('crm_error, crm_bad_response or crm_unreachable'),
  '504': errorResponse('crm_timeout'),
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
    const withAuth = (base: string) => ({
      allOf: [{ $ref: `#/components/schemas/${componentName(base)}` }, { type: 'object', properties: { auth } }],
    });
    paths[`/${connector.name}/contacts`] = {
      post: {
        operationId: `${connector.name}Contacts`,
        summary: `One page of a Talkdesk contact synchronization from ${connector.name}`,
        requestBody: { required: true, content: { 'application/json': { schema: withAuth('talkdesk-bridge/sync-request') } } },
        responses: {
          '200': {
            description: 'A page of contacts',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/SyncResponse' } } },
          },
          ...CRM_ERRORS,
        },
      },
    };
    paths[`/${connector.name}/auth`] = {
      post: {
        operationId: `${connector.name}Auth`,
        summary: `Talkdesk's authorization validator for ${connector.name}`,
        requestBody: { required: true, content: { 'application/json': { schema: withAuth('talkdesk-bridge/auth-request') } } },
        responses: { '204': { description: 'The CRM accepts the credentials' }, ...CRM_ERRORS },
      },
    };
  }
  const plain = (summary: string, codes: Record<string, string>) => ({
    get: { summary, security: [], responses: Object.fromEntries(Object.entries(codes).map(([c, d]) => [c, { description: d }])) },
  });
  paths['/health'] = plain('Liveness', { '200': 'The process runs' });
  paths['/ready'] = plain('Readiness', { '200': 'Accepting work', '503': 'Shutting down' });
  paths['/openapi.json'] = plain('This document', { '200': 'OpenAPI 3.1 document' });

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
    },
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
