/**
 * The benchmark's settings: every BENCH_* variable (documented in bench/run.ts's header), read once,
 * and the fixed sizes and credentials the benchmark's children agree on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const num = (name: string, fallback: number): number => {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return n;
};
export const SECONDS = num('BENCH_SECONDS', 10);
export const ROUNDS = Math.max(1, Math.round(num('BENCH_ROUNDS', 3)));
export const WARMUP = num('BENCH_WARMUP_SECONDS', 2);
export const CONNECTIONS = (process.env['BENCH_CONNECTIONS'] ?? '1,8,32').split(',').map((c) => Number(c.trim()));
export const SECTIONS = new Set((process.env['BENCH_SECTIONS'] ?? 'load,mapper,large,profile').split(',').map((x) => x.trim()));
if (process.env['BENCH_PROFILE'] === '0') SECTIONS.delete('profile');
/**
 * Each fresh target process first serves load unmeasured for this long. Measured in consecutive
 * 2-s windows from a fresh start at 32 connections: the bridge, with more code to optimize and a
 * heap still growing to its working size (full collections), spent 40% and then 27% more CPU per
 * request in its first two windows than from the third on; the baseline about 8% in its first.
 */
export const JIT_WARMUP = num('BENCH_JIT_WARMUP_SECONDS', 10);
export const PROFILE_SECONDS = num('BENCH_PROFILE_SECONDS', Math.min(10, SECONDS));
export const PROFILE_CONNECTIONS = Math.max(1, Math.round(num('BENCH_PROFILE_CONNECTIONS', 32)));
export const PROFILE_INTERVAL_US = Math.max(100, Math.round(num('BENCH_PROFILE_INTERVAL_US', 2000)));
/**
 * Node flags of each side. By default both run with the flags production uses (`npm start`, read
 * from package.json; the Dockerfile uses the same): the bridge as deployed, and the baseline on
 * the same runtime settings. Set either variable (even to "") to try another setting A/B.
 */
const PRODUCTION_FLAGS = productionNodeFlags();
const flagsFrom = (name: string): string[] => (process.env[name] ?? PRODUCTION_FLAGS.join(' ')).split(/\s+/).filter(Boolean);
export const BRIDGE_FLAGS = flagsFrom('BENCH_BRIDGE_NODE_FLAGS');
export const BASELINE_FLAGS = flagsFrom('BENCH_BASELINE_NODE_FLAGS');
export const TRIVIAL_FLAGS = flagsFrom('BENCH_TRIVIAL_NODE_FLAGS');

function productionNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const match = /\bnode((?:\s+--\S+)*)\s+dist\//.exec(pkg.scripts?.['start'] ?? '');
  return (match?.[1] ?? '').split(/\s+/).filter(Boolean);
}
export const PEOPLE = Math.round(num('BENCH_PEOPLE', 5000));
export const PAGE_SIZE = 200;
export const LARGE_PAGE_SIZE = 2000;
export const LARGE_PAGE_REQUESTS = 20;
/** Salesforce's GraphQL API answers at most 2,000 records a page (the connector's maxPageSize). */
export const SF_PAGE_SIZE = 2000;
export const SF_CONTACTS = Math.round(num('BENCH_SF_CONTACTS', 5000));
export const SF_TOKEN = '00Dbench!bench-access-token'; // bench/fake-salesforce-child.ts accepts this one
export const API_KEY = 'bench-api-key'; // bench/fake-crm-child.ts accepts this one
export const PROFILE_DIR = join(ROOT, 'bench', 'profiles');
