import type { SyncPosition } from '../../src/position/sync-position.js';
import type { TalkdeskPage } from '../../src/sim/talkdesk-pager.js';
import type { TestBridge } from '../support/bridge.js';
import type { OrderKey } from './crm-adapter.js';

/** The test bridge's answer to one POST. */
export type BridgeAnswer = Awaited<ReturnType<TestBridge['post']>>;

/** One run of Talkdesk's synchronizer in progress, as the page checks follow it. */
export interface ActiveRun {
  no: number;
  start: SyncPosition | null;
  /** Lower bound (inclusive) of the first page's update times. */
  windowFrom: number;
  /** Talkdesk's requests for this run (the simulator's pager): the next one goes out when asked for. */
  pager: AsyncGenerator<TalkdeskPage<BridgeAnswer>, void, undefined>;
  pages: number;
  /** The number of record versions this run could ever have to deliver, +1: its page bound. */
  pageBudget: number;
  lastCheckpoint: string | null;
  previous: SyncPosition | null;
  /** The furthest record (served order: see `served` in order-keys.ts) delivered by this run's pages so far. */
  furthest: OrderKey | null;
  /**
   * Record versions this run owes: live and ahead of what the earlier pages had delivered when a
   * page was read (id → version). Settled when delivered or superseded.
   */
  owed: Map<string, string>;
  /** (id, version) pairs this run delivered. */
  deliveredHere: Set<string>;
  /** The latest update time (served milliseconds) delivered by this run so far. */
  latestMs: number;
}

/** A 200 answer's body, once it has met the contract. */
export interface PageBody {
  contacts: Array<Record<string, unknown>>;
  synchronization_checkpoint: string;
  next_offset?: string | null;
}

/** The key of one delivered record version. */
export function pairOf(id: string, version: string): string {
  return `${id}\u0000${version}`;
}
