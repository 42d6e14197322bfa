// core/samples: small generators shared by the sample events: fresh ids, digests, AWS's time formats.
import { createHash, randomBytes } from 'node:crypto';

export const hex = (bytes: number): string => randomBytes(bytes).toString('hex');
export const digits = (n: number): string => Array.from(randomBytes(n), (b) => String(b % 10)).join('');
export const md5 = (s: string): string => createHash('md5').update(s).digest('hex');
export const b64 = (s: string): string => Buffer.from(s).toString('base64');
export const token = (bytes = 48): string => randomBytes(bytes).toString('base64');

const pad = (n: number): string => String(n).padStart(2, '0');

/** API Gateway's request time format: 12/Mar/2020:19:03:58 +0000. */
export function apiGatewayTime(d: Date): string {
  const mon = d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  return `${pad(d.getUTCDate())}/${mon}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** ISO 8601 without milliseconds, as EventBridge and CloudFormation write times. */
export const isoSeconds = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** `k=v&k2=v2` into API Gateway's single- and multi-value maps (null when empty, as REST APIs send). */
export function queryMaps(raw: string): { single: Record<string, string> | null; multi: Record<string, string[]> | null } {
  if (!raw) return { single: null, multi: null };
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    single[k] = v;
    (multi[k] ??= []).push(v);
  }
  return { single, multi };
}

/** `/items/{id}` matched against `/items/42` → { id: '42' } (null when the resource has no parameters). */
export function pathParams(resource: string, path: string): Record<string, string> | null {
  const names = resource.split('/');
  const parts = path.split('/');
  const out: Record<string, string> = {};
  names.forEach((n, i) => {
    const m = /^\{(.+?)(\+)?\}$/.exec(n);
    if (m) out[m[1]] = m[2] ? parts.slice(i).join('/') : (parts[i] ?? '');
  });
  return Object.keys(out).length ? out : null;
}

/** Splits `--path /a/b?x=1` into its path and query string. */
export function splitPath(p: string): { path: string; query: string } {
  const i = p.indexOf('?');
  const path = i < 0 ? p : p.slice(0, i);
  return { path: path.startsWith('/') ? path : `/${path}`, query: i < 0 ? '' : p.slice(i + 1) };
}
