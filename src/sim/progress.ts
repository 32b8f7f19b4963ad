import type { PageProgress } from './run-sync.js';

/**
 * The live display on stderr. On a terminal: one line redrawn in place (\r), also between pages so
 * the elapsed time keeps moving while a slow page is in flight. Elsewhere (CI logs, pipes): a
 * plain line every `intervalMs`, because \r redraws turn a log file into one enormous line.
 */

export interface ProgressStream {
  write(chunk: string): unknown;
  columns?: number;
}

export type ProgressMode = 'tty' | 'lines' | 'off';

export interface ProgressOptions {
  stream: ProgressStream;
  mode: ProgressMode;
  /** lines mode: minimum time between two lines. Default 5000. */
  intervalMs?: number;
  /** tty mode: redraw period while waiting for a page. Default 250. */
  redrawMs?: number;
  now?: () => number;
}

export interface Progress {
  start(): void;
  onPage(progress: PageProgress): void;
  /** Ends the display (final redraw and newline on a terminal); idempotent. */
  stop(): void;
}

interface Totals {
  pages: number;
  contacts: number;
}

export function formatProgressLine(totals: Totals, elapsedMs: number): string {
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? Math.round(totals.contacts / seconds) : 0;
  return `talkdesk-sync-sim: ${totals.pages} page(s), ${totals.contacts} contact(s), ${rate} contacts/s, ${seconds.toFixed(1)} s elapsed`;
}

export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? (() => performance.now());
  const totals: Totals = { pages: 0, contacts: 0 };
  let started = 0;
  let lastWrite = -Infinity;
  let drawn = false;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const draw = (): void => {
    let line = formatProgressLine(totals, now() - started);
    const width = options.stream.columns;
    if (width && line.length >= width) line = line.slice(0, width - 1);
    // \x1b[K clears what a longer previous line left behind.
    options.stream.write(`\r${line}\x1b[K`);
    drawn = true;
    lastWrite = now();
  };

  return {
    start() {
      started = now();
      lastWrite = started;
      if (options.mode === 'tty') {
        timer = setInterval(draw, options.redrawMs ?? 250);
        // The display must never be what keeps the process alive.
        timer.unref();
      }
    },
    onPage(progress) {
      totals.pages = progress.page;
      totals.contacts = progress.contacts;
      if (stopped || options.mode === 'off') return;
      if (options.mode === 'tty') {
        if (now() - lastWrite >= 100) draw();
        return;
      }
      if (now() - lastWrite >= (options.intervalMs ?? 5000)) {
        options.stream.write(formatProgressLine(totals, now() - started) + '\n');
        lastWrite = now();
      }
    },
    stop() {
      if (stopped) return;
      stopped = true;
      if (timer) clearInterval(timer);
      if (options.mode === 'tty' && (drawn || totals.pages > 0)) {
        draw();
        options.stream.write('\n');
      }
    },
  };
}
