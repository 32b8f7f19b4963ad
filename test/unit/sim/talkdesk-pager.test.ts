import { expect } from 'chai';
import { talkdeskPages, type BridgeAnswer, type TalkdeskRequest } from '../../../src/sim/talkdesk-pager.js';

const AUTH = { api_key: 'k' };

/** A bridge that answers the requests in order with these answers, recording what it was sent. */
function scripted(answers: BridgeAnswer[]): { sent: TalkdeskRequest[]; post: (r: TalkdeskRequest) => Promise<BridgeAnswer> } {
  const sent: TalkdeskRequest[] = [];
  return {
    sent,
    post: async (request) => {
      sent.push(structuredClone(request));
      const answer = answers[sent.length - 1];
      if (!answer) throw new Error(`no answer scripted for request ${sent.length}`);
      return answer;
    },
  };
}

const ok = (body: unknown): BridgeAnswer => ({ status: 200, body });

async function all<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const p of pages) out.push(p);
  return out;
}

describe('talkdeskPages (the one Talkdesk pager: simulator, component tests, property suite)', () => {
  it('when the bridge pages, then each request sends the previous next_offset and echoes its context, and the run ends on the page without next_offset', async () => {
    const bridge = scripted([
      ok({ contacts: [], synchronization_checkpoint: 'a', next_offset: 'o1', context: { k: 1 } }),
      ok({ contacts: [], synchronization_checkpoint: 'b', next_offset: 'o2' }),
      ok({ contacts: [], synchronization_checkpoint: 'c', next_offset: null }),
    ]);
    const pages = await all(talkdeskPages({ auth: AUTH }, bridge.post));

    expect(pages.map((p) => [p.number, p.step])).to.deep.equal([
      [1, 'next'],
      [2, 'next'],
      [3, 'completed'],
    ]);
    expect(bridge.sent.map((r) => r.meta)).to.deep.equal([
      { offset: null, context: null },
      { offset: 'o1', context: { k: 1 } },
      { offset: 'o2', context: null },
    ]);
    for (const r of bridge.sent) expect(r.auth).to.deep.equal(AUTH);
  });

  it('when a checkpoint is given, then every page sends it; a full sync sends none', async () => {
    const incremental = scripted([ok({ next_offset: 'o1' }), ok({})]);
    await all(talkdeskPages({ auth: AUTH, checkpoint: 'cp' }, incremental.post));
    expect(incremental.sent.map((r) => r.meta.synchronization_checkpoint)).to.deep.equal(['cp', 'cp']);

    const full = scripted([ok({})]);
    await all(talkdeskPages({ auth: AUTH }, full.post));
    expect(full.sent[0]!.meta).to.not.have.property('synchronization_checkpoint');
  });

  it('when the caller has not asked for the next page, then no request goes out (writes can land between pages)', async () => {
    const bridge = scripted([ok({ next_offset: 'o1' }), ok({})]);
    const pages = talkdeskPages({ auth: AUTH }, bridge.post);
    await pages.next();
    expect(bridge.sent).to.have.length(1);
    await pages.next();
    expect(bridge.sent).to.have.length(2);
  });

  it('when next_offset repeats one already sent, then the run stops with offset_loop instead of looping', async () => {
    const bridge = scripted([ok({ next_offset: 'o1' }), ok({ next_offset: 'o2' }), ok({ next_offset: 'o1' })]);
    const pages = await all(talkdeskPages({ auth: AUTH }, bridge.post));
    expect(pages.map((p) => p.step)).to.deep.equal(['next', 'next', 'offset_loop']);
    expect(bridge.sent).to.have.length(3);
  });

  it('when maxPages pages still return next_offset, then the run stops with page_limit', async () => {
    const bridge = scripted([ok({ next_offset: 'o1' }), ok({ next_offset: 'o2' }), ok({ next_offset: 'o3' })]);
    const pages = await all(talkdeskPages({ auth: AUTH, maxPages: 2 }, bridge.post));
    expect(pages.map((p) => p.step)).to.deep.equal(['next', 'page_limit']);
  });

  it('when an answer cannot be followed, then the run stops on it and says why', async () => {
    const cases: Array<[BridgeAnswer, string]> = [
      [{ status: 500, body: { error: {} } }, 'http_status'],
      [{ status: 204, body: undefined }, 'http_status'],
      [{ status: 200, body: undefined }, 'unreadable'],
      [ok({ next_offset: '' }), 'invalid_next_offset'],
      [ok({ next_offset: 7 }), 'invalid_next_offset'],
      [ok([]), 'completed'],
    ];
    for (const [answer, step] of cases) {
      const pages = await all(talkdeskPages({ auth: AUTH }, scripted([answer]).post));
      expect(
        pages.map((p) => p.step),
        JSON.stringify(answer),
      ).to.deep.equal([step]);
    }
  });

  it('when the transport fails, then the error reaches the caller', async () => {
    const pages = talkdeskPages({ auth: AUTH }, () => Promise.reject(new Error('refused')));
    let caught: unknown;
    try {
      await pages.next();
    } catch (e) {
      caught = e;
    }
    expect((caught as Error).message).to.equal('refused');
  });
});
