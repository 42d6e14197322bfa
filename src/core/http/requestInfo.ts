// core/http: an incoming request → HttpRequestInfo: headers by lower-case name with every value, the query
// decoded per parameter, the body read up to API Gateway's 10 MB payload limit, and a request id.
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ApiKind, HttpRequestInfo } from './routeTypes';

/** API Gateway's payload limit (REST and HTTP APIs): 10 MB. */
export const MAX_API_PAYLOAD_BYTES = 10 * 1024 * 1024;

export class PayloadTooLarge extends Error {}

export function readBody(req: IncomingMessage, limit = MAX_API_PAYLOAD_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) return Promise.reject(new PayloadTooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new PayloadTooLarge());
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
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
    sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
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
