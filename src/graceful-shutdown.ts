import type http from 'node:http';
import type { Config } from './config.js';
import type { Logger } from './logger.js';

/**
 * SIGTERM/SIGINT, in the order load balancers can see:
 * 1. SHUTDOWN_DELAY_MS: /ready answers 503 while connections are still accepted and served, so
 *    Kubernetes (which removes a terminating pod from its endpoints asynchronously) and other load
 *    balancers stop sending work before the port closes.
 * 2. SHUTDOWN_GRACE_MS: no new connections; in-flight pages finish.
 * 3. Requests still running then are cancelled and answered 503 `shutting_down`: each goes through
 *    the access log and the request metrics like any other answer, then the process exits.
 */
export interface Shutdown {
  /** /ready reads it: false from the first signal. */
  readonly lifecycle: { accepting: boolean; halted: AbortSignal };
  install(): void;
}

/** How long cancelled requests get to write their 503 before their connections are closed. */
const CUT_OFF_SETTLE_MS = 1_000;

export function gracefulShutdown(server: http.Server, config: Config, logger: Logger): Shutdown {
  const halt = new AbortController();
  const lifecycle = { accepting: true, halted: halt.signal };
  let inFlight = 0;
  server.on('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
    inFlight++;
    res.once('close', () => {
      inFlight--;
      // Once closing, a keep-alive connection that has just answered is not waited for.
      if (!lifecycle.accepting) setImmediate(() => server.closeIdleConnections());
    });
  });

  const stop = (signal: string): void => {
    if (!lifecycle.accepting) return;
    lifecycle.accepting = false;
    logger.info(
      { signal, delayMs: config.shutdownDelayMs, graceMs: config.shutdownGraceMs, pid: process.pid },
      'shutting down: /ready answers 503; still serving during the delay',
    );
    setTimeout(() => closeListener(), config.shutdownDelayMs);
  };

  const closeListener = (): void => {
    logger.info({ inFlight, pid: process.pid }, 'no longer accepting connections: finishing in-flight requests');
    const grace = setTimeout(() => cutOff(), config.shutdownGraceMs);
    server.close(() => {
      clearTimeout(grace);
      logger.info({ pid: process.pid }, 'stopped');
      logger.flush();
      process.exit(0);
    });
    server.closeIdleConnections();
  };

  const cutOff = (): void => {
    logger.warn({ stillRunning: inFlight, pid: process.pid }, 'grace period over: answering requests still running 503 shutting_down');
    halt.abort();
    setTimeout(() => server.closeAllConnections(), CUT_OFF_SETTLE_MS).unref();
  };

  return {
    lifecycle,
    install() {
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    },
  };
}
