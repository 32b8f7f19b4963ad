import { expect } from 'chai';
import { createServer } from 'node:net';
import type { FetchLike } from '../../../src/sim/http-exchange.js';
import { runSync, type PageProgress } from '../../../src/sim/run-sync.js';
import {
  contact,
  pagingHandler,
  startStub,
  threeGoodPages,
  type PageSpec,
  type StubBridge,
  type StubHandler,
} from '../../support/stub-bridge.js';

const AUTH = { api_key: 'sk-live-0123456789', base_url: 'http://127.0.0.1:4100' };

describe('runSync', () => {
  let bridge: StubBridge | undefined;
  afterEach(async () => {
    await bridge?.close();
    bridge = undefined;
  });

  async function serve(handler: StubHandler): Promise<StubBridge> {
    bridge = await startStub(handler);
    return bridge;
  }
  const servePages = (pages: PageSpec[], expectCheckpoint?: string): Promise<StubBridge> =>
    serve(pagingHandler(pages, expectCheckpoint === undefined ? {} : { expectCheckpoint }));

  describe('against a correct paging bridge', () => {
    it('when the bridge serves three pages, then the run passes and delivers every contact in order', async () => {
      const { url, requests } = await servePages(threeGoodPages());
      const result = await runSync({ url, auth: AUTH });

      expect(result.violations).to.deep.equal([]);
      expect(result.error).to.equal(null);
      expect(result).to.include({
        ok: true,
        outcome: 'passed',
        completed: true,
        mode: 'full',
        contactCount: 7,
        uniqueContacts: 7,
        duplicateIds: 0,
      });
      expect(result.contacts.map((c) => (c as { id: string }).id)).to.deep.equal(['1', '2', '3', '4', '5', '6', '7']);
      expect(result.finalCheckpoint).to.equal('cp-3');
      expect(requests).to.have.length(3);
      expect(result.pages.map((p) => [p.page, p.offsetSent, p.status, p.contactCount, p.checkpoint, p.nextOffset])).to.deep.equal([
        [1, null, 200, 3, 'cp-1', 'o1'],
        [2, 'o1', 200, 2, 'cp-2', 'o2'],
        [3, 'o2', 200, 2, 'cp-3', null],
      ]);
      expect(result.pageLatencyMs.max).to.be.a('number');
    });

    it('when paging, then each request echoes the previous answer context and a full sync sends no checkpoint', async () => {
      const { url, requests } = await servePages(threeGoodPages());
      const result = await runSync({ url, auth: AUTH });

      expect(result.pages.map((p) => p.contextSent)).to.deep.equal([null, { page: 1 }, ['any', { json: true }]]);
      for (const request of requests) {
        expect(request.body.auth).to.deep.equal(AUTH);
        expect(request.body.meta).to.not.have.property('synchronization_checkpoint');
        expect(request.headers['content-type']).to.equal('application/json');
      }
      expect(requests[0]!.body.meta).to.deep.equal({ offset: null, context: null });
    });

    it('when an answer has no context, then the next request sends context null', async () => {
      const { url, requests } = await servePages([{ contacts: [contact('1')], context: undefined }, { contacts: [contact('2')] }]);
      const result = await runSync({ url, auth: AUTH });

      expect(result.ok).to.equal(true);
      expect(requests[1]!.body.meta).to.deep.equal({ offset: 'o1', context: null });
    });

    it('when a checkpoint is given, then the run is incremental and sends it on every page', async () => {
      const { url, requests } = await servePages(threeGoodPages(), 'since-42');
      const result = await runSync({ url, auth: AUTH, checkpoint: 'since-42' });

      expect(result).to.include({ ok: true, mode: 'incremental', startCheckpoint: 'since-42' });
      expect(requests.map((r) => r.body.meta.synchronization_checkpoint)).to.deep.equal(['since-42', 'since-42', 'since-42']);
    });

    it('when onPage is given, then it is called once per page with running totals', async () => {
      const { url } = await servePages(threeGoodPages());
      const seen: PageProgress[] = [];
      await runSync({ url, auth: AUTH, onPage: (p) => seen.push(p) });

      expect(seen.map((p) => [p.page, p.contactsOnPage, p.contacts, p.uniqueContacts])).to.deep.equal([
        [1, 3, 3, 3],
        [2, 2, 5, 5],
        [3, 2, 7, 7],
      ]);
    });

    it('when collectContacts is false, then counts are kept but contacts are not', async () => {
      const { url } = await servePages(threeGoodPages());
      const result = await runSync({ url, auth: AUTH, collectContacts: false });
      expect(result.contacts).to.deep.equal([]);
      expect(result.contactCount).to.equal(7);
    });
  });

  describe('request details', () => {
    it('when a bearer token and headers are given, then they are sent', async () => {
      const { url, requests } = await servePages([{ contacts: [] }]);
      await runSync({ url, auth: AUTH, bearer: 'tok-abcdef', headers: { 'X-Bridge-Token': 'bridge-secret' } });
      expect(requests[0]!.headers['authorization']).to.equal('Bearer tok-abcdef');
      expect(requests[0]!.headers['x-bridge-token']).to.equal('bridge-secret');
    });

    it('when the URL carries userinfo, then it is sent as Basic auth and left out of the result', async () => {
      const { url, requests } = await servePages([{ contacts: [] }]);
      const withUser = url.replace('http://', 'http://ops:p%40ss-word@');
      const result = await runSync({ url: withUser, auth: AUTH });

      expect(requests[0]!.headers['authorization']).to.equal('Basic ' + Buffer.from('ops:p@ss-word').toString('base64'));
      expect(result.url).to.equal(url);
    });

    it('when options are invalid, then runSync throws a TypeError', async () => {
      for (const bad of [
        { url: 'ftp://example.com', auth: {} },
        { url: 'not a url', auth: {} },
        { url: 'http://127.0.0.1:1/', auth: {}, maxPages: 0 },
        { url: 'http://127.0.0.1:1/', auth: {}, checkpoint: '' },
      ]) {
        let thrown: unknown;
        try {
          await runSync(bad);
        } catch (e) {
          thrown = e;
        }
        expect(thrown, JSON.stringify(bad)).to.be.instanceOf(TypeError);
      }
    });
  });

  describe('checkpoint violations', () => {
    it('when a page has no synchronization_checkpoint, then it is reported once for that page and the run goes on', async () => {
      const pages = threeGoodPages();
      pages[1]!.omitCheckpoint = true;
      const { url } = await servePages(pages);
      const result = await runSync({ url, auth: AUTH });

      expect(result).to.include({ ok: false, outcome: 'violations', completed: true, contactCount: 7 });
      expect(result.violations).to.have.length(1);
      expect(result.violations[0]).to.include({ page: 2, kind: 'missing_checkpoint', severity: 'error' });
    });

    it('when a checkpoint is empty, then empty_checkpoint is reported', async () => {
      const { url } = await servePages([{ contacts: [], checkpoint: '  ' }]);
      const result = await runSync({ url, auth: AUTH });
      expect(result.violations.map((v) => v.kind)).to.deep.equal(['empty_checkpoint']);
      expect(result.finalCheckpoint).to.equal(null);
    });

    it('when the checkpoint changes type within the run, then checkpoint_type_changed is reported and not also as a schema error', async () => {
      const { url } = await servePages([{ contacts: [] }, { contacts: [], checkpoint: 1700000000 }]);
      const result = await runSync({ url, auth: AUTH });
      expect(result.violations.map((v) => [v.page, v.kind])).to.deep.equal([[2, 'checkpoint_type_changed']]);
      expect(result.finalCheckpoint).to.equal('cp-1');
    });

    it('when an incremental sync gets a non-string checkpoint back, then the type change is against the sent one', async () => {
      const { url } = await servePages([{ contacts: [], checkpoint: { at: 1 } }], 'cp-0');
      const result = await runSync({ url, auth: AUTH, checkpoint: 'cp-0' });
      expect(result.violations.map((v) => v.kind)).to.deep.equal(['checkpoint_type_changed']);
    });
  });

  describe('schema and format violations', () => {
    it('when a contact lacks name, then a schema violation names the page and the field', async () => {
      const pages = threeGoodPages();
      const { name: _dropped, ...nameless } = contact('5');
      pages[1]!.contacts = [contact('4'), nameless];
      const { url } = await servePages(pages);
      const result = await runSync({ url, auth: AUTH });

      expect(result.ok).to.equal(false);
      expect(result.violations).to.deep.equal([
        { page: 2, kind: 'schema', severity: 'error', message: 'response.contacts[1].name is required' },
      ]);
    });

    it('when many contacts on a page are invalid, then the first five are listed and the rest summarised', async () => {
      const { url } = await servePages([{ contacts: Array.from({ length: 8 }, (_, i) => ({ id: String(i) })) }]);
      const result = await runSync({ url, auth: AUTH });
      expect(result.violations).to.have.length(6);
      expect(result.violations[5]!.message).to.equal('3 more invalid contacts on this page');
    });

    it('when the Content-Type is not application/json, then content_type is reported and the JSON body still checked', async () => {
      const pages = threeGoodPages();
      pages[0]!.contentType = 'text/plain';
      const { url } = await servePages(pages);
      const result = await runSync({ url, auth: AUTH });

      expect(result.violations.map((v) => [v.page, v.kind])).to.deep.equal([[1, 'content_type']]);
      expect(result.contactCount).to.equal(7);
    });

    it('when a 200 body is not JSON, then invalid_json is reported and the run stops', async () => {
      const { url, requests } = await servePages([{ contacts: [], raw: '<html>oops</html>', contentType: 'text/html' }, { contacts: [] }]);
      const result = await runSync({ url, auth: AUTH });
      expect(result.violations.map((v) => v.kind)).to.deep.equal(['content_type', 'invalid_json']);
      expect(result.completed).to.equal(false);
      expect(requests).to.have.length(1);
    });

    it('when the bridge answers 204, then unexpected_status is reported', async () => {
      const { url } = await servePages([{ contacts: [], status: 204, raw: '' }]);
      const result = await runSync({ url, auth: AUTH });
      expect(result.outcome).to.equal('violations');
      expect(result.violations.map((v) => v.kind)).to.deep.equal(['unexpected_status']);
    });

    it('when next_offset is not a non-empty string, then invalid_next_offset is reported once and the run stops', async () => {
      const { url, requests } = await servePages([{ contacts: [], nextOffset: 2 }, { contacts: [] }]);
      const result = await runSync({ url, auth: AUTH });
      expect(result.violations.map((v) => v.kind)).to.deep.equal(['invalid_next_offset']);
      expect(requests).to.have.length(1);
    });
  });

  describe('termination', () => {
    it('when next_offset repeats an offset already requested, then offset_loop is reported and the run stops', async () => {
      const pages = threeGoodPages();
      pages[2]!.nextOffset = 'o1';
      const { url, requests } = await servePages(pages);
      const result = await runSync({ url, auth: AUTH });

      expect(result.violations.map((v) => [v.page, v.kind])).to.deep.equal([[3, 'offset_loop']]);
      expect(result).to.include({ ok: false, completed: false });
      expect(requests).to.have.length(3);
    });

    it('when next_offset points at the page just served, then the loop is caught on that page', async () => {
      const pages = threeGoodPages();
      pages[1]!.nextOffset = 'o1';
      const { url, requests } = await servePages(pages);
      const result = await runSync({ url, auth: AUTH });
      expect(result.violations.map((v) => [v.page, v.kind])).to.deep.equal([[2, 'offset_loop']]);
      expect(requests).to.have.length(2);
    });

    it('when the run exceeds maxPages, then did_not_terminate is reported after that many requests', async () => {
      const { url, requests } = await servePages(threeGoodPages());
      const result = await runSync({ url, auth: AUTH, maxPages: 2 });
      expect(result.violations.map((v) => [v.page, v.kind])).to.deep.equal([[2, 'did_not_terminate']]);
      expect(result.violations[0]!.message).to.contain('run did not terminate');
      expect(requests).to.have.length(2);
    });
  });

  describe('duplicates and expected ids', () => {
    const duplicatePages = (): PageSpec[] => [
      { contacts: [contact('1'), contact('2')] },
      { contacts: [contact('2'), contact('3'), contact('1')] },
    ];

    it('when ids repeat within a run, then they are counted and reported as a warning that does not fail the run', async () => {
      const { url } = await servePages(duplicatePages());
      const result = await runSync({ url, auth: AUTH });

      expect(result).to.include({ ok: true, contactCount: 5, uniqueContacts: 3, duplicateIds: 2 });
      expect(result.violations).to.have.length(1);
      expect(result.violations[0]).to.include({ page: 2, kind: 'duplicate_ids', severity: 'warning' });
    });

    it('when ids repeat and strictDuplicates is set, then the run fails', async () => {
      const { url } = await servePages(duplicatePages());
      const result = await runSync({ url, auth: AUTH, strictDuplicates: true });
      expect(result).to.include({ ok: false, outcome: 'violations' });
      expect(result.violations[0]).to.include({ kind: 'duplicate_ids', severity: 'error' });
    });

    it('when an expected id is not delivered, then missing_ids lists it and the run fails', async () => {
      const { url } = await servePages(threeGoodPages());
      const result = await runSync({ url, auth: AUTH, expectIds: ['1', '7', '9'] });
      expect(result.missingIds).to.deep.equal(['9']);
      expect(result.ok).to.equal(false);
      expect(result.violations[0]).to.include({ page: null, kind: 'missing_ids' });
    });

    it('when every expected id is delivered, then missingIds is empty and the run passes', async () => {
      const { url } = await servePages(threeGoodPages());
      const result = await runSync({ url, auth: AUTH, expectIds: ['1', '2', '3', '4', '5', '6', '7'] });
      expect(result).to.include({ ok: true });
      expect(result.missingIds).to.deep.equal([]);
    });
  });

  describe('bridge errors', () => {
    it('when the bridge answers 500 in its error format, then the run stops as bridge_error with the code', async () => {
      const { url } = await serve((_req, i) =>
        i === 0
          ? { body: { synchronization_checkpoint: 'cp-1', next_offset: 'o1', contacts: [contact('1')] } }
          : { status: 500, body: { error: { code: 'internal_error', message: 'Something broke', request_id: 'r-1' } } },
      );
      const result = await runSync({ url, auth: AUTH });

      expect(result).to.include({ ok: false, outcome: 'bridge_error', contactCount: 1, finalCheckpoint: 'cp-1' });
      expect(result.error).to.include({ kind: 'http_status', page: 2, status: 500, errorCode: 'internal_error' });
      expect(result.error!.message).to.contain('internal_error: Something broke');
      expect(result.pages.map((p) => p.status)).to.deep.equal([200, 500]);
    });

    it('when a foreign bridge answers an HTML error, then only status and an excerpt are reported', async () => {
      const { url } = await serve(() => ({ status: 502, contentType: 'text/html', raw: '<h1>Bad   gateway</h1>\n' }));
      const result = await runSync({ url, auth: AUTH });
      expect(result.error).to.deep.equal({
        kind: 'http_status',
        page: 1,
        status: 502,
        message: 'bridge answered HTTP 502 on page 1',
        bodyExcerpt: '<h1>Bad gateway</h1>',
      });
    });

    it('when a JSON error body is not in this project error format, then that is noted but is no violation', async () => {
      const { url } = await serve(() => ({ status: 401, body: { message: 'unauthorized' } }));
      const result = await runSync({ url, auth: AUTH });
      expect(result.error!.errorBodyNote).to.contain('not in the talkdesk-bridge/error format');
      expect(result.violations).to.deep.equal([]);
    });

    it('when the error body echoes an auth value, then the result never contains it', async () => {
      const { url } = await serve(() => ({ status: 401, body: { error: { code: 'invalid_auth', message: `bad key ${AUTH.api_key}` } } }));
      const result = await runSync({ url, auth: AUTH });
      const printed = JSON.stringify({ ...result, contacts: undefined, pages: undefined });
      expect(printed).to.not.contain(AUTH.api_key);
      expect(result.error!.message).to.contain('[redacted]');
    });

    it('when nothing listens on the port, then the run ends as unreachable', async () => {
      const port = await freePort();
      const result = await runSync({ url: `http://127.0.0.1:${port}/contacts`, auth: AUTH });
      expect(result).to.include({ ok: false, outcome: 'unreachable' });
      expect(result.error).to.include({ kind: 'unreachable', page: 1 });
      expect(result.error!.message).to.contain('ECONNREFUSED');
      expect(result.pages).to.deep.equal([]);
    });

    it('when the bridge does not answer within timeoutMs, then the run ends with a timeout', async () => {
      const { url } = await serve(() => 'hang');
      const result = await runSync({ url, auth: AUTH, timeoutMs: 200 });
      expect(result.outcome).to.equal('unreachable');
      expect(result.error).to.include({ kind: 'timeout', page: 1 });
    });
  });

  describe('with an injected fetch', () => {
    const jsonResponse = (body: unknown) => ({
      status: 200,
      headers: { get: (name: string) => (name === 'content-type' ? 'application/json' : null) },
      text: async () => JSON.stringify(body),
    });

    it('when a fetch function is given, then it is used for every page', async () => {
      const sent: unknown[] = [];
      const fakeFetch: FetchLike = async (_url, init) => {
        const body = JSON.parse(init.body);
        sent.push(body.meta.offset);
        return jsonResponse(
          body.meta.offset === null
            ? { synchronization_checkpoint: 'a', next_offset: 'n', contacts: [contact('x')] }
            : { synchronization_checkpoint: 'b', contacts: [contact('y')] },
        );
      };
      const result = await runSync({ url: 'http://bridge.invalid/contacts', auth: {}, fetch: fakeFetch });
      expect(result).to.include({ ok: true, contactCount: 2, finalCheckpoint: 'b' });
      expect(sent).to.deep.equal([null, 'n']);
    });

    it('when the signal is aborted between pages, then the run ends as aborted with what it gathered', async () => {
      const controller = new AbortController();
      const fakeFetch: FetchLike = async () =>
        jsonResponse({ synchronization_checkpoint: 'a', next_offset: 'n1', contacts: [contact('x')] });
      const result = await runSync({
        url: 'http://bridge.invalid/contacts',
        auth: {},
        fetch: fakeFetch,
        signal: controller.signal,
        onPage: () => controller.abort(),
      });
      expect(result).to.include({ outcome: 'aborted', ok: false, contactCount: 1 });
      expect(result.error).to.include({ kind: 'aborted', page: 2 });
    });
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
