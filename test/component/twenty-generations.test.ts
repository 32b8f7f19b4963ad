import { expect } from 'chai';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakeTwenty, type FakeTwenty, type TwentyServerVersion } from '../../fake-crms/twenty/index.js';
import { startBridge, type TestBridge } from '../support/bridge.js';
import { syncRun } from '../support/talkdesk.js';

const KEY = 'key-generations';
const operationOf = (query: string | null): string | undefined => /query (\w+)/.exec(query ?? '')?.[1];

/**
 * The two live Twenty schema generations (docs/crm-twenty.md): the bridge delivers every email
 * and phone on both, adapts to fields that come and go, and sizes pages by generation.
 */
describe('POST /twenty/contacts: Twenty schema generations', () => {
  let fake: FakeTwenty;
  let bridge: TestBridge;
  let auth: { api_key: string; base_url: string };

  beforeEach(async () => {
    fake = await startFakeTwenty({ apiKeys: [KEY] });
    bridge = await startBridge({ allowedHosts: [new URL(fake.url).host] });
    auth = { api_key: KEY, base_url: fake.url };
  });
  afterEach(async () => {
    await bridge.close();
    await fake.close();
  });

  const reachable = () =>
    fake.store.create({
      firstName: 'Ana',
      primaryEmail: 'ana@example.pt',
      additionalEmails: ['ana.work@example.pt', 'ANA@example.pt'],
      primaryPhoneNumber: '912345678',
      primaryPhoneCountryCode: 'PT',
      primaryPhoneCallingCode: '+351',
      additionalPhones: [
        { number: '213456789', countryCode: 'PT', callingCode: '+351' },
        { number: '06 12 34 56 78', countryCode: 'FR', callingCode: '+33' },
      ],
    });

  for (const serverVersion of ['current', 'v0.53'] as const satisfies readonly TwentyServerVersion[]) {
    it(`when the server is of the ${serverVersion} generation, then every email and phone of a person is delivered`, async () => {
      fake.setOptions({ serverVersion });
      const p = reachable();
      const run = await syncRun(bridge, auth);
      expect(run.contacts).to.have.length(1);
      expect(run.contacts[0]).to.deep.include({
        id: p.id,
        emails: ['ana@example.pt', 'ana.work@example.pt'],
        phones: ['+351912345678', '+351213456789', '+33612345678'],
      });
    });
  }

  it('when several pages are read, then the server is looked at once', async () => {
    for (let i = 0; i < 450; i++) {
      fake.store.advance(1);
      fake.store.create({});
    }
    await syncRun(bridge, auth);
    const operations = fake.requests.map((r) => operationOf(r.query));
    expect(operations.filter((o) => o === 'TwentySchemaShape')).to.have.length(1);
    expect(operations.filter((o) => o === 'TwentyPeoplePage')).to.have.length(3);
  });

  it('when a v0.53 server is upgraded to the current generation between pages, then the bridge looks again once and still delivers additional phones', async () => {
    fake.setOptions({ serverVersion: 'v0.53' });
    for (let i = 0; i < 70; i++) {
      fake.store.advance(1);
      fake.store.create({});
    }
    let p: { id: string } | undefined;
    const run = await syncRun(bridge, auth, {
      between: (page) => {
        if (page !== 0) return;
        fake.setOptions({ serverVersion: 'current' });
        fake.store.advance(1);
        p = reachable();
        fake.resetRequests();
      },
    });
    expect(run.contacts.find((c) => c.id === p?.id)?.phones).to.deep.equal(['+351912345678', '+351213456789', '+33612345678']);
    const operations = fake.requests.map((r) => operationOf(r.query));
    expect(operations.slice(0, 3)).to.deep.equal(['TwentyPeoplePageV053', 'TwentySchemaShape', 'TwentyPeoplePage']);
    expect(fake.requests[0]?.status).to.equal(400);
  });

  it('when the server has no avatarUrl, then pages still come, without it, and photo_url is null', async () => {
    fake.store.create({ firstName: 'Pic', avatarUrl: 'https://img.example.com/pic.png' });
    const withAvatar = await syncRun(bridge, auth);
    expect(withAvatar.contacts[0]?.photo_url).to.equal('https://img.example.com/pic.png');

    const other = await startFakeTwenty({ apiKeys: [KEY], personAvatarUrl: false, store: fake.store });
    const otherBridge = await startBridge({ allowedHosts: [new URL(other.url).host] });
    try {
      const run = await syncRun(otherBridge, { api_key: KEY, base_url: other.url });
      expect(run.contacts).to.have.length(1);
      expect(run.contacts[0]).to.deep.include({ name: 'Pic', photo_url: null });
      expect(other.requests.every((r) => !(r.query ?? '').includes('avatarUrl'))).to.equal(true);
      expect(other.requests.every((r) => r.status === 200)).to.equal(true);
    } finally {
      await otherBridge.close();
      await other.close();
    }
  });

  for (const [serverVersion, pageSize] of [
    ['current', 200],
    ['v0.53', 60],
  ] as const) {
    it(`when no PAGE_SIZE is configured and the server is ${serverVersion}, then pages of ${pageSize} are asked for`, async () => {
      fake.setOptions({ serverVersion });
      await bridge.post('/twenty/contacts', { auth });
      const firsts = fake.requests.filter((r) => operationOf(r.query)?.startsWith('TwentyPeoplePage')).map((r) => r.variables?.['first']);
      expect(firsts).to.deep.equal([pageSize]);
    });
  }

  it('when a current server caps pages below 200, then the bridge asks again at the cap it names, and keeps to it', async () => {
    fake.setOptions({ maxPageSize: 100 });
    for (let i = 0; i < 150; i++) {
      fake.store.advance(1);
      fake.store.create({});
    }
    const run = await syncRun(bridge, auth);
    expect(new Set(run.contacts.map((c) => c.id)).size).to.equal(150);
    const firsts = fake.requests.filter((r) => operationOf(r.query) === 'TwentyPeoplePage').map((r) => r.variables?.['first']);
    expect(firsts).to.deep.equal([200, 100, 100]);
  });
});

describe('POST /twenty/contacts: a Twenty server of an unknown shape', () => {
  let fake: FakeTwenty;
  let proxy: http.Server;
  let bridge: TestBridge;
  let auth: { api_key: string; base_url: string };

  /** The fake behind a proxy that answers the schema look with a type this bridge does not know. */
  beforeEach(async () => {
    fake = await startFakeTwenty({ apiKeys: [KEY] });
    proxy = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        void fetch(`${fake.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: req.headers.authorization ?? '' },
          body,
        }).then(async (upstream) => {
          let text = await upstream.text();
          if (body.includes('TwentySchemaShape')) {
            const json = JSON.parse(text);
            for (const f of json.data.phones.fields)
              if (f.name === 'additionalPhones') f.type = { kind: 'SCALAR', name: 'JSON', ofType: null };
            text = JSON.stringify(json);
          }
          res.writeHead(upstream.status, { 'content-type': 'application/json' });
          res.end(text);
        });
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    bridge = await startBridge({ allowedHosts: [new URL(proxyUrl).host] });
    auth = { api_key: KEY, base_url: proxyUrl };
  });
  afterEach(async () => {
    await bridge.close();
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
    await fake.close();
  });

  it('when the additional phones are of an unknown type, then pages carry the primary email and phone, and the log says so once, without the key', async () => {
    const p = fake.store.create({
      firstName: 'Ana',
      primaryEmail: 'ana@example.pt',
      additionalEmails: ['ana.work@example.pt'],
      primaryPhoneNumber: '912345678',
      primaryPhoneCountryCode: 'PT',
      primaryPhoneCallingCode: '+351',
      additionalPhones: [{ number: '213456789', countryCode: 'PT', callingCode: '+351' }],
    });
    for (let i = 0; i < 3; i++) {
      const res = await bridge.post('/twenty/contacts', { auth });
      expect(res.status, res.text).to.equal(200);
      expect(res.body.contacts[0]).to.deep.include({ id: p.id, emails: ['ana@example.pt'], phones: ['+351912345678'] });
    }
    const warnings = bridge.logs.filter((l) => String(l['msg']).includes('does not know'));
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.deep.include({ crm: 'twenty', host: new URL(auth.base_url).host });
    expect(String(warnings[0]?.['reason'])).to.include('Phones.additionalPhones is SCALAR JSON');
    expect(bridge.logText()).not.to.include(KEY);
  });
});
