// core/runtime: the Runtime API of one execution environment (lambda-semantics.md §1): an HTTP/1.1
// server on 127.0.0.1 that hands events to the runtime on /next and takes its responses and errors. Each
// runtime process is a generation with its own secret path segment in AWS_LAMBDA_RUNTIME_API; requests
// without it (other local processes, a runtime from before a reset) are refused, unless their connection
// is held by the current runtime's own process tree (clients that keep only host:port; runtimePeer.ts).
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { eventOut, eventSettled, SPIN_HEADER } from './answerSpin';
import type { DebuggerState } from './environmentDebug';
import { serveLocalConnection, type ApiRequest, type ApiResponse } from './localHttp';
import type { PrelaunchedRuntimeApi } from './prelaunch';
import { callerRefused, toRuntimeApiError, type RuntimeState, transitionError } from './runtimeApiErrors';
import { accepted, drainThen, headerString, logSyncOf, readBody, reply } from './runtimeApiReplies';
import { MAX_BUFFERED_RESPONSE_BYTES, MAX_STREAMED_RESPONSE_BYTES, type Invocation, type InvocationOutcome, type RuntimeApiListener, type StreamSink } from './runtimeApiTypes';
import { OwnConnections } from './ownConnections';

const API = '/2018-06-01/';
export { MAX_BUFFERED_RESPONSE_BYTES, MAX_STREAMED_RESPONSE_BYTES } from './runtimeApiTypes';
export type { Invocation, InvocationOutcome, RuntimeApiListener, StreamSink } from './runtimeApiTypes';

export class RuntimeApiServer {
  private readonly server: Server;
  private state: RuntimeState = 'Init';
  private waiting: ApiResponse | undefined;
  private pending: Invocation | undefined;
  private current: Invocation | undefined;
  private streamSink: StreamSink | undefined;
  /** True from the start of a response/error request until its body has been read (finish). */
  private answering = false;
  /** A GET /next pipelined behind the answer being read: handled once that answer is finished. */
  private deferredNext: (() => void) | undefined;
  private readonly answered = new Set<string>();
  private port = 0;
  /** One per runtime process; a reset starts the next. */
  private generation = 0;
  private secret = newSecret();
  /** `/<secret>/2018-06-01/`: checking a request is one string prefix comparison. */
  private prefix = `/${this.secret}${API}`;
  /** Connections without the secret that the current runtime's own process tree holds. */
  private readonly ownConnections = new OwnConnections();
  /** Linux: the same HTTP server on an abstract Unix socket, for our own runtimes (see localSocket). */
  private local: NetServer | undefined;
  private localName: string | undefined;
  /** The local socket's open connections (served by localHttp.ts, not node:http), closed by a reset. */
  private readonly localConnections = new Set<Socket>();
  /** An adopted head start's TCP listener (feeding `server`) and its runtime's secret, until the first reset. */
  private tcp: NetServer | undefined;
  private firstSecret: string | undefined;
  /** An adopted head start's held local connections, until the first reset serves them. */
  private earlyLocal: (() => Socket[]) | undefined;

  constructor(private readonly listener: RuntimeApiListener) {
    this.server = createServer({ noDelay: true, keepAlive: true }, (req, res) => this.route(req, res));
    // A /next long poll can wait for minutes and a streamed response can be long: no server-side timeouts.
    this.server.requestTimeout = 0;
    this.server.headersTimeout = 0;
    this.server.keepAliveTimeout = 0;
  }

  /** Bind to an ephemeral port on 127.0.0.1 only; resolves to the current generation's {@link address}. */
  async listen(adopt?: PrelaunchedRuntimeApi): Promise<string> {
    if (adopt) return this.adopt(adopt);
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    if (process.platform === 'linux') await this.listenLocal();
    return this.address;
  }

  /** A CLI's head start (prelaunch.ts) listened already, with the secret its runtime was given. */
  private adopt(a: PrelaunchedRuntimeApi): string {
    this.tcp = a.tcp;
    a.tcp.on('connection', (socket) => this.server.emit('connection', socket));
    this.port = (a.tcp.address() as AddressInfo).port;
    if (a.local) {
      this.local = a.local.server;
      this.localName = a.local.name;
      // Until the first reset, connections stay held where the head start held them (the runtime connects while
      // it waits at its gate, gate.ts): that reset closes every connection but these.
      this.earlyLocal = a.local.takeEarly;
      a.local.server.on('connection', (socket) => this.earlyLocal === undefined && this.serveLocal(socket));
    }
    this.firstSecret = a.secret;
    return this.address;
  }

  /**
   * Our own runtimes (Node.js, Python) reach the same HTTP server over an abstract Unix socket: the same
   * requests and answers, the same secret path, without the loopback TCP stack, which costs each side of a
   * warm invoke ~20 µs per message (measured here, see the issue-10 note). Abstract names live in the
   * network namespace, which environments share with the host; anyone there could also reach the TCP port,
   * so the secret path guards both. Custom runtimes only ever see AWS_LAMBDA_RUNTIME_API (TCP, §1.1).
   */
  private async listenLocal(): Promise<void> {
    const name = `lambda-workbench-rapi-${process.pid}-${randomBytes(9).toString('base64url')}`;
    const local = createNetServer((socket) => this.serveLocal(socket));
    try {
      await new Promise<void>((resolve, reject) => {
        local.once('error', reject);
        local.listen(`\0${name}`, () => resolve());
      });
    } catch {
      return; // no abstract sockets here: TCP serves every runtime
    }
    this.local = local;
    this.localName = name;
  }

  private serveLocal(socket: Socket): void {
    this.localConnections.add(socket);
    socket.once('close', () => this.localConnections.delete(socket));
    serveLocalConnection(socket, (req, res) => this.route(req, res), (s) => this.server.emit('connection', s));
  }

  /** `@<name>` of the abstract Unix socket our own runtimes may use instead of TCP, when there is one. */
  get localSocket(): string | undefined {
    return this.localName === undefined ? undefined : `@${this.localName}`;
  }

  /** True while the runtime waits on /next with no event for it. */
  get isWaiting(): boolean {
    return this.waiting !== undefined;
  }

  /** True while an event waits for the runtime's next /next. */
  get hasUndelivered(): boolean {
    return this.pending !== undefined;
  }

  /**
   * AWS_LAMBDA_RUNTIME_API for the current generation: `127.0.0.1:<port>/<secret>`. Clients that build
   * `http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/…` (§1.1) send the secret without knowing it is there.
   */
  get address(): string {
    return `127.0.0.1:${this.port}/${this.secret}`;
  }

  /** The current generation's runtime process: the one whose own connections may omit the secret. */
  runtimeStarted(pid: number | undefined): void {
    this.ownConnections.runtimeStarted(pid);
  }

  /** Hand an event to the runtime: now if it is waiting on /next, else as soon as it asks. */
  deliver(inv: Invocation, sink?: StreamSink): void {
    this.pending = inv;
    this.streamSink = sink;
    if (this.waiting) this.sendNext(this.waiting);
  }

  /**
   * Forget the environment's runtime (after a reset); the next process starts in Init again, with a new
   * secret. Every connection of the previous one is closed: a request it had in flight (such as the GET /next
   * it sent as its init timed out) must not reach the next runtime's state.
   */
  reset(): void {
    eventSettled(this);
    const early = this.earlyLocal?.();
    this.earlyLocal = undefined;
    this.closeAllConnections();
    // The head start's runtime, which connected at its gate, is the first generation's (as its secret is).
    for (const socket of early ?? []) this.serveLocal(socket);
    this.generation++;
    // The first generation of an adopted head start keeps the secret its runtime was started with.
    this.secret = this.firstSecret ?? newSecret();
    this.firstSecret = undefined;
    this.prefix = `/${this.secret}${API}`;
    this.ownConnections.runtimeStarted(undefined);
    this.state = 'Init';
    this.pending = undefined;
    this.current = undefined;
    this.waiting = undefined;
    this.streamSink = undefined;
    this.answering = false;
    this.deferredNext = undefined;
  }

  async close(): Promise<void> {
    eventSettled(this);
    this.ownConnections.close();
    this.waiting = undefined;
    this.closeAllConnections();
    const local = this.local;
    this.local = undefined;
    const tcp = this.tcp;
    await Promise.all([
      new Promise<void>((res) => this.server.close(() => res())),
      tcp && new Promise<void>((res) => tcp.close(() => res())),
      local && new Promise<void>((res) => local.close(() => res())),
    ]);
  }

  private closeAllConnections(): void {
    if (this.earlyLocal) for (const socket of this.earlyLocal()) socket.destroy();
    this.earlyLocal = undefined;
    this.server.closeAllConnections();
    for (const socket of this.localConnections) socket.destroy();
    this.localConnections.clear();
  }

  private route(req: ApiRequest, res: ApiResponse): void {
    const url = req.url ?? '';
    if (url.startsWith(this.prefix)) return this.dispatch(url.slice(this.prefix.length), url, req, res);
    if (url.startsWith(API) && this.ownConnections.isOwn(req.socket, this.generation)) return this.dispatch(url.slice(API.length), url, req, res);
    this.checkCaller(url, req, res);
  }

  /**
   * A request without the current secret. Some clients keep only host:port of AWS_LAMBDA_RUNTIME_API
   * (aws-lambda-ric 4.x rejects anything else), so a connection held by the runtime's own process tree is
   * accepted too, checked once per connection; anyone else is refused before anything changes.
   */
  private checkCaller(url: string, req: ApiRequest, res: ApiResponse): void {
    const refuse = () => drainThen(req, () => reply(res, 403, callerRefused(req.method ?? '', url)));
    const generation = this.generation;
    const own = url.startsWith(API) && this.ownConnections.verify(req.socket, generation);
    if (!own) return refuse();
    own.then(
      (isOwn) => {
        if (generation !== this.generation || req.socket.destroyed) return; // a reset meanwhile closed it
        if (!isOwn) return refuse();
        this.dispatch(url.slice(API.length), url, req, res);
      },
      () => refuse(),
    );
  }

  /** Routes `path`, the part after `/2018-06-01/` of a request that passed the secret check. */
  private dispatch(path: string, url: string, req: ApiRequest, res: ApiResponse): void {
    if (req.method === 'POST' && path === 'workbench/debugger') {
      // Not part of Lambda's API: our own runtimes' debug channel (see python/…/debug.py).
      return readBody(req, 4096, (body) => {
        accepted(res);
        try {
          this.listener.onDebuggerState?.(JSON.parse(body?.toString('utf8') ?? '{}') as DebuggerState);
        } catch {
          // malformed: ignore
        }
      });
    }
    if (path === 'ping') return reply(res, 200, 'pong', 'text/plain');
    if (req.method === 'GET' && path === 'runtime/invocation/next') return this.next(req, res, logSyncOf(req));
    if (req.method === 'POST' && path === 'runtime/init/error') return this.initError(req, res);
    const m = /^runtime\/invocation\/([^/]+)\/(response|error)$/.exec(path);
    if (req.method === 'POST' && m) {
      const id = decodeURIComponent(m[1]);
      return m[2] === 'response' ? this.response(id, req, res) : this.error(id, req, res);
    }
    if (path === 'runtime/restore/next' || path === 'runtime/restore/error') {
      // SnapStart only (§1.2); functions here never use it.
      return drainThen(req, () => reply(res, 403, transitionError(this.state, 'Restoring')));
    }
    drainThen(req, () => reply(res, 404, { errorMessage: `Unknown Runtime API path: ${url}`, errorType: 'NotFound' }));
  }

  private next(req: ApiRequest, res: ApiResponse, logSync: number | undefined): void {
    if (this.answering) {
      // Our runtimes write GET /next right behind their answer (pipelining). Lambda's Runtime API serves a
      // connection's requests one after another, so this one waits until the answer's body has been read.
      // (Its response waits: answers leave in request order, node:http's and localHttp.ts's alike.)
      this.deferredNext = () => {
        if (!req.socket.destroyed) this.next(req, res, logSync);
      };
      return;
    }
    if (this.state === 'Ready' || this.state === 'Invoking') {
      return reply(res, 403, transitionError(this.state, 'Ready'));
    }
    if (this.state === 'InitError') return reply(res, 403, transitionError(this.state, 'Ready'));
    this.state = 'Ready';
    if (this.pending) this.sendNext(res);
    else {
      this.waiting = res;
      res.on('close', () => {
        if (this.waiting === res) this.waiting = undefined;
      });
    }
    this.listener.onNext(logSync);
  }

  private sendNext(res: ApiResponse): void {
    const inv = this.pending!;
    this.pending = undefined;
    this.waiting = undefined;
    this.current = inv;
    this.state = 'Invoking';
    // §1.3: empty values are omitted rather than sent blank.
    const headers: Record<string, string | number> = {
      'Content-Type': 'application/json',
      'Lambda-Runtime-Aws-Request-Id': inv.requestId,
      'Lambda-Runtime-Deadline-Ms': String(inv.deadlineMs),
      'Lambda-Runtime-Invoked-Function-Arn': inv.invokedFunctionArn,
      'Content-Length': inv.payload.length,
    };
    if (inv.traceId) headers['Lambda-Runtime-Trace-Id'] = inv.traceId;
    if (inv.clientContext) headers['Lambda-Runtime-Client-Context'] = inv.clientContext;
    if (inv.cognitoIdentity) headers['Lambda-Runtime-Cognito-Identity'] = inv.cognitoIdentity;
    if (inv.tenantId) headers['Lambda-Runtime-Aws-Tenant-Id'] = inv.tenantId;
    // The engine waits for the answer awake while a core is spare, and lets our runtime do so (answerSpin.ts).
    const spinUs = eventOut(this);
    if (spinUs > 0) headers[SPIN_HEADER] = spinUs;
    res.writeHead(200, headers);
    res.end(inv.payload);
    this.listener.onDelivered(inv.requestId);
  }

  /** Checks that `id` is the invocation in flight; otherwise answers with §1.4's errors and returns false. */
  private checkCurrent(id: string, req: ApiRequest, res: ApiResponse, to: RuntimeState): boolean {
    if (this.state === 'Invoking' && this.current?.requestId === id) return true;
    const body =
      this.answered.has(id) || (this.state === 'Invoking' && this.current?.requestId !== id)
        ? { errorMessage: 'Invalid request ID', errorType: 'InvalidRequestID' }
        : transitionError(this.state, to);
    drainThen(req, () => reply(res, this.answered.has(id) || this.state === 'Invoking' ? 400 : 403, body));
    return false;
  }

  private finish(id: string, outcome: InvocationOutcome, logSync?: number): void {
    eventSettled(this);
    this.answered.add(id);
    if (this.answered.size > 1000) this.answered.delete(this.answered.values().next().value as string);
    this.current = undefined;
    this.streamSink = undefined;
    this.state = 'Responded';
    this.answering = false;
    this.listener.onOutcome(id, outcome, logSync);
    const next = this.deferredNext;
    this.deferredNext = undefined;
    next?.();
  }

  private response(id: string, req: ApiRequest, res: ApiResponse): void {
    if (!this.checkCurrent(id, req, res, 'Responded')) return;
    this.answering = true;
    const mode = req.headers['lambda-runtime-function-response-mode'];
    if (mode !== undefined && mode !== 'streaming') {
      // §1.4: any other value is rejected and the invocation fails with Runtime.InvalidResponseModeHeader.
      drainThen(req, () => reply(res, 400, { errorMessage: 'Invalid function response mode', errorType: 'InvalidFunctionResponseMode' }));
      this.finish(id, { kind: 'invalidResponseMode', value: String(mode) }, logSyncOf(req));
      return;
    }
    if (mode === 'streaming') return this.streamedResponse(id, req, res);
    const contentType = req.headers['content-type'] ?? 'application/json';
    const generation = this.generation;
    readBody(req, MAX_BUFFERED_RESPONSE_BYTES, (body, size) => {
      // A reset while the body arrived: the connection is gone, and so is the invocation.
      if (generation !== this.generation) return;
      if (!body) {
        reply(res, 413, {
          errorMessage: `Exceeded maximum allowed payload size (${MAX_BUFFERED_RESPONSE_BYTES} bytes).`,
          errorType: 'RequestEntityTooLarge',
        });
        this.finish(id, { kind: 'responseTooLarge', size }, logSyncOf(req));
        return;
      }
      accepted(res);
      this.finish(id, { kind: 'response', body, contentType }, logSyncOf(req));
    });
  }

  private streamedResponse(id: string, req: ApiRequest, res: ApiResponse): void {
    const contentType = req.headers['content-type'] ?? 'application/octet-stream';
    const sink = this.streamSink;
    sink?.start(contentType);
    let bytes = 0;
    let tooLarge = false;
    const generation = this.generation;
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_STREAMED_RESPONSE_BYTES) tooLarge = true;
      if (!tooLarge) sink?.chunk(chunk);
    });
    req.on('end', () => {
      if (generation !== this.generation) return;
      const errorType = req.trailers['lambda-runtime-function-error-type'];
      const errorBody = req.trailers['lambda-runtime-function-error-body'];
      accepted(res);
      this.finish(id, {
        kind: 'streamed',
        contentType,
        bytes,
        errorType: tooLarge ? 'Function.ResponseSizeTooLarge' : errorType,
        errorBody: errorBody ? Buffer.from(errorBody, 'base64') : undefined,
      }, logSyncOf(req));
    });
    req.on('error', () => {
      if (generation !== this.generation) return;
      this.finish(id, { kind: 'streamed', contentType, bytes, errorType: 'Runtime.TruncatedResponse' }, logSyncOf(req));
    });
  }

  private error(id: string, req: ApiRequest, res: ApiResponse): void {
    if (!this.checkCurrent(id, req, res, 'Responded')) return;
    this.answering = true;
    const errorType = headerString(req, 'lambda-runtime-function-error-type');
    const generation = this.generation;
    readBody(req, MAX_BUFFERED_RESPONSE_BYTES, (body) => {
      if (generation !== this.generation) return;
      accepted(res);
      this.finish(id, { kind: 'error', body: body ?? Buffer.from('{}'), errorType }, logSyncOf(req));
    });
  }

  private initError(req: ApiRequest, res: ApiResponse): void {
    if (this.state !== 'Init') {
      return drainThen(req, () => reply(res, 403, transitionError(this.state, 'InitError')));
    }
    const errorType = headerString(req, 'lambda-runtime-function-error-type');
    const generation = this.generation;
    readBody(req, MAX_BUFFERED_RESPONSE_BYTES, (body) => {
      if (generation !== this.generation) return;
      this.state = 'InitError';
      accepted(res);
      this.listener.onInitError(body ?? Buffer.from('{}'), errorType);
    });
  }
}

/** 24 random bytes, URL-safe: the path segment that only the generation's runtime learns. */
function newSecret(): string {
  return randomBytes(24).toString('base64url');
}

export { toRuntimeApiError };
