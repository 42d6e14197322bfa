// In-environment Node.js runtime: a minimal HTTP/1.1 client on one keep-alive socket for the Runtime
// API's small buffered exchanges (next, response, error). node:http's client costs ~0.1 ms per request
// here; the Runtime API is local and simple, so a raw socket with Content-Length/chunked parsing is enough.
// The socket is unref'd while idle, so it never keeps the event loop (and `beforeExit`) from running.
import * as net from 'node:net';

export interface RawResponse {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: Buffer;
}

interface Pending {
  resolve(r: RawResponse): void;
  reject(e: Error): void;
}

export class RawHttpConnection {
  private socket: net.Socket | undefined;
  private buffer: Buffer = Buffer.alloc(0);
  /**
   * Requests written and not yet answered, oldest first, with their text (written again if the local socket
   * cannot be reached and TCP takes over). HTTP/1.1 answers in order, so a request may be written while
   * another waits (pipelining): the loop sends GET /next right behind its response (runtimeClient.ts).
   */
  private readonly inFlight: { pending: Pending; text: string }[] = [];
  /**
   * Addresses of the local socket still to try, best first; empty once one connected or all failed (then TCP).
   * Node.js ≤ 20 binds abstract names padded with NULs to the whole sun_path (108 bytes), newer ones bind the
   * exact name: the engine and this runtime may be different Node.js majors, so both forms are tried.
   */
  private localCandidates: string[];

  /** `localSocket`: `@name` of an abstract Unix socket serving the same API (the host's RuntimeApiServer). */
  constructor(
    private readonly host: string,
    private readonly port: number,
    localSocket?: string,
  ) {
    const name = localSocket ? `\0${localSocket.slice(1)}` : undefined;
    this.localCandidates = name ? [name, name.padEnd(108, '\0')] : [];
  }

  /** Writes one request now; answers arrive in the order the requests were written. */
  request(method: string, path: string, headers: Record<string, string | number>, body?: string): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const socket = this.connect();
      socket.ref();
      let head = `${method} ${path} HTTP/1.1\r\nHost: ${this.host}:${this.port}\r\n`;
      for (const k in headers) head += `${k}: ${headers[k]}\r\n`;
      if (body !== undefined && !('Content-Length' in headers)) head += `Content-Length: ${Buffer.byteLength(body)}\r\n`;
      const text = body === undefined ? head + '\r\n' : head + '\r\n' + body;
      this.inFlight.push({ pending: { resolve, reject }, text });
      if (this.batched !== undefined) this.batched += text;
      else socket.write(text);
    });
  }

  /** Text of the requests made inside batch(), written once it ends. */
  private batched: string | undefined;

  /**
   * Runs `fn`, whose requests leave in one write: one string, not cork/uncork's writev of several (less work
   * per warm invoke, where a response and GET /next always go together).
   */
  batch(fn: () => void): void {
    this.batched = '';
    try {
      fn();
    } finally {
      const text = this.batched;
      this.batched = undefined;
      if (text) this.connect().write(text);
    }
  }

  /**
   * Connects to the local socket now, idle (unref'd), when there is one: a head start connects while it waits
   * at its gate, and its first request then finds the connection made (the engine holds it until it serves it).
   */
  preconnect(): void {
    if (this.localCandidates.length > 0) this.connect().unref();
  }

  private connect(): net.Socket {
    if (this.socket && !this.socket.destroyed) return this.socket;
    const local = this.localCandidates[0];
    const socket = local !== undefined ? net.connect({ path: local }) : net.connect({ host: this.host, port: this.port, noDelay: true });
    let connected = false;
    socket.once('connect', () => {
      connected = true;
      if (local !== undefined) this.localCandidates = [local];
    });
    socket.on('data', (d: Buffer) => this.onData(d));
    let failed = false;
    const fail = (err: Error) => {
      // 'error' is followed by 'close': one reaction per socket.
      if (failed) return;
      failed = true;
      if (this.socket === socket) this.socket = undefined;
      if (!connected && local !== undefined && this.localCandidates[0] === local) {
        // Not reachable under this name: the next form, else TCP; the requests in flight go there unchanged.
        this.localCandidates.shift();
        socket.destroy();
        if (this.inFlight.length === 0) return;
        const next = this.connect();
        next.ref();
        for (const r of this.inFlight) next.write(r.text);
        return;
      }
      this.buffer = Buffer.alloc(0);
      for (const r of this.inFlight.splice(0)) r.pending.reject(err);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('Runtime API connection closed')));
    this.socket = socket;
    return socket;
  }

  private onData(d: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, d]) : d;
    for (;;) {
      const parsed = parseResponse(this.buffer);
      if (!parsed) return;
      this.buffer = this.buffer.subarray(parsed.consumed);
      const r = this.inFlight.shift();
      if (parsed.response.headers.connection === 'close') {
        this.socket?.destroy();
        this.socket = undefined;
      } else if (this.inFlight.length === 0) {
        this.socket?.unref();
      }
      r?.pending.resolve(parsed.response);
      if (this.buffer.length === 0) return;
    }
  }
}

const NON_ASCII = /[\x80-\xff]/;

/** Parses one complete response at the start of `buf`, or returns undefined when more bytes are needed. */
export function parseResponse(buf: Buffer): { response: RawResponse; consumed: number } | undefined {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  // One pass over the header block with indexOf/substring: no split, no trim, no per-line regexp (this runs
  // twice per warm invoke; the split/trim version was a visible part of the runtime's CPU per invoke).
  const head = buf.toString('latin1', 0, end);
  // Header bytes arrive as latin1; only values with non-ASCII bytes (client context, identity) need UTF-8.
  const nonAscii = NON_ASCII.test(head);
  let lineEnd = head.indexOf('\r\n');
  if (lineEnd < 0) lineEnd = head.length;
  const sp = head.indexOf(' ');
  const status = parseInt(head.substring(sp + 1, lineEnd), 10);
  const headers: Record<string, string> = {};
  while (lineEnd < head.length) {
    const lineStart = lineEnd + 2;
    lineEnd = head.indexOf('\r\n', lineStart);
    if (lineEnd < 0) lineEnd = head.length;
    const c = head.indexOf(':', lineStart);
    if (c <= lineStart || c >= lineEnd) continue;
    let vs = c + 1;
    while (vs < lineEnd && isBlank(head.charCodeAt(vs))) vs++;
    let ve = lineEnd;
    while (ve > vs && isBlank(head.charCodeAt(ve - 1))) ve--;
    let ne = c;
    while (ne > lineStart && isBlank(head.charCodeAt(ne - 1))) ne--;
    const value = head.substring(vs, ve);
    headers[head.substring(lineStart, ne).toLowerCase()] = nonAscii && NON_ASCII.test(value) ? Buffer.from(value, 'latin1').toString('utf8') : value;
  }
  const start = end + 4;
  if (headers['transfer-encoding']?.toLowerCase() === 'chunked') {
    const parts: Buffer[] = [];
    let pos = start;
    for (;;) {
      const lineEnd = buf.indexOf('\r\n', pos);
      if (lineEnd < 0) return undefined;
      const size = parseInt(buf.subarray(pos, lineEnd).toString('latin1'), 16);
      if (size === 0) {
        const trailerEnd = buf.indexOf('\r\n\r\n', lineEnd);
        if (trailerEnd < 0 && buf.length < lineEnd + 4) return undefined;
        const consumed = trailerEnd === lineEnd ? lineEnd + 4 : trailerEnd >= 0 ? trailerEnd + 4 : lineEnd + 4;
        return { response: { status, headers, body: Buffer.concat(parts) }, consumed };
      }
      if (buf.length < lineEnd + 2 + size + 2) return undefined;
      parts.push(buf.subarray(lineEnd + 2, lineEnd + 2 + size));
      pos = lineEnd + 2 + size + 2;
    }
  }
  const length = parseInt(headers['content-length'] ?? '0', 10) || 0;
  if (buf.length < start + length) return undefined;
  // A view, not a copy: every chunk the socket delivers is a buffer of its own, never written again.
  return { response: { status, headers, body: buf.subarray(start, start + length) }, consumed: start + length };
}

const isBlank = (c: number): boolean => c === 32 || c === 9;
