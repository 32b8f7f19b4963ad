import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('configuration', () => {
  it('when nothing is set, then the documented defaults apply and the demo CRM is on', () => {
    const c = loadConfig({});
    expect(c).to.include({
      port: 3000,
      lookbackSeconds: 300,
      crmTimeoutMs: 10_000,
      requestDeadlineMs: 25_000,
      allowPrivateHosts: false,
      demoCrm: true,
      logLevel: 'info',
    });
    expect(c.pageSize).to.equal(undefined);
    expect(Object.isFrozen(c)).to.equal(true);
  });

  it('when NODE_ENV=production, then the demo CRM is off unless asked for', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).demoCrm).to.equal(false);
    expect(loadConfig({ NODE_ENV: 'production', DEMO_CRM: 'on' }).demoCrm).to.equal(true);
    expect(loadConfig({ DEMO_CRM: 'off' }).demoCrm).to.equal(false);
  });

  const bad: Array<[Record<string, string>, RegExp]> = [
    [{ PORT: 'eighty' }, /^PORT must be a whole number/],
    [{ PAGE_SIZE: '0' }, /^PAGE_SIZE must be between 1/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL must be one of/],
    [{ CRM_ALLOW_PRIVATE_HOSTS: 'maybe' }, /^CRM_ALLOW_PRIVATE_HOSTS must be true or false/],
    [{ CRM_ALLOWED_HOSTS: 'crm.internal, http://x/' }, /^CRM_ALLOWED_HOSTS entries/],
    [{ CRM_TIMEOUT_MS: '30000', REQUEST_DEADLINE_MS: '20000' }, /^REQUEST_DEADLINE_MS .* must not be below CRM_TIMEOUT_MS/],
  ];
  for (const [env, message] of bad) {
    it(`when ${JSON.stringify(env)}, then start-up fails naming the variable`, () => {
      expect(() => loadConfig(env)).to.throw(ConfigError, message);
    });
  }
});
