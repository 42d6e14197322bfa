// In-environment Node.js runtime: the HTTP client for the Lambda Runtime API on AWS_LAMBDA_RUNTIME_API
// (lambda-semantics.md §1.2–§1.4; RIC src/RAPIDClient.js). One keep-alive socket, no timeouts. The address
// may carry a path after host:port (the workbench's per-runtime secret); every request goes below it.
import type * as http from 'node:http';
import { toRapidResponse } from './errors';
import { LOG_SYNC_HEADER, syncLogs } from './logSync';
import { RawHttpConnection } from './rawHttp';

export const ERROR_TYPE_HEADER = 'Lambda-Runtime-Function-Error-Type';
const NO_HEADERS: Record<string, string> = {};
/** The host's window (µs) for waiting awake for the next event, on /next (src/core/runtime/answerSpin.ts). */
const SPIN_HEADER = 'lambda-workbench-spin-us';

/** One event from `GET /invocation/next`: raw body and lower-cased headers. */
export interface Invocation {
  body: string;
  headers: http.IncomingHttpHeaders;
}

export class RuntimeClient {
  /**
   * The RIC's agent: keep-alive, a single socket (§1.1); idle sockets are unref'd so `beforeExit` still fires.
   * Made (and node:http loaded) on the first streamed response: the buffered exchanges use `conn`, and loading
   * node:http cost every start ~8 ms, before the function could load (issue 10).
   */
  get agent(): http.Agent {
    return (this.agentMade ??= new (nodeHttp().Agent)({ keepAlive: true, maxSockets: 1 }));
  }
  private agentMade: http.Agent | undefined;
  readonly hostname: string;
  readonly port: number;
  /** `<path of the address>/2018-06-01`. */
  private readonly api: string;
  /** `<api>/runtime`. */
  private readonly runtime: string;
  /** `<runtime>/invocation/next`, built once. */
  private readonly nextPath: string;
  /** The buffered exchanges (next, response, error) go over one raw keep-alive socket; streams use the agent. */
  private readonly conn: RawHttpConnection;

  /** `localSocket`: the host's abstract Unix socket for the buffered exchanges (LAMBDA_WORKBENCH_RUNTIME_SOCKET). */
  constructor(address: string, localSocket?: string) {
    const slash = address.indexOf('/');
    const hostPort = slash < 0 ? address : address.slice(0, slash);
    const i = hostPort.lastIndexOf(':');
    this.hostname = hostPort.slice(0, i);
    this.port = parseInt(hostPort.slice(i + 1), 10);
    this.api = `${slash < 0 ? '' : address.slice(slash)}/2018-06-01`;
    this.runtime = `${this.api}/runtime`;
    this.nextPath = `${this.runtime}/invocation/next`;
    this.conn = new RawHttpConnection(this.hostname, this.port, localSocket?.startsWith('@') ? localSocket : undefined);
  }

  /** Connects to the host's local socket ahead of the first request (rawHttp.ts). */
  preconnect(): void {
    this.conn.preconnect();
  }

  /** The window the host gave with the last event for waiting awake for the next one, in ms; 0: sleep. */
  private spinMs = 0;

  /** Blocks until the next event; no client timeout, the environment may be frozen (§1.1). */
  async next(logSync?: number): Promise<Invocation> {
    const asked = this.conn.request('GET', this.nextPath, logSync === undefined ? NO_HEADERS : { [LOG_SYNC_HEADER]: logSync });
    if (this.spinMs > 0) awake(asked, this.spinMs);
    const res = await asked;
    if (res.status !== 200) throw new Error(`Failed to get next invocation: HTTP ${res.status} ${res.body.toString()}`);
    const spin = res.headers[SPIN_HEADER];
    this.spinMs = spin === undefined ? 0 : Math.min(Number(spin) / 1000, 10) || 0;
    // The host's own header: not one the function sees.
    if (spin !== undefined) delete res.headers[SPIN_HEADER];
    return { body: res.body.toString('utf8'), headers: res.headers };
  }

  /**
   * Posts an already-serialised JSON result. `done` runs when the Runtime API has answered, or — `thenNext`,
   * when the caller's next step is GET /next — as soon as the request is written, so /next follows it on the
   * same connection without waiting for the 202 (the answer is ignored either way, as in the RIC). The
   * Runtime API handles pipelined requests one after another, as Lambda's does.
   */
  postResponse(requestId: string, body: string, done: () => void, thenNext = false): void {
    this.post(`${this.runtime}/invocation/${encodeURIComponent(requestId)}/response`, body, undefined, done, syncLogs(requestId), thenNext);
  }

  /** Posts `{errorType, errorMessage, trace}` with the error type header (§1.4); `thenNext` as for postResponse. */
  postError(requestId: string, error: unknown, done: () => void, thenNext = false): void {
    const body = toRapidResponse(error);
    this.post(`${this.runtime}/invocation/${encodeURIComponent(requestId)}/error`, JSON.stringify(body), body.errorType, done, syncLogs(requestId), thenNext);
  }

  /** Posts an init failure; the caller exits afterwards (§1.4, §3.1 step 7). */
  postInitError(error: unknown, done: () => void): void {
    const body = toRapidResponse(error);
    this.post(`${this.runtime}/init/error`, JSON.stringify(body), body.errorType, done, syncLogs('init'), false);
  }

  /** Debug mode: tells the host the debugger has attached (our own channel, not Lambda's API). */
  async postDebuggerAttached(): Promise<void> {
    await this.conn.request('POST', `${this.api}/workbench/debugger`, { 'Content-Type': 'application/json' }, '{"attached":true}').catch(() => undefined);
  }

  /** Creates (but does not send) the chunked streaming `/response` request (§1.4). */
  streamRequest(requestId: string, headers: http.OutgoingHttpHeaders): http.ClientRequest {
    return nodeHttp().request({
      agent: this.agent,
      hostname: this.hostname,
      port: this.port,
      method: 'POST',
      path: `${this.runtime}/invocation/${encodeURIComponent(requestId)}/response`,
      headers,
    });
  }

  private post(path: string, body: string, errorType: string | undefined, done: () => void, logSync: number, thenNext: boolean): void {
    const headers: Record<string, string | number> = { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), [LOG_SYNC_HEADER]: logSync };
    if (errorType !== undefined) headers[ERROR_TYPE_HEADER] = errorType;
    // Like the RIC, the answer (202, or 400/413 for a bad or oversized response) is otherwise ignored.
    const send = (): void => {
      this.conn.request('POST', path, headers, body).then(
        () => {
          if (!thenNext) done();
        },
        (err: unknown) => {
          // A dead Runtime API means the environment is being torn down: exit promptly (§1.4, "500 … exit").
          process.stderr.write(`lambda-workbench bootstrap: Runtime API request failed: ${String(err)}\n`);
          process.exit(1);
        },
      );
      // GET /next (written by `done`) leaves in the same write as the answer: one wake-up for the host.
      if (thenNext) done();
    };
    if (thenNext) this.conn.batch(send);
    else send();
  }
}

/**
 * Keeps the event loop turning until `p` settles or `ms` have passed: the next event is then taken at once
 * instead of after the process has gone to sleep and been woken (the host says when a core is spare for it).
 */
function awake(p: Promise<unknown>, ms: number): void {
  let settled = false;
  const end = performance.now() + ms;
  const turn = (): void => {
    if (!settled && performance.now() < end) setImmediate(turn);
  };
  p.then(
    () => (settled = true),
    () => (settled = true),
  );
  setImmediate(turn);
}

function nodeHttp(): typeof http {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:http') as typeof http;
}
