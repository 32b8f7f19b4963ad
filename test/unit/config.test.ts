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

  const TOKEN = 'a-bridge-token-0123456789';
  it('when NODE_ENV=production, then the demo CRM is off unless asked for', () => {
    expect(loadConfig({ NODE_ENV: 'production', BRIDGE_TOKEN: TOKEN }).demoCrm).to.equal(false);
    expect(loadConfig({ NODE_ENV: 'production', BRIDGE_TOKEN: TOKEN, DEMO_CRM: 'on' }).demoCrm).to.equal(true);
    expect(loadConfig({ DEMO_CRM: 'off' }).demoCrm).to.equal(false);
  });

  it('when NODE_ENV holds an unexpected value such as "prod", then it counts as production: no demo CRM, a token required', () => {
    expect(loadConfig({ NODE_ENV: 'prod', BRIDGE_TOKEN: TOKEN }).demoCrm).to.equal(false);
    expect(loadConfig({ NODE_ENV: 'staging', BRIDGE_TOKEN: TOKEN }).demoCrm).to.equal(false);
    expect(() => loadConfig({ NODE_ENV: 'prod' })).to.throw(ConfigError, /^BRIDGE_TOKEN is required when NODE_ENV is "prod"/);
    expect(loadConfig({ NODE_ENV: 'test' }).demoCrm).to.equal(true);
    expect(loadConfig({ NODE_ENV: 'development' }).demoCrm).to.equal(true);
  });

  it('when NODE_ENV=production without BRIDGE_TOKEN, then start-up fails naming it, unless BRIDGE_AUTH_EXTERNAL=true', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).to.throw(ConfigError, /BRIDGE_TOKEN is required.*BRIDGE_AUTH_EXTERNAL=true/);
    const external = loadConfig({ NODE_ENV: 'production', BRIDGE_AUTH_EXTERNAL: 'true' });
    expect(external.bridgeToken).to.equal(undefined);
    expect(external.authExternal).to.equal(true);
    expect(loadConfig({ NODE_ENV: 'production', BRIDGE_TOKEN: TOKEN }).bridgeToken).to.equal(TOKEN);
  });

  it('when SHUTDOWN_DELAY_MS is unset, then it is 5 s in production and 0 in development', () => {
    expect(loadConfig({ NODE_ENV: 'production', BRIDGE_TOKEN: TOKEN }).shutdownDelayMs).to.equal(5000);
    expect(loadConfig({}).shutdownDelayMs).to.equal(0);
    expect(loadConfig({ SHUTDOWN_DELAY_MS: '1500' }).shutdownDelayMs).to.equal(1500);
  });

  const bad: Array<[Record<string, string>, RegExp]> = [
    [{ PORT: 'eighty' }, /^PORT must be a whole number/],
    [{ SHUTDOWN_DELAY_MS: '-1' }, /^SHUTDOWN_DELAY_MS must be a whole number/],
    [{ BRIDGE_AUTH_EXTERNAL: 'perhaps' }, /^BRIDGE_AUTH_EXTERNAL must be true or false/],
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
