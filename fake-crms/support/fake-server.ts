/**
 * The skeleton every fake CRM server shares, apart from what makes each CRM itself: the queue of
 * injected faults (each request consumes the next one), the bounded log of requests, reading a
 * GraphQL request body, writing answers, starting and closing.
 *
 * A fake extends `FakeCrmServer` and supplies what its CRM does differently: its log entries,
 * how it answers each fault kind, an unreadable body and an unexpected error, its content types,
 * and the request handling itself (`handle`, which starts with `receive` and `playFault`).
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';

import { closeServer, DelayedAnswers, jsonObject, listen, readBody } from './http-support.js';

/**
 * The fault kinds every fake offers. 'hang', 'reset' and 'slow' happen at the transport and are
 * played here the same way for every fake; the others are answered each in its CRM's own way.
 */
export type CommonFaultKind =
  | 'http500'
  | 'http503'
  /** A 200 answer whose body is not JSON (an HTML maintenance page). */
  | 'not-json'
  /** A 200 JSON answer that does not have the shape the API promises. */
  | 'bad-shape'
  /** Never answered; `close()` destroys the socket. */
  | 'hang'
  /** The connection is destroyed without an answer. */
  | 'reset'
  /** Answer normally, after `afterMs` (a slow but healthy CRM). */
  | 'slow';

/** The faults played at the transport, whatever the CRM. */
type TransportFaultKind = 'hang' | 'reset' | 'slow';

/** The fault kinds a fake answers itself (`answerFault`): all but the transport ones. */
export type AnsweredFaultKind<Kind extends string> = Exclude<Kind, TransportFaultKind>;

/** A fault to inject: its kind, and how long to wait before answering with it. */
export interface FaultSpecOf<Kind extends string> {
  kind: Kind;
  /** Wait this long before answering (unref'd timer: does not keep the process alive). */
  afterMs?: number;
}

/** What every fake logs about a request; each fake's `LoggedRequest` adds its own fields. */
export interface LoggedRequestBase<Kind extends string> {
  method: string;
  /** Path with query string. */
  path: string;
  headers: IncomingHttpHeaders;
  /** The GraphQL document text, when the body was JSON with a `query` string. */
  query: string | null;
  variables: Record<string, unknown> | null;
  /** HTTP status answered; null while pending, for 'hang' and for 'reset'. */
  status: number | null;
  /** The injected fault this request consumed, if any. */
  fault: Kind | null;
}

/** What every fake offers its tests; each fake's interface adds its store and its own controls. */
export interface FakeCrm<Kind extends string, Options, Entry> {
  /** Base URL, e.g. http://127.0.0.1:54321. */
  readonly url: string;
  /** Every request received, oldest first (live array). */
  readonly requests: Entry[];
  resetRequests(): void;
  /** Queue faults; each incoming request consumes the next one. */
  injectFaults(faults: ReadonlyArray<Kind | FaultSpecOf<Kind>>): void;
  /** Faults still queued. */
  pendingFaults(): number;
  /** Change options of the running fake. */
  setOptions(partial: Partial<Options>): void;
  readonly options: Readonly<Options>;
  /** Stop listening and destroy every connection, hanging ones included. */
  close(): Promise<void>;
}

/** What `receive` read: the body (null unless a JSON object), its `operationName`, the fault taken. */
export interface ReceivedRequest<Kind extends string> {
  body: Record<string, unknown> | null;
  operationName: string | null;
  fault: FaultSpecOf<Kind> | undefined;
}

export interface ContentTypes {
  json: string;
  html: string;
}

/** Largest request body accepted. */
const MAX_BODY_BYTES = 1024 * 1024;

/** The options (the `key`s of `defaults`) that `options` sets, i.e. does not leave undefined. */
export function pickDefinedOptions<T extends object>(defaults: T, options: Partial<T>): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(defaults) as Array<keyof T>) {
    if (options[key] !== undefined) out[key] = options[key];
  }
  return out;
}

export abstract class FakeCrmServer<
  Kind extends string,
  Options extends { maxLoggedRequests: number },
  Entry extends LoggedRequestBase<Kind>,
> implements FakeCrm<Kind, Options, Entry> {
  /** Every request received, oldest first (live array), at most `maxLoggedRequests`. */
  readonly requests: Entry[] = [];
  protected readonly server = createServer();
  private readonly faults: Array<FaultSpecOf<Kind>> = [];
  private readonly delayed = new DelayedAnswers();
  private baseUrl = '';
  private closing: Promise<void> | null = null;

  protected constructor(
    protected current: Options,
    private readonly contentTypes: ContentTypes,
  ) {}

  get url(): string {
    return this.baseUrl;
  }

  get options(): Readonly<Options> {
    return this.current;
  }

  resetRequests(): void {
    this.requests.length = 0;
  }

  injectFaults(faults: ReadonlyArray<Kind | FaultSpecOf<Kind>>): void {
    for (const fault of faults) this.faults.push(typeof fault === 'string' ? { kind: fault } : { ...fault });
  }

  pendingFaults(): number {
    return this.faults.length;
  }

  close(): Promise<void> {
    if (this.closing !== null) return this.closing;
    this.disposing();
    this.delayed.clear();
    this.closing = closeServer(this.server);
    return this.closing;
  }

  /**
   * Listen on `host:port` and serve; resolves once listening. If listening fails (e.g. EADDRINUSE)
   * the fake is closed and the error rethrown (callers look at error.code).
   */
  async start(host = '127.0.0.1', port = 0): Promise<this> {
    this.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { 'Content-Type': this.contentTypes.json });
          res.end(JSON.stringify(this.unexpectedErrorBody(error instanceof Error ? error.message : String(error))));
        }
      });
    });
    try {
      this.baseUrl = await listen(this.server, host, port);
    } catch (error) {
      await this.close();
      throw error;
    }
    return this;
  }

  // ---- what each fake supplies ---------------------------------------------------------------

  abstract setOptions(partial: Partial<Options>): void;

  /** Answer one request (it begins with `receive`, then `playFault`). */
  protected abstract handle(req: IncomingMessage, res: ServerResponse): Promise<void>;

  /** Answer with an injected fault (after its delay); the transport faults never come here. */
  protected abstract answerFault(kind: AnsweredFaultKind<Kind>, req: IncomingMessage, res: ServerResponse, entry: Entry): void;

  /** The body could not be read: too large (`error.message === 'too large'`) or a stream error. */
  protected abstract bodyUnreadable(res: ServerResponse, entry: Entry, error: Error): void;

  /** The JSON body of the 500 answered when `handle` throws. */
  protected abstract unexpectedErrorBody(message: string): unknown;

  /** Release what the fake holds besides the server (called once, by `close`). */
  protected disposing(): void {}

  /** Called as an answer is written (status already set on `entry`). */
  protected answering(_entry: Entry): void {}

  // ---- request handling ----------------------------------------------------------------------

  /**
   * Log a new request, take the next queued fault, and read the body as a GraphQL request: its
   * `query` and `variables` go into `entry`. Resolves null when the body could not be read
   * (`bodyUnreadable` has dealt with it).
   */
  protected async receive(req: IncomingMessage, res: ServerResponse, entry: Entry): Promise<ReceivedRequest<Kind> | null> {
    this.log(entry);
    const fault = this.faults.shift();
    if (fault !== undefined) entry.fault = fault.kind;

    let raw: string;
    try {
      raw = await readBody(req, MAX_BODY_BYTES);
    } catch (error) {
      this.bodyUnreadable(res, entry, error as Error);
      return null;
    }
    const body = jsonObject(raw);
    let operationName: string | null = null;
    if (body !== null) {
      entry.query = typeof body['query'] === 'string' ? body['query'] : null;
      entry.variables = jsonObject(body['variables']);
      operationName = typeof body['operationName'] === 'string' ? body['operationName'] : null;
    }
    return { body, operationName, fault };
  }

  /**
   * Play the fault `receive` took. 'slow' waits `afterMs` and resolves false: answer normally. Any
   * other kind is played after `afterMs` (on a timer `close` cancels) and resolves true: the
   * request is taken care of. 'hang' leaves the request unanswered, 'reset' destroys the
   * connection; the others are answered by `answerFault`.
   */
  protected async playFault(
    fault: FaultSpecOf<Kind> | undefined,
    req: IncomingMessage,
    res: ServerResponse,
    entry: Entry,
  ): Promise<boolean> {
    if (fault === undefined) return false;
    if (fault.kind === 'slow') {
      await new Promise<void>((resolve) => setTimeout(resolve, fault.afterMs ?? 0).unref());
      return false;
    }
    this.delayed.later(fault.afterMs, () => this.playFaultNow(fault.kind, req, res, entry));
    return true;
  }

  private playFaultNow(kind: Kind, req: IncomingMessage, res: ServerResponse, entry: Entry): void {
    if (kind === 'hang') {
      // Never answered; close() destroys the socket. Unref'd so it alone keeps nothing alive.
      req.socket.unref();
    } else if (kind === 'reset') {
      req.socket.destroy();
    } else {
      this.answerFault(kind as AnsweredFaultKind<Kind>, req, res, entry);
    }
  }

  /** Answer with a JSON body, or an HTML one when `body` is a string. */
  protected send(res: ServerResponse, entry: Entry, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (typeof body === 'string') this.sendText(res, entry, status, body, this.contentTypes.html, headers);
    else this.sendText(res, entry, status, JSON.stringify(body), this.contentTypes.json, headers);
  }

  /** Answer with `text` (or its bytes), unless the response is gone or already answered. */
  protected sendText(
    res: ServerResponse,
    entry: Entry,
    status: number,
    text: string | Buffer,
    contentType: string,
    headers: Record<string, string> = {},
  ): void {
    if (res.destroyed || res.headersSent) return;
    entry.status = status;
    this.answering(entry);
    res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text), ...headers });
    res.end(text);
  }

  private log(entry: Entry): void {
    this.requests.push(entry);
    const excess = this.requests.length - this.current.maxLoggedRequests;
    if (excess > 0) this.requests.splice(0, excess);
  }
}
