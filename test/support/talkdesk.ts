import { expect } from 'chai';
import type { TestBridge } from './bridge.js';
import { check } from '../../src/validation/validators.js';

export interface SyncRun {
  pages: Array<{ status: number; body: any }>;
  contacts: Array<{ id: string; [k: string]: unknown }>;
  checkpoints: string[];
  finalCheckpoint: string;
}

/**
 * Pages through one run the way Talkdesk does: first page without offset, then each next_offset,
 * the same checkpoint on every page. Every 200 body is checked against the response schema.
 * `between` runs after each page (to write to the CRM while the run is in progress).
 */
export async function syncRun(
  bridge: TestBridge,
  auth: Record<string, unknown>,
  options: { checkpoint?: string; path?: string; between?: (page: number) => void | Promise<void>; maxPages?: number } = {},
): Promise<SyncRun> {
  const run: SyncRun = { pages: [], contacts: [], checkpoints: [], finalCheckpoint: '' };
  let offset: string | null = null;
  for (let page = 0; page < (options.maxPages ?? 10_000); page++) {
    const meta: Record<string, unknown> = { offset, context: null };
    if (options.checkpoint !== undefined) meta['synchronization_checkpoint'] = options.checkpoint;
    const res = await bridge.post(options.path ?? '/twenty/contacts', { auth, meta });
    expect(res.status, res.text).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^application\/json/);
    expect(check('talkdesk-bridge/sync-response', res.body, 'response')).to.equal(null);
    run.pages.push(res);
    run.contacts.push(...res.body.contacts);
    run.checkpoints.push(res.body.synchronization_checkpoint);
    run.finalCheckpoint = res.body.synchronization_checkpoint;
    offset = res.body.next_offset ?? null;
    if (offset === null) return run;
    await options.between?.(page);
  }
  throw new Error('run did not terminate');
}
