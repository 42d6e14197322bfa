// core/runtime: HTTP/1.1 for the Runtime API's abstract Unix socket, which only our own runtimes (Node.js,
// Python) use: a request line, headers and a Content-Length body, answered in order on one keep-alive
// connection (pipelined requests as node:http serves them). node:http's request and response objects were
// most of the host's CPU per warm invoke above the floor (issue 10 note); the Runtime API's messages are
// small and their shapes fixed, so requests are parsed by hand here. Anything else (a chunked body, an
// upgrade) hands the connection to node:http, which then serves it as it serves TCP.
import { EventEmitter } from 'node:events';
import { STATUS_CODES, type IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';

/** The part of node:http's IncomingMessage the Runtime API reads; node's own requests fit it as they are. */
export interface ApiRequest {
  readonly method?: string;
  readonly url?: string;
  readonly headers: IncomingHttpHeaders;
  readonly socket: Socket;
  readonly complete: boolean;
  readonly trailers: Record<string, string | undefined>;
  resume(): unknown;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
}

/** The part of node:http's ServerResponse the Runtime API writes. */
export interface ApiResponse {
  writeHead(status: number, headers: Record<string, string | number>): unknown;
  end(body?: string | Buffer): unknown;
  on(event: 'close', listener: () => void): unknown;
}

/** node:http's check of a header value (lib/_http_common.js checkInvalidHeaderChar): the same values fail. */
const INVALID_HEADER_CHAR = /[^\t\x20-\x7e\x80-\xff]/;
/** Past this many header bytes node:http answers 431; here the connection is handed to it for that. */
const MAX_HEADER_BYTES = 16 * 1024;

class LocalRequest extends EventEmitter implements ApiRequest {
  complete = false;
  readonly trailers: Record<string, string | undefined> = {};

  constructor(
    readonly method: string,
    readonly url: string,
    readonly headers: IncomingHttpHeaders,
    readonly socket: Socket,
  ) {
    super();
  }

  resume(): this {
    return this;
  }
}

class LocalResponse extends EventEmitter implements ApiResponse {
  /** The whole answer, once end() was called. */
  bytes: Buffer | undefined;
  private head = '';

  constructor(private readonly conn: LocalConnection) {
    super();
  }

  writeHead(status: number, headers: Record<string, string | number>): this {
    let head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'unknown'}\r\n`;
    for (const name in headers) {
      const value = String(headers[name]);
      if (INVALID_HEADER_CHAR.test(value)) {
        throw Object.assign(new TypeError(`Invalid character in header content ["${name}"]`), { code: 'ERR_INVALID_CHAR' });
      }
      head += `${name}: ${value}\r\n`;
    }
    // No Date or Connection header: our runtimes read neither (HTTP/1.1 keeps the connection by default), and
    // each header line is work for them to parse per warm invoke.
    this.head = `${head}\r\n`;
    return this;
  }

  end(body?: string | Buffer): this {
    if (this.bytes) return this;
    const data = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body) : body;
    const headLength = this.head.length;
    const out = Buffer.allocUnsafe(headLength + (data?.length ?? 0));
    out.write(this.head, 0, 'latin1');
    if (data) data.copy(out, headLength);
    this.bytes = out;
    this.conn.flush();
    return this;
  }
}

type Handler = (req: ApiRequest, res: ApiResponse) => void;

/** One connection: parses requests as they arrive, calls the handler, writes the answers in request order. */
class LocalConnection {
  private buffer: Buffer | undefined;
  /** Answers not yet written, oldest first (each waits for the ones before it). */
  private readonly queue: LocalResponse[] = [];
  /** The request whose body is still arriving, and how many bytes of it are missing. */
  private reading: { req: LocalRequest; missing: number } | undefined;
  private handedOver = false;
  /** Whether the socket is corked until this turn's setImmediate (see onData). */
  private corked = false;

  constructor(
    readonly socket: Socket,
    private readonly handler: Handler,
    private readonly handOver: (socket: Socket) => void,
  ) {
    socket.setNoDelay?.(true);
    socket.on('data', this.onData);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      for (const res of this.queue.splice(0)) res.emit('close');
      const r = this.reading;
      this.reading = undefined;
      r?.req.emit('error', new Error('aborted'));
    });
  }

  /** Writes the answers that are complete, in order. */
  flush(): void {
    while (this.queue.length > 0 && this.queue[0].bytes) {
      const res = this.queue.shift()!;
      if (!this.socket.destroyed) this.socket.write(res.bytes!);
      res.emit('close');
    }
  }

  private readonly onData = (d: Buffer): void => {
    const buf = this.buffer ? Buffer.concat([this.buffer, d]) : d;
    this.buffer = undefined;
    // Answers written in this turn of the event loop leave in one write, uncorked once its promise jobs have
    // run: the 202 for a response and the next event, when the invoke's caller sends its next one at once
    // (as a sequential caller does), reach the runtime together — one wake-up for it instead of two.
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      setImmediate(this.uncork);
    }
    this.handle(buf);
  };

  /** Runs once per corked turn (setImmediate), or earlier on a hand-over; a second call does nothing. */
  private readonly uncork = (): void => {
    if (!this.corked) return;
    this.corked = false;
    this.socket.uncork();
  };

  private handle(buf: Buffer): void {
    while (buf.length > 0 && !this.handedOver && !this.socket.destroyed) {
      if (this.reading) {
        const r = this.reading;
        const take = Math.min(r.missing, buf.length);
        const chunk = take === buf.length ? buf : buf.subarray(0, take);
        buf = buf.subarray(take);
        r.missing -= take;
        if (r.missing === 0) this.reading = undefined;
        r.req.emit('data', chunk);
        if (r.missing === 0) this.ended(r.req);
        continue;
      }
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) {
        if (buf.length > MAX_HEADER_BYTES) return this.fallBack(buf);
        this.buffer = buf;
        return;
      }
      const parsed = parseHead(buf.toString('latin1', 0, end));
      if (!parsed) return this.fallBack(buf);
      const { method, url, headers, length } = parsed;
      const bodyStart = end + 4;
      const req = new LocalRequest(method, url, headers, this.socket);
      const res = new LocalResponse(this);
      this.queue.push(res);
      this.handler(req, res);
      if (length === 0) {
        buf = buf.subarray(bodyStart);
        this.ended(req);
        continue;
      }
      const available = Math.min(length, buf.length - bodyStart);
      const body = buf.subarray(bodyStart, bodyStart + available);
      buf = buf.subarray(bodyStart + available);
      if (available < length) this.reading = { req, missing: length - available };
      if (available > 0) req.emit('data', body);
      if (available === length) this.ended(req);
    }
  }

  private ended(req: LocalRequest): void {
    req.complete = true;
    req.emit('end');
  }

  /**
   * A request this parser does not take (chunked, upgrade, oversized head): node:http serves the connection
   * from here, when no answer is pending; else the connection is closed, as a malformed request would be.
   */
  private fallBack(buf: Buffer): void {
    if (this.queue.length > 0) {
      this.socket.destroy();
      return;
    }
    this.handedOver = true;
    // node:http writes and closes on its own from here: nothing of ours may hold its bytes back.
    if (this.corked) this.uncork();
    // Not paused: node:http's own 'data' listener then reads the unshifted bytes first.
    this.socket.removeListener('data', this.onData);
    this.socket.unshift(buf);
    this.handOver(this.socket);
  }
}

/** A request head, or undefined for what node:http should serve (or refuse) itself. */
function parseHead(head: string): { method: string; url: string; headers: IncomingHttpHeaders; length: number } | undefined {
  let lineEnd = head.indexOf('\r\n');
  if (lineEnd < 0) lineEnd = head.length;
  const sp1 = head.indexOf(' ');
  const sp2 = head.lastIndexOf(' ', lineEnd);
  if (sp1 <= 0 || sp2 <= sp1 || head.substring(sp2 + 1, lineEnd) !== 'HTTP/1.1') return undefined;
  const headers: Record<string, string> = {};
  while (lineEnd < head.length) {
    const lineStart = lineEnd + 2;
    lineEnd = head.indexOf('\r\n', lineStart);
    if (lineEnd < 0) lineEnd = head.length;
    const c = head.indexOf(':', lineStart);
    if (c <= lineStart || c >= lineEnd) return undefined;
    const name = head.substring(lineStart, c).toLowerCase();
    let vs = c + 1;
    while (vs < lineEnd && (head.charCodeAt(vs) === 32 || head.charCodeAt(vs) === 9)) vs++;
    let ve = lineEnd;
    while (ve > vs && (head.charCodeAt(ve - 1) === 32 || head.charCodeAt(ve - 1) === 9)) ve--;
    const value = head.substring(vs, ve);
    const prev = headers[name];
    // As node:http: a repeated header joins with ", ".
    headers[name] = prev === undefined ? value : `${prev}, ${value}`;
  }
  if (headers['transfer-encoding'] !== undefined || headers.upgrade !== undefined || headers.expect !== undefined) return undefined;
  const cl = headers['content-length'];
  const length = cl === undefined ? 0 : /^\d+$/.test(cl) ? Number(cl) : Number.NaN;
  if (!Number.isSafeInteger(length)) return undefined;
  return { method: head.substring(0, sp1), url: head.substring(sp1 + 1, sp2), headers, length };
}

/** Serves `socket` with `handler`; `handOver` gives node:http a connection this parser does not take. */
export function serveLocalConnection(socket: Socket, handler: Handler, handOver: (socket: Socket) => void): void {
  new LocalConnection(socket, handler, handOver);
}
