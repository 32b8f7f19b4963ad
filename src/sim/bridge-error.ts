import { check } from '../validation/validators.js';
import type { Exchange } from './http-exchange.js';
import type { Redactor } from './redact.js';
import type { RunError } from './sync-result.js';

const EXCERPT_LENGTH = 300;

/** The start of a body for a report, whitespace collapsed, credentials redacted. */
export function excerpt(text: string, redact: Redactor): string {
  // Redact before cutting: a secret cut in half would no longer match.
  const flat = redact(text).replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_LENGTH ? flat.slice(0, EXCERPT_LENGTH) + '…' : flat;
}

/** Why the run stopped when the bridge answered a page with a non-2xx status. */
export function errorFromStatus(page: number, answer: Exchange, redact: Redactor): RunError {
  const error: RunError = {
    kind: 'http_status',
    page,
    status: answer.status,
    message: `bridge answered HTTP ${answer.status} on page ${page}`,
  };
  if (answer.status >= 300 && answer.status < 400) error.message += ' (redirects are not followed)';
  if (answer.bodyText !== '') error.bodyExcerpt = excerpt(answer.bodyText, redact);

  const mediaType = (answer.contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
  if (!/^application\/([\w.+-]+\+)?json$/.test(mediaType)) return error;
  let body: unknown;
  try {
    body = JSON.parse(answer.bodyText);
  } catch {
    error.errorBodyNote = 'the body is labelled JSON but does not parse';
    return error;
  }
  const problem = check('talkdesk-bridge/error', body, 'error body');
  if (problem) {
    error.errorBodyNote = redact(`the JSON body is not in the talkdesk-bridge/error format (${problem})`);
  } else {
    const { code, message } = (body as { error: { code: string; message: string } }).error;
    error.errorCode = code;
    error.message += redact(`: ${code}: ${message}`);
  }
  return error;
}
