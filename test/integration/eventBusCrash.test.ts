// Integration: crash safety of event buses with real processes — a `lambda-workbench start` engine is killed
// with SIGKILL as soon as PutEvents answers; every event it answered for is in the bus's journal, and a new
// engine on the same state directory delivers each to the rule's targets (at least once, none lost).
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

const cwd = join(fixtures, 'eventbus');

type Engine = StartedEngine;

const engines: Engine[] = [];

function start(stateDir: string, token: string): Engine {
  const e = startProcess(cwd, ['--state-dir', stateDir, '--parameter-overrides', `Token=${token}`]);
  engines.push(e);
  return e;
}

function readJournal<T>(file: string): T[] {
  try {
    return parseJournal<T>(file, readFileSync(file)).records;
  } catch {
    return [];
  }
}

/** Message bodies a local queue holds (its journal; deletes applied). */
function queueBodies(stateDir: string, queue: string): string[] {
  const live = new Map<string, string>();
  for (const r of readJournal<{ k: string; m?: { messageId: string; body: string }; id?: string }>(join(stateDir, 'events', 'queues', `${queue}.journal`))) {
    if (r.k === 'm' && r.m) live.set(r.m.messageId, r.m.body);
    if (r.k === 'd' && r.id) live.delete(r.id);
  }
  return [...live.values()];
}

async function putEvent(url: string, order: string): Promise<string | undefined> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSEvents.PutEvents' },
    body: JSON.stringify({ Entries: [{ EventBusName: 'orders', Source: 'shop', DetailType: 'OrderPaid', Detail: JSON.stringify({ id: order, total: 10 }) }] }),
  });
  assert.equal(res.status, 200);
  return ((await res.json()) as { Entries: { EventId?: string }[] }).Entries[0].EventId;
}

describe('event buses: kill -9 of the engine loses no event PutEvents answered for', () => {
  const tokens: string[] = [];
  afterEach(async () => {
    for (const e of engines.splice(0)) {
      if (e.child.exitCode === null && e.child.signalCode === null) e.child.kill('SIGKILL');
      await e.exited;
    }
    for (const t of tokens.splice(0)) for (const pid of processesWith(t)) process.kill(pid, 'SIGKILL');
  });

  test('SIGKILL right after the answers; the restarted engine delivers every answered event to the queue target', async () => {
    const stateDir = tempDir('lwb-bus-crash-');
    const token = randomUUID();
    tokens.push(token);
    const first = start(stateDir, token);
    const url = await first.url;
    // A burst of puts; the engine dies the moment the first answer arrives, with the rest in flight.
    const orders = Array.from({ length: 20 }, (_, i) => `crash-${i}`);
    const answers = orders.map((o) => putEvent(url, o).then((id) => [o, id] as const, () => [o, undefined] as const));
    await Promise.race(answers);
    first.child.kill('SIGKILL');
    await first.exited;
    const answered = (await Promise.all(answers)).filter(([, id]) => id).map(([o]) => o);
    assert.ok(answered.length >= 1);
    // Every answered event is in the bus's journal (fsync before the answer).
    const journal = readJournal<{ k: string; event?: { detail: { id: string } } }>(join(stateDir, 'events', 'buses', 'orders.journal'));
    const journalled = new Set(journal.filter((r) => r.k === 'e').map((r) => r.event!.detail.id));
    for (const o of answered) assert.ok(journalled.has(o), `${o} was answered but is not in the journal`);
    const text = (o: string) => `{"what": "OrderPaid", "text": "order ${o} seen on audit-shop"}`;
    const deliveredBefore = answered.filter((o) => queueBodies(stateDir, 'audit').includes(text(o))).length;

    const second = start(stateDir, token);
    await second.url;
    const all = await waitFor(() => answered.every((o) => queueBodies(stateDir, 'audit').includes(text(o))), 20_000);
    assert.ok(all, `after the restart the audit queue has ${answered.filter((o) => queueBodies(stateDir, 'audit').includes(text(o))).length} of ${answered.length} answered events (${deliveredBefore} were delivered before the kill); stderr: ${second.stderr()}`);
  });
});
