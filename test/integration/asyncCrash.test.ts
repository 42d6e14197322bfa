// Integration: crash safety of the async queue (§9: duplicates allowed, losses not) with real processes: a
// `lambda-workbench start` engine killed with SIGKILL while accepting, during an attempt and while a retry
// waits; a new engine on the same state directory runs every accepted event, on its retry schedule.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, test } from 'node:test';
import { parseJournal } from '../../src/core/store/journal';
import { tempDir } from '../helpers/tempDirs';
import { startProcess, type StartedEngine } from './helpers/startProcess';
import { fixtures, waitFor } from './helpers/engine';
import { processesWith } from './helpers/processes';

const cwd = join(fixtures, 'async');

type Engine = StartedEngine;

const engines: Engine[] = [];
const tokens: string[] = [];

function start(stateDir: string, token: string, timeScale: number): Engine {
  const e = startProcess(cwd, ['--state-dir', stateDir, '--time-scale', String(timeScale), '--parameter-overrides', `Token=${token}`]);
  engines.push(e);
  return e;
}

async function kill9(e: Engine, token: string): Promise<void> {
  e.child.kill('SIGKILL');
  await e.exited;
  for (const pid of processesWith(token)) process.kill(pid, 'SIGKILL'); // the environments it left
}

async function sendEvent(url: string, fn: string, event: object): Promise<string> {
  const res = await fetch(`${url}/2015-03-31/functions/${fn}/invocations`, { method: 'POST', headers: { 'X-Amz-Invocation-Type': 'Event' }, body: JSON.stringify(event) });
  assert.equal(res.status, 202);
  return res.headers.get('x-amzn-requestid')!;
}

/** The messages a local queue holds, read from its journal. */
function queueBodies(stateDir: string, queue: string): string[] {
  let data: Buffer;
  try {
    data = readFileSync(join(stateDir, 'events', 'queues', `${queue}.journal`));
  } catch {
    return [];
  }
  const live = new Map<string, string>();
  for (const r of parseJournal<{ k: string; m?: { messageId: string; body: string }; id?: string }>('q', data).records) {
    if (r.k === 'm' && r.m) live.set(r.m.messageId, r.m.body);
    if (r.k === 'd' && r.id) live.delete(r.id);
    if (r.k === 'p') live.clear();
  }
  return [...live.values()];
}

function ended(stderr: string, requestId: string): number {
  return stderr.split(`END RequestId: ${requestId}`).length - 1;
}

describe('async queue: kill -9 of the engine loses no accepted event', () => {
  afterEach(async () => {
    for (const e of engines.splice(0)) {
      if (e.child.exitCode === null && e.child.signalCode === null) {
        e.child.kill('SIGKILL');
        await e.exited;
      }
    }
    for (const t of tokens.splice(0)) for (const pid of processesWith(t)) process.kill(pid, 'SIGKILL');
  });

  test('killed during an attempt: the next engine runs the event again under the same request id', async () => {
    const stateDir = tempDir('lwb-async-crash-');
    const token = randomUUID();
    tokens.push(token);
    const first = start(stateDir, token, 1);
    const id = await sendEvent(await first.url, 'slow', { sleepMs: 60_000 });
    assert.ok(await waitFor(() => first.stderr().includes(`START RequestId: ${id}`), 30_000), first.stderr());
    await kill9(first, token);
    const second = start(stateDir, token, 1);
    await second.url;
    assert.match(second.stderr(), /Async queues resumed: slow \(1\)/);
    // The attempt runs again (a duplicate, as at-least-once allows); it sleeps a minute, so stop once it started.
    assert.ok(await waitFor(() => second.stderr().includes(`START RequestId: ${id}`), 30_000), second.stderr());
  });

  test('killed while a retry waits: the next engine keeps the schedule and finishes the event', async () => {
    const stateDir = tempDir('lwb-async-crash-');
    const token = randomUUID();
    tokens.push(token);
    // 20×: the one-minute retry delay is three real seconds; the kill comes right after the first attempt ends.
    const first = start(stateDir, token, 20);
    const id = await sendEvent(await first.url, 'fail', { crash: 'retry' });
    // Killed once the retry is scheduled (its record journalled): an engine killed between the attempt's end and
    // that record runs the attempt again instead, a duplicate at-least-once allows (the previous test).
    const scheduled = () => readFileSync(join(stateDir, 'async', 'fail.events.journal'), 'utf8').includes('"k":"r"');
    assert.ok(await waitFor(() => ended(first.stderr(), id) === 1 && scheduled(), 30_000), first.stderr());
    await kill9(first, token);
    assert.equal(queueBodies(stateDir, 'FailureQueue').filter((b) => b.includes(id)).length, 0, 'not finished before the kill');
    const second = start(stateDir, token, 20);
    await second.url;
    assert.ok(await waitFor(() => queueBodies(stateDir, 'FailureQueue').some((b) => b.includes(id)), 30_000), second.stderr());
    assert.equal(ended(second.stderr(), id), 2, 'the two retries ran in the second engine');
    const record = JSON.parse(queueBodies(stateDir, 'FailureQueue').find((b) => b.includes(id))!);
    assert.equal(record.requestContext.condition, 'RetriesExhausted');
    assert.equal(record.requestContext.approximateInvokeCount, 3);
  });

  test('killed while accepting a burst: every event answered 202 runs after the restart', async () => {
    const stateDir = tempDir('lwb-async-crash-');
    const token = randomUUID();
    tokens.push(token);
    const first = start(stateDir, token, 1);
    const url = await first.url;
    const accepted: string[] = [];
    const sends = Array.from({ length: 40 }, (_, i) =>
      sendEvent(url, 'ok', { burst: i }).then(
        (id) => {
          accepted.push(id);
          if (accepted.length === 5) first.child.kill('SIGKILL');
        },
        () => undefined, // refused by the kill: never acknowledged, so not the engine's to keep
      ),
    );
    await Promise.all(sends);
    await first.exited;
    for (const pid of processesWith(token)) process.kill(pid, 'SIGKILL');
    assert.ok(accepted.length >= 5);
    const second = start(stateDir, token, 1);
    await second.url;
    const delivered = () => queueBodies(stateDir, 'success-queue').map((b) => JSON.parse(b).requestContext.requestId as string);
    assert.ok(await waitFor(() => accepted.every((id) => delivered().includes(id)), 60_000), `missing: ${accepted.filter((id) => !delivered().includes(id)).join(', ')}\n${second.stderr()}`);
  });
});
