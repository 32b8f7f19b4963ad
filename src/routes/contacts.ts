import type { Context } from 'koa';
import type { Config } from '../config.js';
import type { Connector } from '../connectors/connector.js';
import { AppError } from '../errors.js';
import { syncPage, type SyncMeta } from '../sync/sync-page.js';
import { check } from '../validation/validators.js';

interface SyncRequestBody {
  auth: Record<string, unknown>;
  meta?: SyncMeta | null;
}

/** Resolve `:connector` from the path, or 404 naming the connectors that exist. */
export function connectorFrom(ctx: Context, connectors: ReadonlyMap<string, Connector<unknown>>): Connector<unknown> {
  const name = ctx.params['connector'] as string;
  const connector = connectors.get(name);
  if (!connector) {
    throw new AppError('not_found', `No connector named "${name.slice(0, 64)}". Available: ${[...connectors.keys()].join(', ')}.`);
  }
  ctx.state['connector'] = connector.name;
  return connector;
}

/** The auth fields, checked against the connector's own schema. */
export function authFrom(body: SyncRequestBody, connector: Connector<unknown>): unknown {
  const problem = check(connector.authSchemaId, body.auth, 'auth');
  if (problem) throw new AppError('invalid_auth', `The ${connector.name} credentials are invalid: ${problem}.`);
  return body.auth;
}

/** POST /:connector/contacts — one page of Talkdesk's contact synchronization. */
export function contactsRoute(deps: { config: Config; connectors: ReadonlyMap<string, Connector<unknown>> }) {
  const { config, connectors } = deps;
  return async function contacts(ctx: Context): Promise<void> {
    const connector = connectorFrom(ctx, connectors);
    const body = ctx.request.body as SyncRequestBody;
    const auth = authFrom(body, connector);
    const pageSize = Math.min(config.pageSize ?? connector.defaultPageSize, connector.maxPageSize);

    // The deadline bounds the whole page, retries included; a client that hangs up cancels it too.
    const disconnected = new AbortController();
    const onClose = (): void => {
      if (!ctx.res.writableEnded) disconnected.abort();
    };
    ctx.res.once('close', onClose);
    try {
      const signal = AbortSignal.any([AbortSignal.timeout(config.requestDeadlineMs), disconnected.signal]);
      const result = await syncPage(connector, auth, body.meta ?? {}, { pageSize, lookbackMs: config.lookbackSeconds * 1000 }, signal);
      ctx.state['contacts'] = result.contacts.length;
      ctx.body = result;
    } finally {
      ctx.res.off('close', onClose);
    }
  };
}
