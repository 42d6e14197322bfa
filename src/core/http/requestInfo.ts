// core/http: an incoming request → HttpRequestInfo: headers by lower-case name with every value, the query
// decoded per parameter, the body read up to API Gateway's 10 MB payload limit, and a request id.
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ApiKind, HttpRequestInfo } from './routeTypes';

/** API Gateway's payload limit (REST and HTTP APIs): 10 MB. */
export const MAX_API_PAYLOAD_BYTES = 10 * 1024 * 1024;

export class PayloadTooLarge extends Error {}

/** Reads the whole body; past `limit` the rest is read and dropped, then PayloadTooLarge (the client can read the 413). */
export function readBody(req: IncomingMessage, limit = MAX_API_PAYLOAD_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('end', () => (size > limit ? reject(new PayloadTooLarge()) : resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

function decodeQueryPart(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** `a=1&a=2&b` → { a: ['1','2'], b: [''] }, in order. */
export function parseQuery(raw: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!raw) return out;
  for (const part of raw.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = decodeQueryPart(eq < 0 ? part : part.slice(0, eq));
    const v = eq < 0 ? '' : decodeQueryPart(part.slice(eq + 1));
    (out[k] ??= []).push(v);
  }
  return out;
}

/** Request ids as each front door writes them: HTTP APIs a short base64 id, REST and URLs a UUID. */
export function newRequestId(kind: ApiKind): string {
  return kind === 'http' ? randomBytes(10).toString('base64').replace(/[+/]/g, 'A').slice(0, 14) + '=' : randomUUID();
}

export function requestInfo(req: IncomingMessage, rawPath: string, rawQueryString: string, body: Buffer, requestId: string): HttpRequestInfo {
  const headers: Record<string, string[]> = {};
  const headerNames: Record<string, string> = {};
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const lower = raw[i].toLowerCase();
    (headers[lower] ??= []).push(raw[i + 1]);
    headerNames[lower] ??= raw[i];
  }
  const sourceIp = (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  // API Gateway adds these for the integration; X-Forwarded-For gets the client appended.
  const forwarded: [string, string][] = [
    ['X-Forwarded-For', headers['x-forwarded-for'] ? `${headers['x-forwarded-for'].join(', ')}, ${sourceIp}` : sourceIp],
    ['X-Forwarded-Port', String(req.socket.localPort ?? '')],
    ['X-Forwarded-Proto', 'http'],
  ];
  if (!headers['x-amzn-trace-id']) forwarded.push(['X-Amzn-Trace-Id', `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`]);
  for (const [name, value] of forwarded) {
    const lower = name.toLowerCase();
    headers[lower] = [value];
    headerNames[lower] ??= name;
  }
  return {
    method: req.method ?? 'GET',
    rawPath,
    path: rawPath,
    rawQueryString,
    headers,
    headerNames,
    query: parseQuery(rawQueryString),
    pathParameters: {},
    body,
    sourceIp,
    protocol: `HTTP/${req.httpVersion}`,
    requestId,
    receivedAt: Date.now(),
  };
}

/** A SigV4-signed request: an `AWS4-HMAC-SHA256` Authorization header or X-Amz-Signature in the query. */
export function isSigV4Signed(info: HttpRequestInfo): boolean {
  const auth = info.headers.authorization?.[0] ?? '';
  return auth.startsWith('AWS4-HMAC-SHA256 ') || /(^|&)X-Amz-Signature=/.test(info.rawQueryString);
}

/** The SigV4 access key id (for requestContext.authorizer.iam), when the request is signed. */
export function sigV4AccessKey(info: HttpRequestInfo): string | undefined {
  const auth = info.headers.authorization?.[0] ?? '';
  return /Credential=([^/,\s]+)\//.exec(auth)?.[1] ?? /(?:^|&)X-Amz-Credential=([^%&/]+)/.exec(info.rawQueryString)?.[1];
}
