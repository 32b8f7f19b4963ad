import fc from 'fast-check';
import { cmdText, describeHistory, readable, type Cmd, type History, type InitialGroup, type Write } from './history.js';

/*
 * The generators of histories (history.ts): what fast-check draws, and how a failure shrinks.
 */

const MAX_COMMANDS = 40;
export const MAX_INITIAL_RECORDS = 300;

/** Mostly small values, sometimes larger; a failure shrinks across the ranges to the smallest. */
function mostlySmall(...ranges: Array<[number, number]>): fc.Arbitrary<number> {
  return fc.oneof({ withCrossShrink: true }, ...ranges.map(([min, max]) => fc.integer({ min, max })));
}

const pick = fc.nat(1000);

/** `microClock`: clock advances may be fractions of a millisecond (a Postgres-like clock). */
function writeArb(microClock: boolean): fc.Arbitrary<Write> {
  const advance = microClock
    ? fc.oneof(
        { withCrossShrink: true },
        fc.constant(0),
        fc.integer({ min: 1, max: 999 }).map((us) => us / 1000),
        fc.integer({ min: 1, max: 20 }),
      )
    : mostlySmall([0, 0], [1, 20], [21, 1000]);
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant<Write>({ kind: 'create' }) },
    { weight: 4, arbitrary: pick.map((p): Write => ({ kind: 'update', pick: p })) },
    {
      weight: 2,
      arbitrary: fc.record({ pick, size: mostlySmall([2, 8], [9, 80]) }).map((r): Write => ({ kind: 'bulk', ...r })),
    },
    { weight: 2, arbitrary: pick.map((p): Write => ({ kind: 'delete', pick: p })) },
    {
      weight: 3,
      arbitrary: fc
        // Slack 0 is the window's inclusive edge; slacks past "now" are clamped to now.
        .record({ slackMs: mostlySmall([0, 0], [1, 50], [51, 90_000]), pick: fc.option(pick, { freq: 2 }) })
        .map((r): Write => ({ kind: 'late', ...r })),
    },
    { weight: 3, arbitrary: advance.map((ms): Write => ({ kind: 'advance', ms })) },
  );
}

const moveArb: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Cmd>({ kind: 'sync' }) },
  { weight: 4, arbitrary: mostlySmall([1, 3], [4, 40]).map((n): Cmd => ({ kind: 'pages', n })) },
  { weight: 3, arbitrary: fc.constant<Cmd>({ kind: 'stop' }) },
);

function cmdsArb(writes: fc.Arbitrary<Write> | null): fc.Arbitrary<Cmd[]> {
  const cmd =
    writes === null ? moveArb : fc.oneof({ weight: 18, arbitrary: writes as fc.Arbitrary<Cmd> }, { weight: 11, arbitrary: moveArb });
  // 'medium': histories long enough that writes often land inside runs and runs get stopped.
  return fc.array(
    cmd.map((c) => readable(c, cmdText)),
    { maxLength: MAX_COMMANDS, size: 'medium' },
  );
}

/** Small pages put many boundaries inside tie groups; large ones cover "all in one page". */
function pageSizeArb(max: number): fc.Arbitrary<number> {
  return mostlySmall([1, Math.min(5, max)], [1, Math.min(40, max)], [1, max]);
}

const initialArb = fc.array(
  fc.record({
    size: mostlySmall([1, 5], [6, 60], [61, MAX_INITIAL_RECORDS]),
    // 0: the next group shares the update time; hours: old data, outside any lookback window.
    gapMs: mostlySmall([0, 0], [1, 5], [1000, 4 * 3600_000]),
  }),
  { maxLength: 5 },
);

/** Property 1: whole milliseconds, every kind of write. */
export function historyArb(maxPageSize: number): fc.Arbitrary<History> {
  return fc
    .record({
      pageSize: pageSizeArb(maxPageSize),
      lookbackS: fc.constantFrom(60, 60, 5, 1, 0),
      initial: initialArb,
      micros: fc.constant<number[][]>([]),
      cmds: cmdsArb(writeArb(false)),
    })
    .map((h) => readable(h, describeHistory));
}

/**
 * How crowded a millisecond may get in the sub-millisecond properties:
 * - 'records': at most a page of records per millisecond, whatever their microseconds;
 * - 'commits': at most a page of separately committed writes per millisecond, each of any number
 *   of records (one statement: one exact timestamp), which is what the sync guarantees promise;
 * - 'any': any number, plus every kind of write on a clock that moves by microseconds (Twenty in
 *   production, where each separately committed write has its own microsecond).
 * Only 'any' writes after the initial data: writes would break the other two bounds.
 */
export type Crowding = 'records' | 'commits' | 'any';

const MAX_SUB_MS_PAGE = 12;

/** One millisecond: the microsecond offsets of its records, before `crowding` trims it to a page size. */
function millisecondArb(crowding: Crowding): fc.Arbitrary<number[]> {
  const us = fc.integer({ min: 0, max: 999 });
  if (crowding !== 'commits') return fc.array(us, { minLength: 1, maxLength: 3 * MAX_SUB_MS_PAGE + 2 });
  return fc
    .uniqueArray(fc.tuple(us, fc.integer({ min: 1, max: 2 * MAX_SUB_MS_PAGE + 1 })), {
      minLength: 1,
      maxLength: MAX_SUB_MS_PAGE,
      selector: ([offset]) => offset,
    })
    .map((commits) => commits.flatMap(([offset, n]) => Array.from({ length: n }, () => offset)));
}

/** Trim a millisecond to the crowding allowed for this page size (applied after generation, so
 * that page size and data shrink independently). */
function crowd(offsets: readonly number[], pageSize: number, crowding: Crowding): number[] {
  if (crowding === 'records') return offsets.slice(0, pageSize);
  if (crowding === 'any') return [...offsets];
  const kept = new Set<number>();
  return offsets.filter((us) => {
    if (!kept.has(us) && kept.size < pageSize) kept.add(us);
    return kept.has(us);
  });
}

/** The sub-millisecond properties (CRMs that store update times finer than they serve them). */
export function subMsHistoryArb(maxPageSize: number, crowding: Crowding): fc.Arbitrary<History> {
  return fc
    .record({
      pageSize: fc.integer({ min: 1, max: Math.min(MAX_SUB_MS_PAGE, maxPageSize) }),
      lookbackS: fc.constantFrom(0, 1, 60),
      initial:
        crowding === 'any'
          ? initialArb.map((gs) => gs.map((g) => ({ ...g, size: Math.min(g.size, 40) })))
          : fc.constant<InitialGroup[]>([]),
      micros: fc.array(millisecondArb(crowding), { minLength: 1, maxLength: 8 }),
      cmds: cmdsArb(crowding === 'any' ? writeArb(true) : null),
    })
    .map((h) => readable({ ...h, micros: h.micros.map((m) => crowd(m, h.pageSize, crowding)) }, describeHistory));
}
