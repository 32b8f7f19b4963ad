/**
 * The large-page measurement's Salesforce: the fake Salesforce org (fake-crms/salesforce) in its
 * own process, started by bench/run.ts, seeded with a fixed seed so that every run serves the same
 * contacts. Salesforce's GraphQL API answers at most 2,000 records a page (the connector's
 * maxPageSize), the largest page of any CRM the bridge supports.
 *
 *   BENCH_SF_CONTACTS (5000)
 */
import { seedContacts, startFakeSalesforce } from '../fake-crms/salesforce/index.js';
import { announce, serveProbe } from './child-probe.js';

export const BENCH_SF_TOKEN = '00Dbench!bench-access-token';

const contacts = Number(process.env['BENCH_SF_CONTACTS'] ?? 5000);

const fake = await startFakeSalesforce({ accessTokens: [BENCH_SF_TOKEN], maxLoggedRequests: 16 });
seedContacts(fake.store, { count: contacts, seed: 20240501 });

serveProbe(() => {
  void fake.close().finally(() => process.exit(0));
});
announce({ type: 'ready', url: fake.url, info: { contacts } });
