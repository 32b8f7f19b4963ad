import { expect } from 'chai';

import { startFakeTwenty, type FakeTwenty } from '../../../../fake-crms/twenty/index.js';
import { KEY, page, ASC } from './fake-twenty-client.js';

describe('fake Twenty CRM: store', function () {
  let fake: FakeTwenty;

  beforeEach(async () => {
    fake = await startFakeTwenty({ apiKeys: [KEY] });
  });

  afterEach(async () => {
    await fake.close();
  });

  describe('store', () => {
    it('when updateMany runs, then every updated person gets the same updatedAt (the bulk tie)', () => {
      const ids = Array.from({ length: 5 }, () => fake.store.create({}).id);
      fake.store.advance(1234);
      const updated = fake.store.updateMany(ids, { jobTitle: 'Bulk' });
      expect(new Set(updated.map((p) => p.updatedAt))).to.deep.equal(new Set([fake.store.now()]));
    });

    it('when update is given an updatedAt, then it is ignored and now is used', () => {
      const p = fake.store.create({});
      fake.store.advance(10);
      const updated = fake.store.update(p.id, { city: 'Faro', ...({ updatedAt: 1 } as object) });
      expect(updated.updatedAt).to.equal(fake.store.now());
      expect(updated.city).to.equal('Faro');
    });

    it('when insertLate writes with an older updatedAt, then the person shows up behind positions already read', async () => {
      fake.store.create({});
      fake.store.advance(60_000);
      const latest = fake.store.create({});
      const first = await page(fake, { first: 10, orderBy: ASC });
      expect(first.body.data.people.pageInfo.endCursor).to.not.equal(null);
      const late = fake.store.insertLate({ firstName: 'Late', updatedAt: latest.updatedAt - 30_000 });
      const resumed = await page(fake, { first: 10, after: first.body.data.people.pageInfo.endCursor, orderBy: ASC });
      expect(resumed.body.data.people.edges).to.have.length(0);
      const all = await page(fake, { first: 10, orderBy: ASC });
      expect(all.body.data.people.edges[1].node.id).to.equal(late.id);
    });

    it('when returned records are mutated by the caller, then the store is unaffected', () => {
      const p = fake.store.create({ additionalEmails: ['a@b.c'] });
      p.additionalEmails!.push('mutated');
      fake.store.get(p.id)!.additionalEmails!.push('mutated again');
      expect(fake.store.get(p.id)!.additionalEmails).to.deep.equal(['a@b.c']);
    });
  });
});
