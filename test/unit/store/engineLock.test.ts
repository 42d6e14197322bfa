// Unit: the queues lock (store/engineLock.ts) — one holder among engines racing for it, a lock whose process
// is gone is taken over, and only its holder releases it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { acquireQueuesLock, QUEUES_LOCK } from '../../../src/core/store/engineLock';
import { ownerOf } from '../../../src/core/store/processOwner';
import { tempDir } from '../../helpers/tempDirs';

describe('queues lock', () => {
  test('of engines racing for it, exactly one holds it; the others are told who', async () => {
    const dir = tempDir('lwb-lock-');
    let listeners = 0;
    const results = await Promise.all([1, 2, 3, 4].map((n) => acquireQueuesLock(dir, `engine${n}`, async () => (listeners++, `http://127.0.0.1:${9000 + n}`))));
    const owners = results.filter((r) => r.owned);
    assert.equal(owners.length, 1);
    const holder = JSON.parse(readFileSync(join(dir, QUEUES_LOCK), 'utf8'));
    for (const r of results) if (!r.owned) assert.equal(r.holder.instance, holder.instance);
    assert.equal(holder.pid, process.pid);
    assert.ok(listeners >= 1);
    // Someone else's release leaves it; the holder's removes it, and the next engine takes it.
    if (owners[0].owned) await owners[0].release();
    assert.equal(existsSync(join(dir, QUEUES_LOCK)), false);
    const next = await acquireQueuesLock(dir, 'next', async () => 'http://127.0.0.1:9100');
    assert.equal(next.owned, true);
  });

  test('a lock left by a process that is gone (kill -9) is stale and taken over', async () => {
    const dir = tempDir('lwb-lock-');
    const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    const pid = Number(gone.stdout.trim());
    writeFileSync(join(dir, QUEUES_LOCK), JSON.stringify({ ...ownerOf(), pid, startTicks: '1', url: 'http://127.0.0.1:1', origin: 'cli', acquiredAt: '2026-01-01T00:00:00Z', instance: 'old' }));
    const r = await acquireQueuesLock(dir, 'vscode', async () => 'http://127.0.0.1:9200');
    assert.equal(r.owned, true);
    assert.equal(JSON.parse(readFileSync(join(dir, QUEUES_LOCK), 'utf8')).origin, 'vscode');
  });

  test('a live holder (another process) keeps it', async () => {
    const dir = tempDir('lwb-lock-');
    writeFileSync(join(dir, QUEUES_LOCK), JSON.stringify({ ...ownerOf(process.ppid), url: 'http://127.0.0.1:2', origin: 'cli', acquiredAt: '2026-01-01T00:00:00Z', instance: 'parent' }));
    let asked = false;
    const r = await acquireQueuesLock(dir, 'vscode', async () => ((asked = true), 'http://127.0.0.1:9300'));
    assert.equal(r.owned, false);
    assert.equal(asked, false, 'no listener is started for a lock it cannot take');
    if (!r.owned) assert.equal(r.holder.pid, process.ppid);
  });
});
