/** The simulator as a library: what the CLI uses and what other test suites drive programmatically. */
export {
  runSync,
  secretRedactor,
  DEFAULT_MAX_PAGES,
  DEFAULT_TIMEOUT_MS,
  type RunSyncOptions,
  type SyncResult,
  type PageRecord,
  type PageProgress,
  type RunError,
  type RunOutcome,
} from './run-sync.js';
export type { Violation, ViolationKind } from './checks.js';
export type { FetchLike, FetchInit, FetchResponseLike } from './http-exchange.js';
export { formatHumanReport, formatJsonReport, toJsonReport, exitCodeFor, EXIT, type JsonReport } from './report.js';
export { createProgress, type Progress, type ProgressMode } from './progress.js';
export { writeContactsFile, serializeContacts } from './contacts-file.js';
