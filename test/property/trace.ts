/*
 * The trace of one example (writes, runs, pages served), carried by every failure's message.
 */

/** Keeps the error message of a failure readable. */
const TRACE_LINES = 40;

/** A broken invariant; its message carries the trace. */
export class PropertyFailure extends Error {}

/** An id short enough for a trace line: Shopify's GIDs differ only at the end. */
export function short(id: string | null | undefined): string {
  if (!id) return String(id);
  return id.startsWith('gid://') ? id.slice(id.lastIndexOf('/') + 1) : id.slice(0, 8);
}

export class Trace {
  private readonly lines: string[] = [];

  /** `origin`: the store's clock at the start, so that times in the trace stay short. */
  constructor(private readonly origin: number) {}

  /** Times relative to the store's start. */
  t(ms: number): string {
    return `t${ms - this.origin >= 0 ? '+' : ''}${+(ms - this.origin).toFixed(3)}`;
  }

  note(line: string): void {
    this.lines.push(line);
  }

  report(message: string): string {
    const trace = this.lines.length > TRACE_LINES ? ['…', ...this.lines.slice(-TRACE_LINES)] : this.lines;
    return `${message}\n  trace:\n    ${trace.join('\n    ')}`;
  }

  fail(message: string): never {
    throw new PropertyFailure(this.report(message));
  }
}
