/**
 * Summarise a V8 .cpuprofile (from `node --cpu-prof`): the top functions by self time with their
 * URLs, then time by package / source file, self and inclusive.
 *
 *   npx tsx bench/summarize-profile.ts <file.cpuprofile> [--top 25] [--from-us N] [--to-us N]
 *
 * --from-us/--to-us keep only the samples taken inside that window of the profile's monotonic
 * clock (µs, the clock of process.hrtime); bench/run.ts passes the start and end of its load so
 * that start-up (module loading, schema compilation) and shutdown do not pollute the summary.
 * Percentages are of busy time: every sample except (idle).
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SummaryOptions {
  top?: number;
  fromUs?: number;
  toUs?: number;
}

const SPECIAL = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

function shortUrl(url: string): string {
  if (!url.startsWith('file://')) return url;
  const path = fileURLToPath(url);
  const rel = relative(process.cwd(), path);
  if (rel.startsWith('..')) return path;
  // Compiled targets (bench/lib/children.ts) run from dist/: named by their source file.
  const compiled = /^dist\/(.*)\.js$/.exec(rel);
  return compiled ? `${compiled[1]}.ts` : rel;
}

/** What a frame belongs to: a package, a source file of this repository, a Node module, or V8. */
export function categoryOf(frame: CallFrame): string {
  if (SPECIAL.has(frame.functionName)) return frame.functionName;
  const url = frame.url;
  if (url === '') {
    // Ajv compiles each schema to a function named validate<N> with no script URL.
    return /^validate\d+$/.test(frame.functionName) ? 'ajv (generated validators)' : '(native / V8 builtins)';
  }
  const nm = url.lastIndexOf('/node_modules/');
  if (nm !== -1) {
    const parts = url.slice(nm + '/node_modules/'.length).split('/');
    return (parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1] ?? ''}` : parts[0]) ?? url;
  }
  if (url.startsWith('node:')) {
    const name = url.slice('node:'.length);
    if (name.startsWith('_http_') || name === 'http') return 'node:http';
    const parts = name.split('/');
    return parts[0] === 'internal' && parts.length > 2 ? `node:internal/${parts[1]}` : `node:${name}`;
  }
  return shortUrl(url);
}

function frameKey(frame: CallFrame): string {
  const name = frame.functionName || '(anonymous)';
  if (SPECIAL.has(name)) return name;
  if (frame.url === '') return `${name}  [native]`;
  const file = shortUrl(frame.url);
  // tsx emits each TypeScript module as one line: its line:column would point nowhere useful.
  if (frame.lineNumber === 0 && /^(src|bench)\//.test(file)) return `${name}  ${file}`;
  return `${name}  ${file}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
}

function pct(part: number, whole: number): string {
  return whole === 0 ? '  -  ' : `${((100 * part) / whole).toFixed(1).padStart(5)}%`;
}

function ms(us: number): string {
  return `${(us / 1000).toFixed(1).padStart(8)} ms`;
}

/** Self and inclusive times (µs) by function and by category, inside the window. */
export interface ProfileAnalysis {
  samples: number;
  kept: number;
  windowed: boolean;
  totalUs: number;
  idleUs: number;
  /** Everything but (idle). */
  busyUs: number;
  self: Map<string, number>;
  functionIncl: Map<string, number>;
  categorySelf: Map<string, number>;
  categoryIncl: Map<string, number>;
}

export function analyzeProfile(profile: CpuProfile, options: SummaryOptions = {}): ProfileAnalysis {
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }

  // Sample i lasts until sample i+1 (the last one until endTime), as Chrome DevTools counts it.
  const stamps: number[] = new Array(profile.samples.length);
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    stamps[i] = t;
  }
  const from = options.fromUs ?? -Infinity;
  const to = options.toUs ?? Infinity;

  const self = new Map<string, number>();
  const categorySelf = new Map<string, number>();
  const categoryIncl = new Map<string, number>();
  const functionIncl = new Map<string, number>();
  let total = 0;
  let idle = 0;
  let kept = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const at = stamps[i] as number;
    if (at < from || at > to) continue;
    const next = i + 1 < stamps.length ? (stamps[i + 1] as number) : profile.endTime;
    const duration = Math.max(0, Math.min(next, to) - at);
    const leaf = byId.get(profile.samples[i] as number);
    if (!leaf) continue;
    kept++;
    total += duration;
    if (leaf.callFrame.functionName === '(idle)') idle += duration;
    const key = frameKey(leaf.callFrame);
    self.set(key, (self.get(key) ?? 0) + duration);
    const category = categoryOf(leaf.callFrame);
    categorySelf.set(category, (categorySelf.get(category) ?? 0) + duration);
    // Inclusive: every distinct function and category on the stack (recursion counted once).
    const seenFunctions = new Set<string>();
    const seenCategories = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const frame = (byId.get(id) as ProfileNode).callFrame;
      if (frame.functionName === '(root)') break;
      seenFunctions.add(frameKey(frame));
      seenCategories.add(categoryOf(frame));
    }
    for (const f of seenFunctions) functionIncl.set(f, (functionIncl.get(f) ?? 0) + duration);
    for (const c of seenCategories) categoryIncl.set(c, (categoryIncl.get(c) ?? 0) + duration);
  }
  return {
    samples: profile.samples.length,
    kept,
    windowed: Number.isFinite(from) || Number.isFinite(to),
    totalUs: total,
    idleUs: idle,
    busyUs: total - idle,
    self,
    functionIncl,
    categorySelf,
    categoryIncl,
  };
}

export function summarizeProfile(profile: CpuProfile, options: SummaryOptions = {}): string {
  return formatAnalysis(analyzeProfile(profile, options), options.top ?? 25);
}

export function formatAnalysis(a: ProfileAnalysis, top = 25): string {
  const { self, functionIncl, categorySelf, categoryIncl } = a;
  const total = a.totalUs;
  const busy = a.busyUs;
  const lines: string[] = [];
  lines.push(
    `samples ${a.kept} of ${a.samples} (${a.windowed ? 'load window only' : 'whole profile'}), ` +
      `wall ${(total / 1e6).toFixed(2)} s, busy ${(busy / 1e6).toFixed(2)} s (${pct(busy, total).trim()} of wall); percentages are of busy time`,
  );

  lines.push('', `Top ${top} functions by self time:`, '   self           %   function  location');
  const ranked = [...self.entries()].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]);
  for (const [key, us] of ranked.slice(0, top)) lines.push(`${ms(us)}  ${pct(us, busy)}   ${key}`);

  lines.push(
    '',
    'By package / file (self = in its own code; incl = with everything it called):',
    '   self           %       incl           %   where',
  );
  const categories = [...categorySelf.keys(), ...[...categoryIncl.keys()].filter((c) => !categorySelf.has(c))].filter(
    (c) => c !== '(idle)',
  );
  categories.sort((a, b) => (categorySelf.get(b) ?? 0) - (categorySelf.get(a) ?? 0));
  for (const c of categories.slice(0, 30)) {
    const s = categorySelf.get(c) ?? 0;
    const incl = categoryIncl.get(c) ?? 0;
    lines.push(`${ms(s)}  ${pct(s, busy)}  ${ms(incl)}  ${pct(incl, busy)}   ${c}`);
  }

  lines.push(
    '',
    `Top ${top} functions of this repository (src/, bench/) by inclusive time (synchronous callees only):`,
    '   incl           %   function  location',
  );
  const own = [...functionIncl.entries()].filter(([k]) => /\s(src|bench)\//.test(k)).sort((a, b) => b[1] - a[1]);
  for (const [key, us] of own.slice(0, top)) lines.push(`${ms(us)}  ${pct(us, busy)}   ${key}`);
  return lines.join('\n');
}

export function readProfile(path: string): CpuProfile {
  return JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
}

export function summarizeProfileFile(path: string, options: SummaryOptions = {}): string {
  return summarizeProfile(readProfile(path), options);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
  const flag = (name: string): number | undefined => {
    const i = args.indexOf(name);
    return i === -1 || args[i + 1] === undefined ? undefined : Number(args[i + 1]);
  };
  if (!file) {
    process.stderr.write('usage: tsx bench/summarize-profile.ts <file.cpuprofile> [--top 25] [--from-us N] [--to-us N]\n');
    process.exit(2);
  }
  const options: SummaryOptions = {};
  const topN = flag('--top');
  const fromUs = flag('--from-us');
  const toUs = flag('--to-us');
  if (topN !== undefined) options.top = topN;
  if (fromUs !== undefined) options.fromUs = fromUs;
  if (toUs !== undefined) options.toUs = toUs;
  console.log(summarizeProfileFile(file, options));
}
