/**
 * The one error type the bridge raises on purpose. `code` is stable and machine-readable (it is
 * the `error.code` of the JSON body, enumerated in schemas/error.schema.json); the HTTP status
 * for each code lives only in the error middleware (src/http/error-handler.ts).
 */
export type ErrorCode =
  | 'invalid_request'
  | 'bridge_unauthorized'
  | 'invalid_auth'
  | 'invalid_checkpoint'
  | 'invalid_offset'
  | 'crm_host_not_allowed'
  | 'not_found'
  | 'method_not_allowed'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'crm_unauthorized'
  | 'crm_rate_limited'
  | 'crm_error'
  | 'crm_bad_response'
  | 'crm_unreachable'
  | 'crm_timeout'
  | 'client_closed'
  | 'shutting_down'
  | 'internal_error';

export interface AppErrorOptions {
  /** Seconds the caller should wait before retrying (429). */
  retryAfterSeconds?: number;
  /** Safe, secret-free detail for the log only (never sent to the client). */
  logDetail?: Record<string, unknown>;
  /** The CRM refused the pagination cursor we sent (the sync can restart from its own position). */
  cursorRejected?: boolean;
  /** A transient CRM failure: the same call may succeed if tried again (after retryAfterSeconds). */
  retryable?: boolean;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryAfterSeconds: number | undefined;
  logDetail: Record<string, unknown> | undefined;
  readonly cursorRejected: boolean;
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.logDetail = options.logDetail;
    this.cursorRejected = options.cursorRejected ?? false;
    this.retryable = options.retryable ?? false;
  }

  /** Add secret-free facts for the log line (e.g. how many retries were made). */
  addLogDetail(detail: Record<string, unknown>): this {
    this.logDetail = { ...this.logDetail, ...detail };
    return this;
  }
}
