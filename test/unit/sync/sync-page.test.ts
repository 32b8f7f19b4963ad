import { expect } from 'chai';
import type { Connector, Page, PageQuery } from '../../../src/connectors/connector.js';
import { AppError } from '../../../src/errors.js';
import { decodeCheckpoint, encodeCheckpoint } from '../../../src/sync/checkpoint.js';
import { syncPage, type SyncPageResult } from '../../../src/sync/sync-page.js';

interface Row {
  id: string;
  updatedAt: number | null;
}

/** A connector over an in-memory list with keyset paging on (updatedAt, id), like a CRM. */
function listConnector(rows: Row[], options: { rejectCursors?: boolean } = {}) {
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

  it('when the checkpoint is a legacy timestamp, then the run reads from that time minus the lookback', async () => {
    const { connector, calls } = listConnector([{ id: 'a', updatedAt: Date.UTC(2012, 11, 1, 11, 21) }]);
    const pages = await run(connector, '2012-12-01 11:21:00 UTC');
    expect(calls[0]?.updatedSince).to.equal(Date.UTC(2012, 11, 1, 11, 21) - 1000);
    expect(pages[0]!.contacts).to.have.length(1);
  });
});
