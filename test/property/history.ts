import fc from 'fast-check';

/*
 * A history: what one example of the property-based sync suite does (see sync-invariants.test.ts
 * for what is checked). Some initial data, then commands: writes to the CRM and Talkdesk's moves.
 * Every history, generated or written by hand, prints as one line, so that a shrunk failure reads
 * as a short recipe.
 */

export type Write =
  | { kind: 'create' }
  | { kind: 'update'; pick: number }
  | { kind: 'bulk'; pick: number; size: number }
  | { kind: 'delete'; pick: number }
  /** `pick` null: a new record; else a late-committed update of an existing one. */
  | { kind: 'late'; slackMs: number; pick: number | null }
  | { kind: 'advance'; ms: number };

/**
 * `sync` starts a run, or serves the next page of the run in progress; `pages n` serves up to n
 * more pages; `stop` abandons the run after the page last served (Talkdesk keeps that page's
 * checkpoint, so the next `sync` resumes from it as an incremental sync).
 */
export type Cmd = Write | { kind: 'sync' } | { kind: 'pages'; n: number } | { kind: 'stop' };

export function cmdText(c: Cmd): string {
  switch (c.kind) {
    case 'create':
    case 'sync':
    case 'stop':
      return c.kind;
    case 'update':
    case 'delete':
      return `${c.kind} #${c.pick}`;
    case 'bulk':
      return `bulk #${c.pick} x${c.size}`;
    case 'late':
      return `late +${c.slackMs}ms ${c.pick === null ? 'new' : `#${c.pick}`}`;
    case 'advance':
      return `advance ${c.ms}ms`;
    case 'pages':
      return `pages ${c.n}`;
  }
}

export interface InitialGroup {
  /** Records written at one update time (a tie group). */
  size: number;
  /** Clock advance after the group. */
  gapMs: number;
}

export interface History {
  pageSize: number;
  lookbackS: number;
  /** Written first, at whole milliseconds. */
  initial: InitialGroup[];
  /**
   * Then, for CRMs with sub-millisecond update times: consecutive milliseconds, each holding
   * separately committed records at these microsecond offsets (equal offsets: one statement, an
   * exact tie). Empty otherwise.
   */
  micros: number[][];
  cmds: Cmd[];
}

/** `0x3/1`: three records at +0 µs (one statement), then one at +1 µs. */
function describeMicros(offsets: readonly number[]): string {
  const runs: Array<[number, number]> = [];
  for (const us of offsets) {
    const last = runs[runs.length - 1];
    if (last && last[0] === us) last[1]++;
    else runs.push([us, 1]);
  }
  return runs.map(([us, n]) => (n === 1 ? `${us}` : `${us}x${n}`)).join('/');
}

export function describeHistory(h: History): string {
  const parts = [`pageSize ${h.pageSize}`, `lookback ${h.lookbackS}s`];
  if (h.initial.length > 0) parts.push(`initial [${h.initial.map((g) => `${g.size} then +${g.gapMs}ms`).join(', ')}]`);
  if (h.micros.length > 0) parts.push(`µs per ms [${h.micros.map(describeMicros).join(', ')}]`);
  parts.push(`cmds [${h.cmds.map(cmdText).join(', ')}]`);
  return `{${parts.join(', ')}}`;
}

/** fast-check prints a value with its toStringMethod: a failure then reads as one line. */
export function readable<T extends object>(value: T, text: (v: T) => string): T {
  // A copy: fc.constant hands out one shared object.
  const copy = { ...value };
  Object.defineProperty(copy, fc.toStringMethod, { value: () => text(copy), enumerable: false });
  return copy;
}

/** A history written by hand (a counterexample kept as a regression example), printable like generated ones. */
export function history(h: Omit<History, 'initial' | 'micros'> & Partial<Pick<History, 'initial' | 'micros'>>): History {
  return readable({ initial: [], micros: [], ...h, cmds: h.cmds.map((c) => readable(c, cmdText)) }, describeHistory);
}
