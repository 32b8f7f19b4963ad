import { seedPeople, startFakeTwenty } from '../twenty/index.js';
import { DEMO_API_KEY, DEMO_SEED } from './start-demo-crm.js';

/**
 * The demo Twenty CRM as a process of its own, for deploy/compose.yaml: the bridge's production
 * image carries no fake CRM, so compose runs this one (built from the Dockerfile's `demo-crm`
 * stage) beside it. Same data and key as the embedded demo of `npm start`.
 *   DEMO_CRM_HOST (default 0.0.0.0), DEMO_CRM_PORT (default 4100), DEMO_CRM_PEOPLE (default 3000)
 */
function whole(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) {
    process.stderr.write(`demo CRM: ${name} must be a whole number, got "${raw}"\n`);
    process.exit(1);
  }
  return Number(raw);
}

const host = process.env['DEMO_CRM_HOST']?.trim() || '0.0.0.0';
const people = whole('DEMO_CRM_PEOPLE', 3000);
const fake = await startFakeTwenty({ host, port: whole('DEMO_CRM_PORT', 4100), apiKeys: [DEMO_API_KEY], realClock: true });
seedPeople(fake.store, { count: people, seed: DEMO_SEED });
process.stdout.write(`${JSON.stringify({ msg: 'demo Twenty CRM listening', url: fake.url, people, api_key: DEMO_API_KEY })}\n`);

const stop = (): void => {
  void fake.close().finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
