import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { displayUrl } from './redact.js';
import { DEFAULT_MAX_PAGES, DEFAULT_TIMEOUT_MS, type RunSyncOptions } from './run-sync.js';

/**
 * Command-line parsing for talkdesk-sync-sim, apart from the entry point so it can be tested
 * without spawning a process. Error messages never repeat a flag's value: a mistyped --auth or
 * --header is most likely a credential.
 */

export const USAGE = `Usage: talkdesk-sync-sim <bridge-url> [options]

Plays Talkdesk's contact synchronizer against a contact-sync bridge: POSTs sync requests, follows
next_offset until the last page, checks every answer against the Talkdesk contract and reports.

Options:
  --auth key=value        an auth field sent in the request's "auth" (repeatable; overrides --auth-file)
  --auth-file FILE        a JSON object of auth fields (keeps credentials out of shell history and ps)
  --checkpoint CP         incremental sync from this synchronization_checkpoint (default: full sync)
  --header 'Name: value'  an extra request header (repeatable)
  --bearer TOKEN          send "Authorization: Bearer TOKEN", e.g. the bridge's BRIDGE_TOKEN
  --max-pages N           fail with "run did not terminate" after N pages (default ${DEFAULT_MAX_PAGES})
  --timeout-ms N          per-request timeout in milliseconds (default ${DEFAULT_TIMEOUT_MS})
  --strict-duplicates     contacts delivered twice in a run fail it (default: a warning)
  --expect-ids FILE       a JSON array of contact ids that must all be delivered
  --output FILE           write the delivered contacts, in delivery order, as a JSON array
  --json                  print one JSON report object instead of the human report
  --quiet                 no progress display on stderr
  -h, --help              show this help

Exit codes:
  0 the run completed and the contract held    1 contract violation(s)
  2 the bridge answered an error status or could not be reached
  64 usage error    70 internal error    74 --output could not be written    130 interrupted

Examples:
  # full sync against the demo (the bridge prints its exact URL when it starts)
  talkdesk-sync-sim http://localhost:3000/twenty/contacts --auth api_key=demo-api-key --auth base_url=http://127.0.0.1:4100

  # incremental sync from a checkpoint, JSON report, delivered contacts saved
  talkdesk-sync-sim https://bridge.example.com/twenty/contacts --auth-file auth.json \\
    --checkpoint "$CHECKPOINT" --json --output contacts.json

  # a bridge behind a token (its BRIDGE_TOKEN); fail if any expected contact is lost or delivered twice
  talkdesk-sync-sim https://bridge.example.com/twenty/contacts --auth-file auth.json \\
    --bearer "$BRIDGE_TOKEN" --expect-ids ids.json --strict-duplicates

  # from this repository
  npm run sim -- http://localhost:3000/twenty/contacts --auth api_key=demo-api-key --auth base_url=http://127.0.0.1:4100
`;

export type CliRunOptions = Omit<RunSyncOptions, 'fetch' | 'onPage' | 'signal' | 'now'>;

export interface CliConfig {
  run: CliRunOptions;
  json: boolean;
  quiet: boolean;
  output: string | undefined;
}

export type CliParse = { kind: 'help' } | { kind: 'usage_error'; message: string } | { kind: 'run'; config: CliConfig };

class UsageError extends Error {}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers the HTTP client owns; setting them by hand breaks the request rather than testing the bridge. */
const RESERVED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'expect']);

type ReadText = (path: string) => Promise<string>;

const defaultRead: ReadText = (path) => readFile(path, 'utf8');

async function readJsonFile(flag: string, path: string, read: ReadText): Promise<unknown> {
  let text: string;
  try {
    text = await read(path);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    throw new UsageError(`cannot read ${flag} ${path}${typeof code === 'string' ? ` (${code})` : ''}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text, which for --auth-file is a credential.
    throw new UsageError(`${flag} ${path} is not valid JSON`);
  }
}

function positiveInteger(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive integer`);
  return n;
}

function parseAuthEntries(entries: string[]): Record<string, string> {
  const auth: Record<string, string> = {};
  entries.forEach((entry, i) => {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new UsageError(`--auth entry #${i + 1} is not key=value`);
    auth[entry.slice(0, eq)] = entry.slice(eq + 1);
  });
  return auth;
}

function parseHeaders(entries: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  entries.forEach((entry, i) => {
    const colon = entry.indexOf(':');
    const name = colon > 0 ? entry.slice(0, colon).trim() : '';
    if (!HEADER_NAME.test(name)) throw new UsageError(`--header entry #${i + 1} is not 'Name: value'`);
    if (RESERVED_HEADERS.has(name.toLowerCase())) throw new UsageError(`--header ${name} is set by the HTTP client and cannot be given`);
    headers[name] = entry.slice(colon + 1).trim();
  });
  return headers;
}

async function parseExpectIds(path: string, read: ReadText): Promise<string[]> {
  const data = await readJsonFile('--expect-ids', path, read);
  if (!Array.isArray(data)) throw new UsageError(`--expect-ids ${path} must hold a JSON array of ids`);
  return data.map((id, i) => {
    if (typeof id === 'string' && id !== '') return id;
    if (typeof id === 'number' && Number.isFinite(id)) return String(id);
    throw new UsageError(`--expect-ids ${path}: entry #${i + 1} is not a non-empty string`);
  });
}

async function buildConfig(argv: string[], read: ReadText): Promise<CliParse> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        auth: { type: 'string', multiple: true },
        'auth-file': { type: 'string' },
        checkpoint: { type: 'string' },
        header: { type: 'string', multiple: true },
        bearer: { type: 'string' },
        'max-pages': { type: 'string' },
        'timeout-ms': { type: 'string' },
        'strict-duplicates': { type: 'boolean' },
        'expect-ids': { type: 'string' },
        output: { type: 'string' },
        json: { type: 'boolean' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    // parseArgs names the option but not its value, e.g. "Unknown option '--insecure'".
    throw new UsageError((e as Error).message.split('. To specify a positional')[0]!);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };

  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0 ? 'the bridge URL is missing' : `expected one bridge URL, got ${positionals.length} arguments`,
    );
  }
  const url = positionals[0]!;
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new UsageError('the bridge URL is not a valid URL');
  }
  if (protocol !== 'http:' && protocol !== 'https:') throw new UsageError(`the bridge URL must be http or https: ${displayUrl(url)}`);

  let auth: Record<string, unknown> = {};
  if (values['auth-file'] !== undefined) {
    const fromFile = await readJsonFile('--auth-file', values['auth-file'], read);
    if (fromFile === null || typeof fromFile !== 'object' || Array.isArray(fromFile)) {
      throw new UsageError(`--auth-file ${values['auth-file']} must hold a JSON object`);
    }
    auth = fromFile as Record<string, unknown>;
  }
  auth = { ...auth, ...parseAuthEntries(values.auth ?? []) };

  const headers = parseHeaders(values.header ?? []);
  if (values.bearer !== undefined) {
    if (values.bearer === '') throw new UsageError('--bearer needs a token');
    if (Object.keys(headers).some((name) => name.toLowerCase() === 'authorization')) {
      throw new UsageError('give either --bearer or an Authorization --header, not both');
    }
  }
  if (values.checkpoint === '') throw new UsageError('--checkpoint needs a value; omit it for a full sync');

  const run: CliRunOptions = { url, auth, headers };
  if (values.bearer !== undefined) run.bearer = values.bearer;
  if (values.checkpoint !== undefined) run.checkpoint = values.checkpoint;
  const maxPages = positiveInteger('--max-pages', values['max-pages']);
  if (maxPages !== undefined) run.maxPages = maxPages;
  const timeoutMs = positiveInteger('--timeout-ms', values['timeout-ms']);
  if (timeoutMs !== undefined) run.timeoutMs = timeoutMs;
  if (values['strict-duplicates']) run.strictDuplicates = true;
  if (values['expect-ids'] !== undefined) run.expectIds = await parseExpectIds(values['expect-ids'], read);
  if (values.output === '') throw new UsageError('--output needs a file name');

  return { kind: 'run', config: { run, json: values.json ?? false, quiet: values.quiet ?? false, output: values.output } };
}

/** Parses the arguments (without node and script) and reads the files they name; bad input is a usage_error, not an exception. */
export async function parseCli(argv: string[], read: ReadText = defaultRead): Promise<CliParse> {
  try {
    return await buildConfig(argv, read);
  } catch (e) {
    if (e instanceof UsageError) return { kind: 'usage_error', message: e.message };
    throw e;
  }
}
