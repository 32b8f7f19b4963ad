#!/usr/bin/env node
import { writeFile } from 'node:fs/promises';
import { parseCli, USAGE } from '../sim/cli-options.js';
import { writeContactsFile } from '../sim/contacts-file.js';
import { createProgress } from '../sim/progress.js';
import { EXIT, exitCodeFor, formatHumanReport, formatJsonReport } from '../sim/report.js';
import type { Redactor } from '../sim/redact.js';
import { runSync, secretRedactor } from '../sim/run-sync.js';

/** talkdesk-sync-sim: see USAGE in src/sim/cli-options.ts. Parsing, the run and the report live in src/sim/. */

/** Known once the arguments are parsed; until then there is nothing secret to hide. */
let redact: Redactor = (text) => text;

const write = (stream: NodeJS.WriteStream, text: string): Promise<void> => new Promise((resolve) => stream.write(text, () => resolve()));

async function main(argv: string[]): Promise<number> {
  const parsed = await parseCli(argv);
  if (parsed.kind === 'help') {
    await write(process.stdout, USAGE);
    return 0;
  }
  if (parsed.kind === 'usage_error') {
    await write(process.stderr, `talkdesk-sync-sim: ${parsed.message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const { run, json, quiet, output } = parsed.config;
  redact = secretRedactor(run);

  if (output !== undefined) {
    // Fail before a long run, not after it, when the file cannot be written.
    try {
      await writeFile(output, '');
    } catch (e) {
      await write(process.stderr, `talkdesk-sync-sim: cannot write --output ${output} (${(e as { code?: string }).code ?? 'error'})\n`);
      return EXIT.outputFailed;
    }
  }

  const progress = createProgress({
    stream: process.stderr,
    mode: quiet ? 'off' : process.stderr.isTTY ? 'tty' : 'lines',
  });
  const interrupt = new AbortController();
  const onSigint = (): void => {
    // First Ctrl-C ends the run with a partial report; a second one gives up on the report too.
    if (interrupt.signal.aborted) process.exit(EXIT.interrupted);
    interrupt.abort();
  };
  process.on('SIGINT', onSigint);

  progress.start();
  let result;
  try {
    result = await runSync({
      ...run,
      collectContacts: output !== undefined,
      onPage: progress.onPage,
      signal: interrupt.signal,
    });
  } finally {
    progress.stop();
    process.off('SIGINT', onSigint);
  }

  let code = exitCodeFor(result.outcome);
  if (output !== undefined) {
    try {
      await writeContactsFile(output, result.contacts);
    } catch (e) {
      await write(process.stderr, `talkdesk-sync-sim: cannot write --output ${output} (${(e as { code?: string }).code ?? 'error'})\n`);
      code = EXIT.outputFailed;
    }
  }
  await write(process.stdout, json ? formatJsonReport(result, redact) : formatHumanReport(result, redact));
  return code;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Only a bug gets here; the stack could quote request data, so only the redacted message is shown.
    process.stderr.write(redact(`talkdesk-sync-sim: internal error: ${error instanceof Error ? error.message : String(error)}\n`));
    process.exit(EXIT.internal);
  },
);
