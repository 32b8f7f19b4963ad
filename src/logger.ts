import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.js';

/**
 * Structured JSON logs (one object a line, for log shippers). Request bodies are never logged;
 * the redaction below is a second line of defence should a credential-bearing object reach a log
 * call anyway.
 */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream, format: 'json' | 'pretty' = 'json'): Logger {
  if (format === 'pretty' && destination === undefined) {
    // For people at a terminal; the redaction below applies before formatting.
    destination = pino.transport({ target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' } });
  }
  return pino(
    {
      level,
      base: { service: 'talkdesk-crm-bridge' },
      redact: {
        paths: [
          'auth',
          '*.auth',
          'headers.authorization',
          '*.headers.authorization',
          'api_key',
          '*.api_key',
          'access_token',
          '*.access_token',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

export type { Logger };
