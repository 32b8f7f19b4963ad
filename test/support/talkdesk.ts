import { expect } from 'chai';
import type { TestBridge } from './bridge.js';
import { check } from '../../src/validation/validators.js';
import { talkdeskPages } from '../../src/sim/talkdesk-pager.js';

export interface SyncRun {
  pages: Array<{ status: number; body: any }>;
  contacts: Array<{ id: string; [k: string]: unknown }>;
  checkpoints: string[];
  finalCheckpoint: string;
}

/**
 * Pages through one run the way Talkdesk does (the simulator's pager, src/sim/talkdesk-pager.ts:
 * first page without offset, then each next_offset with the answer's context, the same checkpoint
 * on every page). Every page must be a 200 whose body meets the response schema.
 * `between` runs after each page but the last (to write to the CRM while the run is in progress).
 */
export async function syncRun(
  bridge: TestBridge,
  auth: Record<string, unknown>,
  options: { checkpoint?: string; path?: string; between?: (page: number) => void | Promise<void>; maxPages?: number } = {},
): Promise<SyncRun> {
  const run: SyncRun = { pages: [], contacts: [], checkpoints: [], finalCheckpoint: '' };
  const pages = talkdeskPages(
    { auth, maxPages: options.maxPages ?? 10_000, ...(options.checkpoint === undefined ? {} : { checkpoint: options.checkpoint }) },
    (request) => bridge.post(options.path ?? '/twenty/contacts', request),
  );
  for await (const { number, answer: res, step } of pages) {
    expect(res.status, res.text).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^application\/json/);
    expect(check('talkdesk-bridge/sync-response', res.body, 'response')).to.equal(null);
    run.pages.push(res);
    run.contacts.push(...res.body.contacts);
    run.checkpoints.push(res.body.synchronization_checkpoint);
    run.finalCheckpoint = res.body.synchronization_checkpoint;
    if (step === 'completed') return run;
    if (step === 'page_limit') break;
    if (step !== 'next') throw new Error(`page ${number}: the run cannot go on (${step})`);
    await options.between?.(number - 1);
  }
  throw new Error('run did not terminate');
}
