import { expect } from 'chai';
import type { Connector, Page, PageQuery } from '../../../src/connectors/connector.js';
import { AppError } from '../../../src/errors.js';
import { decodeCheckpoint, decodeCheckpointState, encodeCheckpoint } from '../../../src/sync/checkpoint.js';
import { syncPage, type SyncPageResult } from '../../../src/sync/sync-page.js';

interface Row {
  id: string;
  updatedAt: number | null;
}

/** A connector over an in-memory list with keyset paging on (updatedAt, id), like a CRM. */
function listConnector(rows: Row[], options: { rejectCursors?: boolean; reportUnsettled?: boolean } = {}) {
  const calls: Array<Omit<PageQuery, 'signal' | 'deadline'>> = [];
  const sorted = (): Row[] =>
    [...rows].sort((a, b) => (a.updatedAt ?? -1) - (b.updatedAt ?? -1) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const connector: Connector<null> = {
    name: 'list',
    authSchemaId: 'unused',
    defaultPageSize: 2,
    maxPageSize: 100,
    checkAuth: async () => {},
    async fetchPage(_auth, q): Promise<Page> {
      calls.push({ updatedSince: q.updatedSince, cursor: q.cursor, pageSize: q.pageSize });
      if (q.cursor !== null && options.rejectCursors) throw new AppError('crm_error', 'Invalid cursor', { cursorRejected: true });
      let list = sorted().filter((r) => q.updatedSince === null || (r.updatedAt !== null && r.updatedAt >= q.updatedSince));
      if (q.cursor !== null) {
        const [t, id] = JSON.parse(q.cursor) as [number, string];
        list = list.filter((r) => (r.updatedAt ?? -1) > t || ((r.updatedAt ?? -1) === t && r.id > id));
      }
      const page = list.slice(0, q.pageSize);
      const last = page[page.length - 1];
      return {
        records: page.map((r) => ({
          contact: {
            id: r.id,
            name: r.id,
            title: null,
            company: null,
            emails: [],
            phones: [],
            websites: [],
            photo_url: null,
            address: null,
            twitter: null,
            url: null,
          },
          position: r.updatedAt === null ? null : { updatedAt: r.updatedAt, id: r.id },
        })),
        nextCursor: list.length > q.pageSize && last ? JSON.stringify([last.updatedAt ?? -1, last.id]) : null,
        // Like a CRM answer that also read the newest update time: unsettled while nothing is newer.
        unsettledAt:
          options.reportUnsettled && last?.updatedAt != null && !rows.some((r) => (r.updatedAt ?? -1) > (last.updatedAt ?? -1))
            ? last.updatedAt
            : null,
      };
    },
  };
  return { connector, calls };
}

const settings = { pageSize: 2, lookbackMs: 1000 };
const signal = { signal: new AbortController().signal, deadline: Date.now() + 60_000 };

async function run(connector: Connector<null>, checkpoint?: string): Promise<SyncPageResult[]> {
  const pages: SyncPageResult[] = [];
  let offset: string | undefined;
  do {
    const page = await syncPage(
      connector,
      null,
      { synchronization_checkpoint: checkpoint ?? null, offset: offset ?? null },
      settings,
      signal,
    );
    pages.push(page);
    offset = page.next_offset;
  } while (offset && pages.length < 100);
  return pages;
}

describe('syncPage', () => {
  it('when a full sync pages through ties, then every record comes once, in order, with a checkpoint on every page', async () => {
    const rows: Row[] = [
      { id: 'c', updatedAt: 10 },
      { id: 'a', updatedAt: 10 },
      { id: 'b', updatedAt: 10 },
      { id: 'd', updatedAt: 20 },
      { id: 'e', updatedAt: 30 },
    ];
    const pages = await run(listConnector(rows).connector);
    expect(pages.flatMap((p) => p.contacts.map((c) => c.id))).to.deep.equal(['a', 'b', 'c', 'd', 'e']);
    expect(pages.map((p) => decodeCheckpoint(p.synchronization_checkpoint))).to.deep.equal([
      { updatedAt: 10, id: 'b' },
      { updatedAt: 20, id: 'd' },
      { updatedAt: 30, id: 'e' },
    ]);
    expect(pages.at(-1)?.next_offset).to.equal(undefined);
  });

  it('when an incremental sync finds only its lookback window, then the checkpoint does not go backwards', async () => {
    const { connector, calls } = listConnector([
      { id: 'a', updatedAt: 9_500 },
      { id: 'b', updatedAt: 10_000 },
    ]);
    const start = encodeCheckpoint({ updatedAt: 10_000, id: 'b' });
    const pages = await run(connector, start);
    expect(calls[0]?.updatedSince).to.equal(9_000);
    expect(pages.flatMap((p) => p.contacts.map((c) => c.id))).to.deep.equal(['a', 'b']);
    expect(decodeCheckpoint(pages.at(-1)!.synchronization_checkpoint)).to.deep.equal({ updatedAt: 10_000, id: 'b' });
  });

  it('when records have no timestamp, then they are delivered but never become the checkpoint', async () => {
    const pages = await run(
      listConnector([
        { id: 'x', updatedAt: null },
        { id: 'y', updatedAt: null },
      ]).connector,
    );
    expect(pages.flatMap((p) => p.contacts.map((c) => c.id))).to.deep.equal(['x', 'y']);
    expect(decodeCheckpoint(pages[0]!.synchronization_checkpoint)).to.equal(null);
  });

  it('when the CRM refuses the cursor mid-run, then the run restarts from the last delivered position and still delivers everything', async () => {
    const rows: Row[] = [
      { id: 'a', updatedAt: 1 },
      { id: 'b', updatedAt: 2 },
      { id: 'c', updatedAt: 2 },
      { id: 'd', updatedAt: 3 },
    ];
    const { connector, calls } = listConnector(rows, { rejectCursors: true });
    const first = await syncPage(connector, null, {}, settings, signal);
    const second = await syncPage(connector, null, { offset: first.next_offset ?? null }, settings, signal);
    expect(calls[2]).to.deep.include({ cursor: null, updatedSince: 2 });
    const ids = [...first.contacts, ...second.contacts].map((c) => c.id);
    expect(ids).to.include.members(['a', 'b', 'c']);
  });

  it('when the CRM claims more pages but returns none, then the page fails with crm_bad_response rather than loop', async () => {
    const connector: Connector<null> = {
      name: 'list',
      authSchemaId: 'unused',
      defaultPageSize: 2,
      maxPageSize: 2,
      checkAuth: async () => {},
      fetchPage: async () => ({ records: [], nextCursor: 'same' }),
    };
    try {
      await syncPage(connector, null, {}, settings, signal);
      expect.fail('should throw');
    } catch (err) {
      expect((err as AppError).code).to.equal('crm_bad_response');
    }
  });

  it('when a page leaves a time writes may still land on and one lands behind the cursor, then the checkpoint keeps that time as a floor and the next sync delivers it', async () => {
    const rows: Row[] = [
      { id: 'a', updatedAt: 10 },
      { id: 'b', updatedAt: 10 },
      { id: 'c', updatedAt: 10 },
    ];
    const { connector, calls } = listConnector(rows, { reportUnsettled: true });
    const noLookback = { pageSize: 2, lookbackMs: 0 };
    const first = await syncPage(connector, null, {}, noLookback, signal);
    expect(first.contacts.map((c) => c.id)).to.deep.equal(['a', 'b']);
    // Written during the run: 'a0' in the same time unit, behind the cursor; 'z' later.
    rows.push({ id: 'a0', updatedAt: 10 }, { id: 'z', updatedAt: 50 });
    const second = await syncPage(connector, null, { offset: first.next_offset ?? null }, noLookback, signal);
    expect(second.contacts.map((c) => c.id)).to.deep.equal(['c', 'z']);
    expect(second.next_offset).to.equal(undefined);
    expect(decodeCheckpointState(second.synchronization_checkpoint)).to.deep.equal({ position: { updatedAt: 50, id: 'z' }, floor: 10 });

    // The next sync reads from the floor, not from 50 - lookback; its first page, still at 10,
    // carries the floor on; once it has read past 10 (and left nothing unsettled), the floor goes.
    calls.length = 0;
    const next = await syncPage(connector, null, { synchronization_checkpoint: second.synchronization_checkpoint }, noLookback, signal);
    expect(calls[0]?.updatedSince).to.equal(10);
    expect(next.contacts.map((c) => c.id)).to.deep.equal(['a', 'a0']);
    expect(decodeCheckpointState(next.synchronization_checkpoint).floor).to.equal(10);
    const rest = await run(connector, second.synchronization_checkpoint);
    expect(rest.flatMap((p) => p.contacts.map((c) => c.id))).to.include('a0');
    expect(decodeCheckpointState(rest.at(-1)!.synchronization_checkpoint)).to.deep.equal({
      position: { updatedAt: 50, id: 'z' },
      floor: null,
    });
  });

  it('when a page leaves a time but the CRM showed later records, then no floor is kept', async () => {
    const { connector } = listConnector(
      [
        { id: 'a', updatedAt: 10 },
        { id: 'b', updatedAt: 10 },
        { id: 'c', updatedAt: 10 },
        { id: 'd', updatedAt: 20 },
      ],
      { reportUnsettled: true },
    );
    const pages = await run(connector);
    for (const p of pages) expect(decodeCheckpointState(p.synchronization_checkpoint).floor).to.equal(null);
  });

  it('when the checkpoint is a legacy timestamp, then the run reads from that time minus the lookback', async () => {
    const { connector, calls } = listConnector([{ id: 'a', updatedAt: Date.UTC(2012, 11, 1, 11, 21) }]);
    const pages = await run(connector, '2012-12-01 11:21:00 UTC');
    expect(calls[0]?.updatedSince).to.equal(Date.UTC(2012, 11, 1, 11, 21) - 1000);
    expect(pages[0]!.contacts).to.have.length(1);
  });
});
