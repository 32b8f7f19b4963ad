/**
 * Configuration, read from the environment once at start, validated, frozen. Every variable is
 * documented in the README's configuration table (keep both in step). A bad value stops the
 * process at start with a message naming the variable, never at the first request.
 */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  readonly nodeEnv: string;
  readonly host: string;
  readonly port: number;
  readonly logLevel: LogLevel;
  /** json: one JSON object a line; pretty: human-readable; auto: pretty on a terminal outside production. */
  readonly logFormat: 'json' | 'pretty';
  /** Page size asked of the CRM; undefined = each connector's default. Capped per connector. */
  readonly pageSize: number | undefined;
  readonly lookbackSeconds: number;
  readonly crmTimeoutMs: number;
  readonly requestDeadlineMs: number;
  /** Retries of a transient CRM failure within one request (still bounded by the deadline). */
  readonly crmMaxRetries: number;
  readonly crmRetryBaseMs: number;
  readonly allowPrivateHosts: boolean;
  /** host or host:port entries that may be reached even when private (self-hosted CRMs). */
  readonly allowedHosts: readonly string[];
  readonly bodyLimitBytes: number;
  /** Shared secret Talkdesk must present; undefined = no inbound check. */
  readonly bridgeToken: string | undefined;
  /** BRIDGE_AUTH_EXTERNAL: something in front of the bridge authenticates, so production may run without BRIDGE_TOKEN. */
  readonly authExternal: boolean;
  /** After SIGTERM: how long /ready answers 503 while connections are still accepted and served. */
  readonly shutdownDelayMs: number;
  /** After the delay: how long in-flight requests may take before they are cut off. */
  readonly shutdownGraceMs: number;
  /** Worker processes sharing the port (node:cluster); 1 = serve in this process. */
  readonly webConcurrency: number;
  readonly demoCrm: boolean;
  readonly demoCrmPort: number;
  readonly demoCrmPeople: number;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function text(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v === undefined || v === '' ? undefined : v;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number between ${min} and ${max}, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = text(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['true', '1', 'yes', 'on'].includes(raw)) return true;
  if (['false', '0', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false (or on/off, 1/0), got "${env[name]}"`);
}

function logFormat(env: Env, nodeEnv: string): 'json' | 'pretty' {
  const raw = (text(env, 'LOG_FORMAT') ?? 'auto').toLowerCase();
  if (raw === 'json' || raw === 'pretty') return raw;
  if (raw !== 'auto') throw new ConfigError(`LOG_FORMAT must be auto, json or pretty, got "${env['LOG_FORMAT']}"`);
  return process.stdout.isTTY && DEVELOPMENT_ENVS.includes(nodeEnv) ? 'pretty' : 'json';
}

function token(env: Env): string | undefined {
  const value = env['BRIDGE_TOKEN'];
  if (value === undefined || value === '') return undefined;
  // Printable ASCII without spaces or colons, so it fits a Bearer header and Basic userinfo alike.
  if (!/^[\x21-\x39\x3b-\x7e]{16,512}$/.test(value)) {
    throw new ConfigError('BRIDGE_TOKEN must be 16 to 512 printable characters without spaces or colons');
  }
  return value;
}

/**
 * Development and test are the only environments that get conveniences (the demo CRM on, no
 * token required, no readiness delay at shutdown); NODE_ENV unset means development. Any other
 * value, `prod` and `staging` included, is treated as production: safe by default.
 */
const DEVELOPMENT_ENVS: readonly string[] = ['development', 'test'];

/**
 * Default readiness-drain delay outside development: Kubernetes removes a terminating pod from
 * its Service endpoints asynchronously (kube-proxy, ingress controllers and cloud load balancers
 * each take a moment to notice), so for a few seconds after SIGTERM new connections still arrive.
 * 5 s covers typical propagation; with the 20 s grace it fits Kubernetes' default
 * terminationGracePeriodSeconds of 30.
 */
const PRODUCTION_SHUTDOWN_DELAY_MS = 5_000;

const HOST_ENTRY = /^(?:\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d{1,5})?$/i;

export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = text(env, 'NODE_ENV') ?? 'development';
  const logLevel = (text(env, 'LOG_LEVEL') ?? 'info').toLowerCase() as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env['LOG_LEVEL']}"`);

  const allowedHosts = (text(env, 'CRM_ALLOWED_HOSTS') ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== '');
  for (const h of allowedHosts) {
    if (!HOST_ENTRY.test(h)) throw new ConfigError(`CRM_ALLOWED_HOSTS entries must be host or host:port, got "${h}"`);
  }

  const crmTimeoutMs = int(env, 'CRM_TIMEOUT_MS', 10_000, 100, 120_000);
  const requestDeadlineMs = int(env, 'REQUEST_DEADLINE_MS', 25_000, 100, 300_000);
  if (requestDeadlineMs < crmTimeoutMs) {
    throw new ConfigError(`REQUEST_DEADLINE_MS (${requestDeadlineMs}) must not be below CRM_TIMEOUT_MS (${crmTimeoutMs})`);
  }

  const development = DEVELOPMENT_ENVS.includes(nodeEnv);
  const bridgeToken = token(env);
  const authExternal = bool(env, 'BRIDGE_AUTH_EXTERNAL', false);
  if (!development && bridgeToken === undefined && !authExternal) {
    throw new ConfigError(
      `BRIDGE_TOKEN is required when NODE_ENV is "${nodeEnv}" (anything but development or test): set it to the shared secret Talkdesk presents, ` +
        'or set BRIDGE_AUTH_EXTERNAL=true if something in front of the bridge authenticates Talkdesk',
    );
  }

  const config: Config = {
    nodeEnv,
    host: text(env, 'HOST') ?? '0.0.0.0',
    port: int(env, 'PORT', 3000, 0, 65_535),
    logLevel,
    logFormat: logFormat(env, nodeEnv),
    pageSize: text(env, 'PAGE_SIZE') === undefined ? undefined : int(env, 'PAGE_SIZE', 0, 1, 10_000),
    lookbackSeconds: int(env, 'SYNC_LOOKBACK_SECONDS', 300, 0, 7 * 24 * 3600),
    crmTimeoutMs,
    requestDeadlineMs,
    crmMaxRetries: int(env, 'CRM_MAX_RETRIES', 2, 0, 10),
    crmRetryBaseMs: int(env, 'CRM_RETRY_BASE_MS', 250, 1, 60_000),
    allowPrivateHosts: bool(env, 'CRM_ALLOW_PRIVATE_HOSTS', false),
    allowedHosts,
    bridgeToken,
    authExternal,
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024, 64 * 1_048_576),
    shutdownDelayMs: int(env, 'SHUTDOWN_DELAY_MS', development ? 0 : PRODUCTION_SHUTDOWN_DELAY_MS, 0, 600_000),
    shutdownGraceMs: int(env, 'SHUTDOWN_GRACE_MS', 20_000, 0, 600_000),
    webConcurrency: int(env, 'WEB_CONCURRENCY', 1, 1, 256),
    demoCrm: bool(env, 'DEMO_CRM', development),
    demoCrmPort: int(env, 'DEMO_CRM_PORT', 4100, 0, 65_535),
    demoCrmPeople: int(env, 'DEMO_CRM_PEOPLE', 3000, 0, 200_000),
  };
  return Object.freeze(config);
}
