// Test helpers for the asynchronous invocation tests: an engine over test/fixtures/async whose engine clock
// is a VirtualClock, the attempts it makes (with the engine time each started at), and golden files for
// the records destinations receive (request ids, times and stack traces as placeholders).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { VirtualClock } from '../../../src/core/common/clock';
import type { LambdaServiceOptions } from '../../../src/core/service';
import { fixtures, startEngine, type TestEngine } from './engine';

export interface Attempt {
  functionName: string;
  at: number;
  requestId?: string;
  functionError?: string;
  error?: string;
  payload: string;
}

export interface AsyncEngine extends TestEngine {
  clock: VirtualClock;
  attempts: Attempt[];
  /** Moves the engine clock and waits until the queues have nothing due. */
  advance(ms: number): Promise<void>;
  /** Message bodies of a local queue, oldest first. */
  bodies(queue: string): Promise<string[]>;
}

export function startAsyncEngine(extra: Partial<LambdaServiceOptions> = {}): AsyncEngine {
  const clock = new VirtualClock();
  const e = startEngine(join(fixtures, 'async'), { engineClock: clock, ...extra });
  const attempts: Attempt[] = [];
  e.service.onDidInvoke((ev) => {
    if (ev.origin !== 'async') return;
    attempts.push({ functionName: ev.functionName, at: clock.now(), requestId: ev.result?.requestId, functionError: ev.result?.functionError, error: ev.error ? String((ev.error as Error).message) : undefined, payload: String(ev.payload) });
  });
  return {
    ...e,
    clock,
    attempts,
    advance: async (ms) => {
      clock.advance(ms);
      await e.service.async.idle();
    },
    bodies: async (queue) => (await (await e.service.async.resources()).queue(queue)).peek().map((m) => m.body),
  };
}

/** A record with its variable parts as placeholders. */
export function normaliseRecord(text: string): string {
  return JSON.stringify(JSON.parse(text), null, 2)
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z/g, '<TIME>')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<UUID>')
    .replace(/"trace": \[[^\]]*\]/g, '"trace": ["<TRACE>"]')
    .concat('\n');
}

export function assertAsyncGolden(name: string, text: string): void {
  const file = join(fixtures, 'async', 'golden', name);
  const actual = normaliseRecord(text);
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.equal(actual, readFileSync(file, 'utf8'), `golden file ${file} (UPDATE_GOLDEN=1 rewrites it)`);
}
