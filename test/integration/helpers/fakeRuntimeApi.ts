// Test helper: a fake of the host's Runtime API (lambda-semantics.md §1.2) for testing the in-environment
// bootstraps on their own: queued events on /next, every POST recorded with headers, chunks and trailers.
import { once } from 'node:events';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Posted {
  kind: 'response' | 'error' | 'init-error';
  requestId?: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  chunks: number;
  trailers: NodeJS.Dict<string>;
}

interface QueuedEvent {
  requestId: string;
  body: string;
  headers: Record<string, string>;
}

export class FakeRuntimeApi {
  readonly posted: Posted[] = [];
  /** Status for `/response` POSTs; 413 plays an oversized response (§1.4). */
  responseStatus = 202;
  /** Answer every request with `Connection: close`, so the runtime has to reconnect each time. */
  closeConnections = false;
  private readonly queue: QueuedEvent[] = [];
  private readonly waitingNext: http.ServerResponse[] = [];
  private readonly postWaiters: (() => void)[] = [];
  private readonly server = http.createServer((req, res) => this.route(req, res));

  async start(): Promise<string> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Queues an event; `event` is sent as JSON unless `raw` is set. */
  push(requestId: string, event: unknown, headers: Record<string, string> = {}, raw = false): void {
    this.queue.push({ requestId, body: raw ? String(event) : JSON.stringify(event), headers });
    const res = this.waitingNext.shift();
    if (res) this.serveNext(res);
  }

  /** Resolves once `count` POSTs have been recorded. */
  async waitForPosts(count: number, timeoutMs = 10_000): Promise<Posted[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.posted.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} posts, got ${this.posted.length}: ${JSON.stringify(this.posted.map((p) => p.kind))}`);
      await new Promise<void>((r) => {
        this.postWaiters.push(r);
        setTimeout(r, 50);
      });
    }
    return this.posted;
  }

  close(): void {
    for (const res of this.waitingNext) res.destroy();
    this.server.closeAllConnections();
    this.server.close();
  }

  private serveNext(res: http.ServerResponse): void {
    const ev = this.queue.shift()!;
    if (this.closeConnections) res.setHeader('Connection', 'close');
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Lambda-Runtime-Aws-Request-Id': ev.requestId,
      'Lambda-Runtime-Deadline-Ms': String(Date.now() + 3000),
      'Lambda-Runtime-Invoked-Function-Arn': 'arn:aws:lambda:us-east-1:123456789012:function:fixture-fn',
      ...ev.headers,
    });
    res.end(ev.body);
  }

  /** With closeConnections: sockets that already carried a request (each is closed after its answer). */
  private readonly served = new WeakSet<object>();

  private route(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = req.url ?? '';
    if (this.closeConnections) {
      // A server that closes every connection answers one request per connection: one pipelined behind it
      // is never read (the client sends it again on a new connection), so it must not take an event.
      if (this.served.has(req.socket)) return;
      this.served.add(req.socket);
    }
    if (req.method === 'GET' && url === '/2018-06-01/runtime/invocation/next') {
      if (this.queue.length) this.serveNext(res);
      else this.waitingNext.push(res);
      return;
    }
    const m = /^\/2018-06-01\/runtime\/(?:invocation\/([^/]+)\/(response|error)|init\/error)$/.exec(url);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (!m || req.method !== 'POST') {
        res.writeHead(404).end();
        return;
      }
      const kind = m[2] === 'response' ? 'response' : m[2] === 'error' ? 'error' : 'init-error';
      this.posted.push({ kind, requestId: m[1], headers: req.headers, body: Buffer.concat(chunks), chunks: chunks.length, trailers: req.trailers });
      const status = kind === 'response' ? this.responseStatus : 202;
      if (this.closeConnections) res.setHeader('Connection', 'close');
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(status === 202 ? '{"status":"OK"}' : '{"errorType":"RequestEntityTooLarge"}');
      for (const w of this.postWaiters.splice(0)) w();
    });
  }
}
