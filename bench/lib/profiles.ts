/**
 * The profile section: each target under load with `node --cpu-prof`, each profile summarised
 * (bench/summarize-profile.ts), then both side by side per request.
 */
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeProfile, formatAnalysis, readProfile, type ProfileAnalysis } from '../summarize-profile.js';
import { startChild, stopChild, type Child } from './children.js';
import { load } from './load.js';
import { f, line, pad } from './report.js';
import { JIT_WARMUP, PROFILE_CONNECTIONS, PROFILE_DIR, PROFILE_INTERVAL_US, PROFILE_SECONDS } from './settings.js';

interface ProfiledRun {
  name: string;
  analysis: ProfileAnalysis;
  requests: number;
}

/**
 * Two profiles side by side, per request: where the bridge spends CPU that a reference does not.
 * Sampled times divided by the requests answered in the same window; the sum is the busy time
 * per request while profiled (a little above the unprofiled CPU µs/req: sampling costs too).
 */
function compareProfiles(bridge: ProfiledRun, reference: ProfiledRun): void {
  const perReq = (run: ProfiledRun, category: string): number => (run.analysis.categorySelf.get(category) ?? 0) / Math.max(1, run.requests);
  const categories = new Set([...bridge.analysis.categorySelf.keys(), ...reference.analysis.categorySelf.keys()]);
  categories.delete('(idle)');
  const rows = [...categories].map((c) => ({ c, bridge: perReq(bridge, c), reference: perReq(reference, c) }));
  rows.sort((a, b) => b.bridge - b.reference - (a.bridge - a.reference));
  line();
  line(
    `Per request, self time by package / file, bridge vs ${reference.name} (µs per request, from the two profiles; rows under 10 µs apart omitted).`,
  );
  line('JSON.parse and JSON.stringify are V8 builtins without frames of their own: their time is the self time of the caller,');
  line("i.e. graphql-request's parseResultFromText and koa's respond in the bridge, the handler and toResponse in the proxies.");
  line(`   bridge ${reference.name.padStart(9)}     extra   where`);
  for (const row of rows.filter((r) => Math.abs(r.bridge - r.reference) >= 10)) {
    line(`${pad(f(row.bridge, 0), 9)} ${pad(f(row.reference, 0), 9)} ${pad(f(row.bridge - row.reference, 0), 9)}   ${row.c}`);
  }
  const busy = (run: ProfiledRun): number => run.analysis.busyUs / Math.max(1, run.requests);
  line(
    `${pad(f(busy(bridge), 0), 9)} ${pad(f(busy(reference), 0), 9)} ${pad(f(busy(bridge) - busy(reference), 0), 9)}   total busy time per request`,
  );
}

/** Each of `targets` ([name, script, env, node flags]) started afresh, profiled, and summarised. */
export async function profileSection(
  fake: Child,
  body: string,
  targets: ReadonlyArray<readonly [string, string, Record<string, string>, string[]]>,
): Promise<void> {
  mkdirSync(PROFILE_DIR, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const profiles: ProfiledRun[] = [];
  for (const [name, script, env, flags] of targets) {
    const file = `${name}-c${PROFILE_CONNECTIONS}-${stamp}.cpuprofile`;
    // tsx's module hooks run on a loader thread that --cpu-prof profiles too: each thread gets its
    // own file in this directory, and only the main thread's (thread id 0) is kept.
    const dir = join(PROFILE_DIR, `${name}-${stamp}`);
    const profiled = await startChild(`${name} (profiled)`, script, env, [
      ...flags,
      '--cpu-prof',
      '--cpu-prof-dir',
      dir,
      '--cpu-prof-interval',
      String(PROFILE_INTERVAL_US),
    ]);
    await load(profiled, fake, body, 8, JIT_WARMUP, 0);
    const r = await load(profiled, fake, body, PROFILE_CONNECTIONS, PROFILE_SECONDS);
    const [from, to] = r.targetWindowUs;
    await stopChild(profiled);
    const main = readdirSync(dir).find((name) => /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/.test(name));
    if (!main) throw new Error(`no main-thread profile in ${dir}: ${readdirSync(dir).join(', ')}`);
    renameSync(join(dir, main), join(PROFILE_DIR, file));
    rmSync(dir, { recursive: true });
    line();
    line(
      `Profile: ${name} under ${PROFILE_CONNECTIONS} connection(s) for ${PROFILE_SECONDS} s (${f(r.rps, 0)} req/s while profiled, ${f(r.targetCpuUsPerReq, 0)} µs CPU/req), ` +
        `start-up and warm-up excluded — ${join('bench', 'profiles', file)}`,
    );
    const analysis = analyzeProfile(readProfile(join(PROFILE_DIR, file)), { fromUs: from, toUs: to });
    line(formatAnalysis(analysis, 25));
    profiles.push({ name, analysis, requests: r.requests });
  }
  const [bridge, ...references] = profiles;
  if (bridge) for (const reference of references) compareProfiles(bridge, reference);
}
