// Benchmark floor for a warm invoke: the least a Runtime API round trip can cost on this machine. A node:http
// server in the bench process plays the Runtime API (the same paths and /next headers our engine sends, as
// lambda-semantics.md §1) and a child process is a raw-socket client doing GET /next → POST /response → 202
// per event, with no bootstrap, no handler, no logging: the cycle our engine does per warm invoke, and
// nothing else. The clients are runtimeApiLoopClient.ts (Node.js) and runtime_api_loop_client.py (Python);
// for the custom runtime, the sh + curl bootstrap itself, under the shell the engine would run it with.
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { spawnTracked } from './processes';

const NEXT = '/2018-06-01/runtime/invocation/next';
const INVOCATION = '/2018-06-01/runtime/invocation/';
const ACK = '{"status":"OK"}';
const ARN = 'arn:aws:lambda:us-east-1:012345678901:function:RuntimeApiLoop';

interface InFlight {
  requestId: string;
  resolve(body: Buffer): void;
  reject(err: Error): void;
}

export class RuntimeApiLoop {
  private waiting: ServerResponse | undefined;
  private pending: { requestId: string; payload: Buffer } | undefined;
  private inFlight: InFlight | undefined;
  private child: ChildProcess | undefined;
  private failure: Error | undefined;
  private ready: (() => void) | undefined;

  private constructor(private readonly server: Server) {}

  /** Starts the server and the client `command args` (which gets AWS_LAMBDA_RUNTIME_API), once it waits on /next. */
  static async start(command: string, args: readonly string[], extra: { env?: NodeJS.ProcessEnv; cwd?: string; quiet?: boolean } = {}): Promise<RuntimeApiLoop> {
    const server = createServer({ noDelay: true, keepAlive: true });
    const loop = new RuntimeApiLoop(server);
    server.on('request', (req, res) => loop.route(req.method, req.url ?? '', req, res));
    // As our engine's Runtime API server: /next is a long poll, no server-side timeouts.
    server.requestTimeout = 0;
    server.headersTimeout = 0;
    server.keepAliveTimeout = 0;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const api = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const firstNext = new Promise<void>((resolve) => (loop.ready = resolve));
    const child = spawnTracked(command, args, { stdio: ['ignore', 'ignore', extra.quiet ? 'ignore' : 'inherit'], cwd: extra.cwd, env: { ...process.env, ...extra.env, AWS_LAMBDA_RUNTIME_API: api } });
    loop.child = child;
    const exited = new Promise<never>((_, reject) => {
      child.once('exit', (code, signal) => {
        loop.fail(new Error(`Runtime API loop client ${path.basename(args[0] ?? command)} exited (${code ?? signal})`));
        reject(loop.failure!);
      });
      child.once('error', (err) => {
        loop.fail(err);
        reject(err);
      });
    });
    exited.catch(() => undefined);
    try {
      await Promise.race([firstNext, exited]);
    } catch (err) {
      await loop.close();
      throw err;
    }
    return loop;
  }

  /** One event through the loop: resolves with the client's response body, once its 202 is written. */
  invoke(payload: Buffer): Promise<Buffer> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.inFlight || this.pending) return Promise.reject(new Error('RuntimeApiLoop.invoke: one event at a time'));
    return new Promise<Buffer>((resolve, reject) => {
      const requestId = randomUUID();
      this.inFlight = { requestId, resolve, reject };
      this.pending = { requestId, payload };
      if (this.waiting) this.sendNext(this.waiting);
    });
  }

  /** Kills the client first (so it never sees its connection reset), then closes the server. */
  async close(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    }
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private route(method: string | undefined, url: string, req: NodeJS.ReadableStream, res: ServerResponse): void {
    if (method === 'GET' && url === NEXT) {
      this.ready?.();
      this.ready = undefined;
      if (this.pending) this.sendNext(res);
      else this.waiting = res;
      return;
    }
    const current = this.inFlight;
    if (method === 'POST' && current && url === `${INVOCATION}${current.requestId}/response`) {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        res.writeHead(202, { 'Content-Type': 'application/json', 'Content-Length': ACK.length });
        res.end(ACK);
        this.inFlight = undefined;
        current.resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
      });
      return;
    }
    req.resume();
    res.writeHead(404).end();
    this.fail(new Error(`Runtime API loop: unexpected ${method} ${url}`));
  }

  private sendNext(res: ServerResponse): void {
    const { requestId, payload } = this.pending!;
    this.pending = undefined;
    this.waiting = undefined;
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Lambda-Runtime-Aws-Request-Id': requestId,
      'Lambda-Runtime-Deadline-Ms': String(Date.now() + 3000),
      'Lambda-Runtime-Invoked-Function-Arn': ARN,
      'Content-Length': payload.length,
    });
    res.end(payload);
  }

  private fail(err: Error): void {
    this.failure ??= err;
    const f = this.inFlight;
    this.inFlight = undefined;
    f?.reject(err);
  }
}

/** The Node.js client: the built runtimeApiLoopClient.js next to this file, run by the bench's own node. */
export function startNodeRuntimeApiLoop(): Promise<RuntimeApiLoop> {
  return RuntimeApiLoop.start(process.execPath, [path.join(__dirname, 'runtimeApiLoopClient.js')]);
}

/** The Python client (stdlib only), run by `python` (the interpreter the engine's Python case uses). */
export function startPythonRuntimeApiLoop(repoRoot: string, python: string): Promise<RuntimeApiLoop> {
  return RuntimeApiLoop.start(python, [path.join(repoRoot, 'test', 'bench', 'runtime_api_loop_client.py')]);
}

/**
 * A custom runtime's floor: the sh + curl bootstrap of `taskRoot` with its handler, started the way the engine
 * starts it (`shell`: bash --posix where /bin/sh is not bash, see shellScripts.ts), but with host:port alone,
 * no namespace, no ownership check and no engine: what that runtime's own processes cost per event.
 */
export function startShellRuntimeApiLoop(taskRoot: string, handler: string, tmpDir: string, shell: { command: string; args: string[] } | undefined): Promise<RuntimeApiLoop> {
  const bootstrap = path.join(taskRoot, 'bootstrap');
  // Its handler's log lines are dropped here (the engine's figure includes capturing them).
  const o = { env: { _HANDLER: handler, LAMBDA_TASK_ROOT: taskRoot, TMPDIR: tmpDir }, cwd: taskRoot, quiet: true };
  return shell ? RuntimeApiLoop.start(shell.command, shell.args, o) : RuntimeApiLoop.start(bootstrap, [], o);
}
