import { expect } from 'chai';
import fc from 'fast-check';
import { startFakeTwenty, type FakeTwenty } from '../../fake-crms/twenty/index.js';
import { encodeCheckpoint } from '../../src/sync/checkpoint.js';
import { check } from '../../src/validation/validators.js';
import { startBridge, type TestBridge } from '../support/bridge.js';

const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 0) || 1500;

/**
 * Hostile and malformed requests, generated: never a 5xx, always a JSON error (or a page), and the
 * bridge still serves a good request quickly afterwards. Every base_url is loopback or invalid, so
 * the fuzzing never sends traffic beyond this machine.
 */
describe('fuzzing request bodies', function () {
  this.timeout(120_000);
  let fake: FakeTwenty;
  let bridge: TestBridge;

  before(async () => {
    fake = await startFakeTwenty({ apiKeys: ['fuzz-key-1'], maxLoggedRequests: 10 });
    fake.store.create({ firstName: 'Fuzz' });
    bridge = await startBridge({ env: { LOG_LEVEL: 'silent', BODY_LIMIT_BYTES: '65536' }, allowedHosts: [new URL(fake.url).host] });
  });
  after(async () => {
    await bridge.close();
    await fake.close();
  });

  const anyJson = fc.jsonValue({ maxDepth: 4 });
  // Always present: without base_url the bridge would call Twenty Cloud.
  const baseUrl = fc.oneof(
    fc.constantFrom<unknown>(
      'https://127.0.0.1',
      'http://10.0.0.1/x',
      'not a url',
      'ftp://host/',
      '',
      'https://user:pw@127.0.0.1',
      'javascript:alert(1)',
      42,
      null,
      ['x'],
    ),
  );
  const auth = fc.oneof(anyJson, fc.record({ api_key: fc.oneof(fc.string(), anyJson), base_url: baseUrl }, { requiredKeys: ['base_url'] }));
  const offset = fc.oneof(
    anyJson,
    fc.string(),
    fc.integer(),
    fc.constant('of1.e30.AAAAAAAAAAAA'),
    fc.string().map((s) => `of1.${s}.${s}`),
  );
  const checkpoint = fc.oneof(
    anyJson,
    fc.string(),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    fc.integer({ min: 0, max: 2 ** 52 }).map((t) => encodeCheckpoint({ updatedAt: t, id: 'x' }).slice(0, -1)),
  );
  const meta = fc.oneof(anyJson, fc.record({ synchronization_checkpoint: checkpoint, offset, context: anyJson }, { requiredKeys: [] }));
  const body = fc.oneof(
    anyJson.map((v) => JSON.stringify(v)),
    fc.record({ auth, meta }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.constantFrom(
      '{',
      '{"auth":',
      '[]',
      'null',
      '{"auth":{"api_key":"\u0000"}}',
      '{"__proto__":{"polluted":1},"auth":{}}',
      '{"auth":{}}'.repeat(3),
    ),
  );
  const path = fc.constantFrom(
    '/twenty/contacts',
    '/twenty/auth',
    '/TWENTY/contacts',
    '/twenty/contacts/',
    '/%2e%2e/contacts',
    '/twenty/contacts?x=1',
  );
  const contentType = fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'text/plain',
    'application/x-www-form-urlencoded',
    '',
  );

  it(`when ${RUNS} malformed requests arrive, then none is a 5xx, every error is a JSON error body, and the server stays up`, async () => {
    await fc.assert(
      fc.asyncProperty(path, contentType, body, async (p, type, raw) => {
        const headers: Record<string, string> = type ? { 'content-type': type } : {};
        const res = await fetch(bridge.url + p, { method: 'POST', headers, body: raw });
        const text = await res.text();
        expect(res.status, text).to.be.below(500);
        const parsed = JSON.parse(text);
        if (res.status === 200) expect(check('talkdesk-bridge/sync-response', parsed, 'r')).to.equal(null);
        else if (res.status !== 204) expect(check('talkdesk-bridge/error', parsed, 'e'), text).to.equal(null);
      }),
      { numRuns: RUNS },
    );
    expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
    const started = Date.now();
    const ok = await bridge.post('/twenty/contacts', { auth: { api_key: 'fuzz-key-1', base_url: fake.url } });
    expect(ok.status).to.equal(200);
    expect(ok.body.contacts).to.have.length(1);
    expect(Date.now() - started).to.be.below(2000);
  });
});
