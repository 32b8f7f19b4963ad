import { expect } from 'chai';

import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

import { seedPeople, TwentyStore, type PersonRecord } from '../../../../fake-crms/twenty/index.js';

describe('seedPeople', () => {
  const seeded = (seed: number, count = 400): PersonRecord[] => seedPeople(new TwentyStore(), { count, seed });

  it('when called twice with the same seed on equal stores, then the people are identical; another seed gives other people', () => {
    expect(seeded(42)).to.deep.equal(seeded(42));
    expect(seeded(43).map((p) => p.id)).to.not.deep.equal(seeded(42).map((p) => p.id));
  });

  it('when seeding, then updatedAt spans the past two years with ties of 2-50 and one group larger than a 60-record page', () => {
    const store = new TwentyStore();
    const people = seedPeople(store, { count: 1000, seed: 5 });
    const now = store.now();
    const groups = new Map<number, number>();
    for (const p of people) {
      expect(p.updatedAt).to.be.lessThan(now);
      expect(p.updatedAt).to.be.greaterThan(now - 2 * 366 * 24 * 3600 * 1000);
      expect(p.createdAt).to.be.at.most(p.updatedAt);
      groups.set(p.updatedAt, (groups.get(p.updatedAt) ?? 0) + 1);
    }
    const sizes = [...groups.values()];
    expect(sizes.filter((n) => n > 60)).to.have.length(1);
    expect(sizes.filter((n) => n >= 2 && n <= 50).length).to.be.greaterThan(10);
  });

  it('when seeding, then the data is varied: no-name people, people with nothing, companies, deleted ones, non-Latin names, X handles in several forms', () => {
    const people = seeded(9, 2000);
    const blank = (s: string | null): boolean => s === null || s.trim() === '';
    const noName = people.filter((p) => blank(p.firstName) && blank(p.lastName));
    const nothing = noName.filter((p) => blank(p.primaryEmail) && (p.additionalEmails ?? []).every(blank) && blank(p.primaryPhoneNumber));
    expect(noName.length).to.be.greaterThan(20);
    expect(nothing.length).to.be.within(1, noName.length - 1);
    const withCompany = people.filter((p) => p.companyId !== null).length / people.length;
    expect(withCompany).to.be.within(0.6, 0.8);
    expect(people.filter((p) => p.deletedAt !== null).length).to.be.within(5, 100);
    expect(people.some((p) => /[^\u0000-\u024f]/.test(`${p.firstName ?? ''}${p.lastName ?? ''}`))).to.equal(true);
    const xForms = new Set(
      people
        .map((p) => p.xUrl)
        .filter((x): x is string => !blank(x))
        .map((x) => x.replace(/[\w]+$/, '')),
    );
    expect(xForms).to.include.members(['https://x.com/', 'https://twitter.com/', 'x.com/', '@']);
    expect(people.some((p) => p.primaryEmail === '' && (p.additionalEmails ?? []).length > 0)).to.equal(true);
    expect(people.some((p) => p.primaryPhoneNumber?.startsWith('+'))).to.equal(true);
  });

  it('when checking seeded phones with libphonenumber-js, then most numbers with a country code are valid for that country', () => {
    let total = 0;
    let valid = 0;
    const countries = new Set<string>();
    for (const p of seeded(21, 2000)) {
      const phones = [...(p.additionalPhones ?? [])];
      if (!blank(p.primaryPhoneNumber))
        phones.push({
          number: p.primaryPhoneNumber!,
          countryCode: p.primaryPhoneCountryCode ?? '',
          callingCode: p.primaryPhoneCallingCode ?? '',
        });
      for (const phone of phones) {
        if (!/^[A-Z]{2}$/.test(phone.countryCode)) continue;
        countries.add(phone.countryCode);
        total++;
        if (parsePhoneNumberFromString(phone.number, phone.countryCode as CountryCode)?.isValid() === true) valid++;
      }
    }
    expect(countries.size).to.be.at.least(12);
    expect(valid / total).to.be.greaterThan(0.9);
    expect(valid).to.be.lessThan(total); // and some garbage
  });
});

function blank(s: string | null): boolean {
  return s === null || s.trim() === '';
}
