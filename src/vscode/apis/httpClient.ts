// vscode layer, vscode-free: Send Request's quick HTTP client: the defaults a route suggests (method, path with its
// first `{param}` selected, headers, body), the header line users type, one request over node:http (every response
// header kept, Set-Cookie included), and the read-only text that shows the response.
import { request as httpRequest } from 'node:http';
import type { HttpMethod, RouteDecl } from '../../core/http/routeTypes';

export interface HttpCall {
  method: string;
  /** Absolute http:// URL. */
  url: string;
  headers: [string, string][];
  body?: string;
}

export interface HttpAnswer {
  status: number;
  statusText: string;
  /** Header name (as sent) and value, in order; a repeated header is one entry per value. */
  headers: [string, string][];
  body: Buffer;
  durationMs: number;
}

/** Methods offered for a route: its own first (GET first for ANY), then the others. */
export function methodsFor(route: Pick<RouteDecl, 'method'>): string[] {
  const all = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
  const first: HttpMethod = route.method === 'ANY' ? 'GET' : route.method;
  return [first, ...all.filter((m) => m !== first)];
}

/** A method that usually carries a body. */
export const hasBody = (method: string): boolean => !['GET', 'HEAD', 'OPTIONS', 'DELETE'].includes(method.toUpperCase());

/** The path a request to the route starts from: `{proxy+}` → `{proxy}`; `$default` (and function URLs) → `/`. */
export function defaultPath(route: Pick<RouteDecl, 'path' | 'isDefault'>): string {
  if (route.isDefault || !route.path.startsWith('/')) return '/';
  return route.path.replace(/\{([^}+]+)\+\}/g, '{$1}');
}

/** The [start, end) of the first `{param}` in a path (what the path input selects), or the end of the path. */
export function firstParam(path: string): [number, number] {
  const m = /\{[^}]*\}/.exec(path);
  return m ? [m.index, m.index + m[0].length] : [path.length, path.length];
}

/** Headers Send Request proposes: a JSON content type for methods with a body. */
export const defaultHeaders = (method: string): string => (hasBody(method) ? 'content-type: application/json' : '');

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";

/**
 * `name: value; name2: value2` → pairs. A `;` separates headers only where a `name:` follows it, so a value with
 * semicolons (`cookie: a=1; b=2`) stays whole. Throws on a part without `name:`.
 */
export function parseHeaders(text: string): [string, string][] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  const parts = trimmed.split(new RegExp(`;\\s*(?=${TOKEN}\\s*:)`));
  return parts.map((part) => {
    const m = new RegExp(`^\\s*(${TOKEN})\\s*:\\s*(.*?)\\s*;?\\s*$`).exec(part);
    if (!m) throw new Error(`"${part.trim()}" is not a header: write name: value, several separated by ";".`);
    return [m[1], m[2]];
  });
}

/** Sends one request; resolves with whatever status the server answered (errors only when nothing answered). */
export function sendHttp(call: HttpCall, signal?: AbortSignal): Promise<HttpAnswer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of call.headers) {
      const prev = headers[name];
      headers[name] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
    }
    const req = httpRequest(call.url, { method: call.method, headers, signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const pairs: [string, string][] = [];
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) pairs.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
        resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers: pairs, body: Buffer.concat(chunks), durationMs: performance.now() - started });
      });
    });
    req.on('error', reject);
    req.end(call.body !== undefined && call.body !== '' ? call.body : undefined);
  });
}

/** The header's value (first, case-insensitive). */
export const headerOf = (headers: readonly [string, string][], name: string): string | undefined => headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];

/** A body as text: JSON pretty-printed, other text as it is, binary as base64 with its size. */
export function bodyText(body: Buffer, contentType: string | undefined): string {
  if (body.length === 0) return '(empty body)';
  const text = body.toString('utf8');
  if (Buffer.from(text, 'utf8').equals(body) && !text.includes('\u0000')) {
    if (/json/i.test(contentType ?? '') || /^\s*[[{]/.test(text)) {
      try {
        return JSON.stringify(JSON.parse(text), null, 2);
      } catch {
        // not JSON after all
      }
    }
    return text;
  }
  return `(${body.length} bytes of binary data, base64)\n${body.toString('base64')}`;
}

/** The response document: the status line, the response headers, the body, then the request that was sent. */
export function renderExchange(call: HttpCall, answer: HttpAnswer): string {
  const lines = [
    `HTTP/1.1 ${answer.status} ${answer.statusText}`.trimEnd(),
    ...answer.headers.map(([n, v]) => `${n}: ${v}`),
    '',
    bodyText(answer.body, headerOf(answer.headers, 'content-type')),
    '',
    `### ${call.method} ${call.url} · ${answer.status} · ${answer.durationMs.toFixed(1)} ms · ${answer.body.length} bytes`,
    ...call.headers.map(([n, v]) => `${n}: ${v}`),
    ...(call.body ? ['', call.body] : []),
  ];
  return `${lines.join('\n')}\n`;
}
