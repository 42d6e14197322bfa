// core/http: a function's result → the HTTP response, per payload format (lambda-semantics.md §12): 2.0 accepts a
// result without statusCode as a 200 JSON body and sends `cookies` as Set-Cookie headers; 1.0 merges headers with
// multiValueHeaders. A result that breaks the format is `undefined` here (the caller answers 502).
import { matchesMediaType } from './binaryBodies';
import type { ApiDecl, PayloadFormatVersion } from './routeTypes';

export interface HttpAnswer {
  status: number;
  /** Name/value pairs: a name may repeat (Set-Cookie). */
  headers: [string, string][];
  body: Buffer;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function scalar(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

function statusOf(v: unknown): number | undefined {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= 100 && n <= 599 ? n : undefined;
}

function hasHeader(headers: [string, string][], name: string): boolean {
  return headers.some(([k]) => k.toLowerCase() === name);
}

/** Payload format 2.0 (HTTP APIs and function URLs). */
export function responseV2(payload: Buffer): HttpAnswer | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isRecord(value) || value.statusCode === undefined) {
    // §12: valid JSON without statusCode is a 200 with the JSON text as the body (a string keeps its quotes).
    return { status: 200, headers: [['content-type', 'application/json']], body: payload };
  }
  const status = statusOf(value.statusCode);
  if (status === undefined) return undefined;
  const headers: [string, string][] = [];
  if (value.headers !== undefined && value.headers !== null) {
    if (!isRecord(value.headers)) return undefined;
    for (const [k, v] of Object.entries(value.headers)) {
      const s = scalar(v);
      if (s === undefined) return undefined;
      headers.push([k, s]);
    }
  }
  if (value.cookies !== undefined && value.cookies !== null) {
    if (!Array.isArray(value.cookies) || !value.cookies.every((c) => typeof c === 'string')) return undefined;
    for (const c of value.cookies as string[]) headers.push(['set-cookie', c]);
  }
  const body = bodyOf(value.body, value.isBase64Encoded === true);
  if (!body) return undefined;
  if (!hasHeader(headers, 'content-type')) headers.push(['content-type', 'application/json']);
  return { status, headers, body };
}

function bodyOf(body: unknown, base64: boolean): Buffer | undefined {
  if (body === undefined || body === null) return Buffer.alloc(0);
  const s = scalar(body);
  if (s === undefined) return undefined;
  return base64 ? Buffer.from(s, 'base64') : Buffer.from(s, 'utf8');
}

/**
 * Payload format 1.0 (REST, HTTP APIs with 1.0). REST decodes a base64 body only when the request's Accept or the
 * response's Content-Type is one of the API's BinaryMediaTypes; otherwise the client gets the base64 text.
 */
export function responseV1(payload: Buffer, api: ApiDecl, accept: string | undefined): HttpAnswer | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  const status = statusOf(value.statusCode);
  if (status === undefined) return undefined;
  const multi = value.multiValueHeaders;
  const single = value.headers;
  if ((multi !== undefined && multi !== null && !isRecord(multi)) || (single !== undefined && single !== null && !isRecord(single))) return undefined;
  const headers: [string, string][] = [];
  // Both maps are merged; a name in multiValueHeaders takes its values from there only.
  const multiNames = new Set(Object.keys(multi ?? {}).map((k) => k.toLowerCase()));
  for (const [k, v] of Object.entries(single ?? {})) {
    if (multiNames.has(k.toLowerCase())) continue;
    const s = scalar(v);
    if (s === undefined) return undefined;
    headers.push([k, s]);
  }
  for (const [k, v] of Object.entries(multi ?? {})) {
    if (!Array.isArray(v)) return undefined;
    for (const x of v) {
      const s = scalar(x);
      if (s === undefined) return undefined;
      headers.push([k, s]);
    }
  }
  if (!hasHeader(headers, 'content-type')) headers.push(['content-type', 'application/json']);
  let base64 = value.isBase64Encoded === true;
  if (base64 && api.kind === 'rest') {
    const contentType = headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1];
    base64 = matchesMediaType(api.binaryMediaTypes, accept) || matchesMediaType(api.binaryMediaTypes, contentType);
  }
  const body = bodyOf(value.body, base64);
  if (!body) return undefined;
  return { status, headers, body };
}

export function convertResponse(version: PayloadFormatVersion, payload: Buffer, api: ApiDecl, accept: string | undefined): HttpAnswer | undefined {
  return version === '2.0' ? responseV2(payload) : responseV1(payload, api, accept);
}
