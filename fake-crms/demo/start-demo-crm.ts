import type { Config } from '../../src/config.js';
import { seedPeople, startFakeTwenty, type FakeTwenty } from '../twenty/index.js';
import type { DemoCrm } from '../../src/demo/demo-crm.js';
import type { Logger } from '../../src/logger.js';

export const DEMO_API_KEY = 'demo-api-key';
const DEMO_SEED = 20_261_127;

/**
 * The embedded demo: a Twenty-compatible GraphQL CRM on loopback, seeded deterministically, so
 * that `npm start` shows a working sync with no account anywhere. Off with DEMO_CRM=off and by
 * default outside development (NODE_ENV other than development or test). Its key is a fixed
 * public demo value, not a secret.
 */
export async function startDemoCrm(config: Config, logger: Logger): Promise<DemoCrm> {
  let fake: FakeTwenty;
  try {
    fake = await startFakeTwenty({ host: '127.0.0.1', port: config.demoCrmPort, apiKeys: [DEMO_API_KEY], realClock: true });
  } catch (err) {
    if ((err as { code?: string }).code !== 'EADDRINUSE') throw err;
    logger.warn({ port: config.demoCrmPort }, 'demo CRM port in use; using a free port instead');
    fake = await startFakeTwenty({ host: '127.0.0.1', port: 0, apiKeys: [DEMO_API_KEY], realClock: true });
  }
  seedPeople(fake.store, { count: config.demoCrmPeople, seed: DEMO_SEED });
  logger.info({ url: fake.url, people: config.demoCrmPeople }, 'demo Twenty CRM started on loopback');

  return {
    url: fake.url,
    close: () => fake.close(),
    banner(bridgePort: number): string {
      const body = JSON.stringify({ auth: { api_key: DEMO_API_KEY, base_url: fake.url }, meta: {} });
      return [
        '',
        `Demo: a Twenty-compatible CRM with ${config.demoCrmPeople} people is running at ${fake.url}.`,
        'Fetch the first page of a full contact sync:',
        '',
        `  curl -s -X POST http://localhost:${bridgePort}/twenty/contacts -H 'Content-Type: application/json' -d '${body}'`,
        '',
        'Run a whole sync the way Talkdesk does, following next_offset:',
        '',
        `  npm run sim -- http://localhost:${bridgePort}/twenty/contacts --auth api_key=${DEMO_API_KEY} --auth base_url=${fake.url}`,
        '',
        'Turn the demo off with DEMO_CRM=off (it is on by default only in development).',
        '',
        '',
      ].join('\n');
    },
  };
}
