import { expect } from 'chai';
import { parseCli, USAGE, type CliParse } from '../../../src/sim/cli-options.js';

const URL = 'http://localhost:3000/twenty/contacts';
const SECRET = 'sk-live-0123456789';

function files(map: Record<string, string>) {
  return async (path: string): Promise<string> => {
    const text = map[path];
    if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return text;
  };
}

async function usageError(argv: string[], read = files({})): Promise<string> {
  const parsed = await parseCli(argv, read);
  expect(parsed.kind, JSON.stringify(parsed)).to.equal('usage_error');
  return (parsed as Extract<CliParse, { kind: 'usage_error' }>).message;
}

async function config(argv: string[], read = files({})) {
  const parsed = await parseCli(argv, read);
  if (parsed.kind !== 'run') throw new Error(JSON.stringify(parsed));
  return parsed.config;
}

describe('sim CLI options', () => {
  it('when --help is given, then help is asked for, and the usage shows the demo example', async () => {
    expect(await parseCli(['--help'])).to.deep.equal({ kind: 'help' });
    expect(await parseCli(['-h', URL])).to.deep.equal({ kind: 'help' });
    expect(USAGE).to.contain(`talkdesk-sync-sim ${URL} --auth api_key=demo-api-key --auth base_url=http://127.0.0.1:4100`);
  });

  it('when only a URL and auth entries are given, then a full sync with defaults is configured', async () => {
    const c = await config([URL, '--auth', 'api_key=a=b', '--auth', 'base_url=http://x']);
    expect(c).to.deep.equal({
      run: { url: URL, auth: { api_key: 'a=b', base_url: 'http://x' }, headers: {} },
      json: false,
      quiet: false,
      output: undefined,
    });
  });

  it('when every option is given, then each reaches the run options', async () => {
    const c = await config(
      [
        URL,
        '--auth-file',
        'auth.json',
        '--auth',
        'api_key=override',
        '--checkpoint',
        'cp',
        '--header',
        'X-Bridge-Token:  t0ken ',
        '--bearer',
        'bearer-token',
        '--max-pages',
        '5',
        '--timeout-ms',
        '1000',
        '--strict-duplicates',
        '--expect-ids',
        'ids.json',
        '--output',
        'out.json',
        '--json',
        '--quiet',
      ],
      files({ 'auth.json': '{"api_key":"from-file","base_url":"http://crm"}', 'ids.json': '["a", 2]' }),
    );
    expect(c.run).to.deep.equal({
      url: URL,
      auth: { api_key: 'override', base_url: 'http://crm' },
      headers: { 'X-Bridge-Token': 't0ken' },
      bearer: 'bearer-token',
      checkpoint: 'cp',
      maxPages: 5,
      timeoutMs: 1000,
      strictDuplicates: true,
      expectIds: ['a', '2'],
    });
    expect(c).to.include({ json: true, quiet: true, output: 'out.json' });
  });

  it('when an unknown flag such as --insecure is given, then it is a usage error', async () => {
    expect(await usageError([URL, '--insecure'])).to.equal("Unknown option '--insecure'");
  });

  it('when the URL is missing, duplicated or not http(s), then it is a usage error', async () => {
    expect(await usageError(['--json'])).to.equal('the bridge URL is missing');
    expect(await usageError([URL, URL])).to.contain('expected one bridge URL');
    expect(await usageError(['ftp://user:pw@host/x'])).to.equal('the bridge URL must be http or https: ftp://host/x');
    expect(await usageError(['nope'])).to.equal('the bridge URL is not a valid URL');
  });

  it('when a flag value is malformed, then the message names the flag but never repeats the value', async () => {
    const messages = [
      await usageError([URL, '--auth', SECRET]),
      await usageError([URL, '--header', SECRET]),
      await usageError([URL, '--header', 'Host: example.com']),
      await usageError([URL, '--max-pages', '0']),
      await usageError([URL, '--timeout-ms', '1.5']),
      await usageError([URL, '--bearer', SECRET, '--header', 'Authorization: Basic eA==']),
      await usageError([URL, '--checkpoint', '']),
    ];
    expect(messages).to.deep.equal([
      '--auth entry #1 is not key=value',
      "--header entry #1 is not 'Name: value'",
      '--header Host is set by the HTTP client and cannot be given',
      '--max-pages must be a positive integer',
      '--timeout-ms must be a positive integer',
      'give either --bearer or an Authorization --header, not both',
      '--checkpoint needs a value; omit it for a full sync',
    ]);
  });

  it('when --auth-file is missing, not JSON or not an object, then the message does not quote its content', async () => {
    const read = files({ 'bad.json': `api_key=${SECRET}`, 'list.json': '[1]' });
    expect(await usageError([URL, '--auth-file', 'none.json'], read)).to.equal('cannot read --auth-file none.json (ENOENT)');
    expect(await usageError([URL, '--auth-file', 'bad.json'], read)).to.equal('--auth-file bad.json is not valid JSON');
    expect(await usageError([URL, '--auth-file', 'list.json'], read)).to.equal('--auth-file list.json must hold a JSON object');
  });

  it('when --expect-ids is not an array of ids, then it is a usage error', async () => {
    const read = files({ 'obj.json': '{}', 'mixed.json': '["a", null]' });
    expect(await usageError([URL, '--expect-ids', 'obj.json'], read)).to.contain('must hold a JSON array');
    expect(await usageError([URL, '--expect-ids', 'mixed.json'], read)).to.contain('entry #2');
  });
});
