// Test helpers for the HTTP front doors: an engine over test/fixtures/http serving its APIs on free ports, curl
// (a client we did not write) and golden-file comparison with placeholders for ids, times and ports.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HttpHandle } from '../../../src/core/http/httpFront';
import type { LambdaServiceOptions } from '../../../src/core/service';
import { fixtures, startEngine, type TestEngine } from './engine';

export const httpFixture = join(fixtures, 'http');

export interface HttpEngine extends TestEngine {
  http: HttpHandle;
  /** Base URL of the API (or function URL) with this id. */
  base(apiId: string): string;
}

export async function startHttpEngine(templateDir = httpFixture, extra: Partial<LambdaServiceOptions> = {}): Promise<HttpEngine> {
  const e = startEngine(templateDir, extra);
  const http = await e.service.http.listen({ apiPort: 0, urlPort: 0, watchTemplate: templateDir !== httpFixture });
  return {
    ...e,
    http,
    base: (id) => {
      const s = http.served.find((x) => x.api.id === id);
      assert.ok(s, `API ${id} is not served: ${http.served.map((x) => x.api.id).join(', ')}`);
      return s.baseUrl;
    },
  };
}

export interface CurlResult {
  status: number;
  headers: [string, string][];
  body: string;
}

/** curl -i with the given arguments; the status line, headers and body parsed. */
export function curl(args: string[]): Promise<CurlResult> {
  return new Promise((resolve, reject) => {
    execFile('curl', ['-s', '-i', '--http1.1', ...args], { encoding: 'buffer', maxBuffer: 32 * 1024 * 1024 }, (err, stdout) => {
      if (err) return reject(err);
      const text = stdout.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      const head = text.slice(0, end).split('\r\n');
      const status = Number(head[0].split(' ')[1]);
      const headers = head.slice(1).map((l): [string, string] => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]);
      resolve({ status, headers, body: Buffer.from(text.slice(end + 4), 'latin1').toString('utf8') });
    });
  });
}

const VOLATILE = new Set(['requestId', 'extendedRequestId', 'time', 'timeEpoch', 'requestTime', 'requestTimeEpoch', 'x-amzn-trace-id', 'X-Amzn-Trace-Id']);

/** The event with ids, times and the port replaced by placeholders, so it can be compared with a golden file. */
export function placeholders(event: unknown, port: number): unknown {
  const walk = (v: unknown, key?: string): unknown => {
    if (key && VOLATILE.has(key)) return `<${key}>`;
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return typeof v === 'string' ? v.split(String(port)).join('<port>') : v;
  };
  return walk(event);
}

/** Compares with test/fixtures/http/golden/<name>.json; UPDATE_GOLDEN=1 writes it instead. */
export function assertGolden(name: string, actual: unknown): void {
  const file = join(httpFixture, 'golden', `${name}.json`);
  const text = JSON.stringify(actual, null, 2) + '\n';
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    if (process.env.UPDATE_GOLDEN !== '1') assert.fail(`golden file ${file} is missing; run with UPDATE_GOLDEN=1 to write it`);
    writeFileSync(file, text);
    return;
  }
  assert.deepEqual(actual, JSON.parse(readFileSync(file, 'utf8')));
}

export function portOf(url: string): number {
  return Number(new URL(url).port);
}
