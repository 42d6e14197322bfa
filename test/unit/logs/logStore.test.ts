// Unit: persisted log streams are bounded by age and total size — pruned on demand (engine start) and when a
// stream closes — and a stream still being written is never deleted. Real files, virtual clock.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { VirtualClock } from '../../../src/core/common/clock';
import { LogStore } from '../../../src/core/logs/logStore';
import { tempDir } from '../../helpers/tempDirs';

const root = tempDir('lw-logs-');

const DAY = 24 * 60 * 60_000;
let n = 0;

/** A stream file of `bytes` bytes last written `ageMs` before `now`. */
function streamFile(dir: string, group: string, name: string, bytes: number, ageMs: number, now: number): void {
  mkdirSync(join(dir, group), { recursive: true });
  const p = join(dir, group, name);
  writeFileSync(p, 'x'.repeat(bytes));
  utimesSync(p, (now - ageMs) / 1000, (now - ageMs) / 1000);
}

function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

const event = (logStream: string, message: string) => ({ timestamp: 0, message, logGroup: '/aws/lambda/Live', logStream, functionName: 'Live', source: 'function' as const });

test('prune deletes streams past the age limit, then the oldest past the size limit; an open stream stays', async () => {
  const dir = join(root, `l${n++}`);
  const clock = new VirtualClock(Date.now());
  const now = clock.now();
  streamFile(dir, 'aws__lambda__A', 'old.jsonl', 10, 8 * DAY, now);
  streamFile(dir, 'aws__lambda__A', 'mid.jsonl', 40_000, 3 * DAY, now);
  streamFile(dir, 'aws__lambda__B', 'new.jsonl', 40_000, 2 * DAY, now);
  streamFile(dir, 'aws__lambda__B', 'newer.jsonl', 10_000, 1 * DAY, now);
  const store = new LogStore(dir, { maxAgeMs: 7 * DAY, maxBytes: 60_000, clock });
  store.append(event('2026/01/01/[$LATEST]live', 'still running'));
  const live = join(dir, 'aws__lambda__Live', '2026__01__01__[$LATEST]live.jsonl');
  while (!existsSync(live)) await new Promise((r) => setTimeout(r, 5));
  await store.prune();
  await store.dispose();
  assert.deepEqual(listing(dir), ['aws__lambda__B/new.jsonl', 'aws__lambda__B/newer.jsonl', 'aws__lambda__Live/2026__01__01__[$LATEST]live.jsonl']);
  assert.match(readFileSync(live, 'utf8'), /still running/);
});

test('closing a stream prunes; folders left empty go too', async () => {
  const dir = join(root, `l${n++}`);
  const clock = new VirtualClock(Date.now());
  streamFile(dir, 'aws__lambda__Gone', 'ancient.jsonl', 10, 30 * DAY, clock.now());
  const store = new LogStore(dir, { maxAgeMs: 7 * DAY, maxBytes: 100_000_000, clock });
  store.append(event('s1', 'one line'));
  store.closeStream('/aws/lambda/Live', 's1');
  await store.dispose(); // waits for the prune the close started
  assert.deepEqual(listing(dir), ['aws__lambda__Live/s1.jsonl']);
  assert.deepEqual(readdirSync(dir).sort(), ['aws__lambda__Live']);
});

test('a stream closed longer ago than the age limit goes once the clock passes it', async () => {
  const dir = join(root, `l${n++}`);
  const clock = new VirtualClock(Date.now());
  const store = new LogStore(dir, { maxAgeMs: 7 * DAY, maxBytes: 100_000_000, clock });
  store.append(event('s1', 'one line'));
  store.closeStream('/aws/lambda/Live', 's1');
  await store.prune();
  assert.deepEqual(listing(dir), ['aws__lambda__Live/s1.jsonl']);
  clock.advance(8 * DAY);
  await store.prune();
  assert.deepEqual(listing(dir), []);
  await store.dispose();
});
