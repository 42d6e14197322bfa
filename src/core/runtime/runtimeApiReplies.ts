// core/runtime: the HTTP plumbing of the Runtime API server (runtimeApiServer.ts), the same over node:http and
// our local-socket reader (localHttp.ts): bounded body reads, draining, the 202 every accepted answer gets, and
// JSON replies.
import type { ApiRequest, ApiResponse } from './localHttp';

/**
 * Our own runtimes say which streams got a log-sync mark before this call (a bitmask: 1 stdout, 2 stderr;
 * bootstrap/logSync.ts); undefined for other runtimes. Not a Lambda header.
 */
export function logSyncOf(req: ApiRequest): number | undefined {
  const v = req.headers['lambda-workbench-log-sync'];
  return typeof v === 'string' ? Number(v) & 3 : undefined;
}

export function headerString(req: ApiRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Reads a body up to `limit` bytes; past it, keeps draining and calls back with undefined. */
export function readBody(req: ApiRequest, limit: number, done: (body: Buffer | undefined, size: number) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (c: Buffer) => {
    size += c.length;
    if (size <= limit) chunks.push(c);
  });
  req.on('end', () => done(size <= limit ? (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)) : undefined, size));
  req.on('error', () => done(undefined, size));
}

export function drainThen(req: ApiRequest, fn: () => void): void {
  if (req.complete) return fn();
  req.resume();
  req.on('end', fn);
}

/** The 202 every accepted answer gets, serialised once. */
const ACCEPTED = JSON.stringify({ status: 'OK' });
const ACCEPTED_HEADERS = { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(ACCEPTED) };

export function accepted(res: ApiResponse): void {
  res.writeHead(202, ACCEPTED_HEADERS);
  res.end(ACCEPTED);
}

export function reply(res: ApiResponse, status: number, body: unknown, contentType = 'application/json'): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
