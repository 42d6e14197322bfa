// SPDX-License-Identifier: MIT-0
// Unit tests of both functions with an in-memory queue in place of SQS: npm test (node --test).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { makeHandler as dailyReport } from '../src/daily-report.mjs';
import { decodeKey, makeHandler as indexUpload } from '../src/index-upload.mjs';

const event = (name) => JSON.parse(readFileSync(new URL(`../events/${name}`, import.meta.url), 'utf8'));

/** The three calls the functions make, over an array; receive hands out at most `batch` at a time. */
function memoryQueue(batch = 10) {
  const messages = [];
  let handles = 0;
  return {
    messages,
    async send(entries) {
      for (const entry of entries) messages.push({ entry: structuredClone(entry), receiptHandle: `h${++handles}` });
    },
    async receive() {
      return messages.slice(0, batch);
    },
    async remove(received) {
      for (const m of received) messages.splice(messages.indexOf(m), 1);
    },
  };
}

test('S3 keys are decoded as S3 encodes them: + for spaces, percent-encoded UTF-8', () => {
  assert.equal(decodeKey('incoming/caf%C3%A9+orders.csv'), 'incoming/café orders.csv');
});

test('uploads: each CSV file is one message with bucket, key and size; other files are skipped', async () => {
  const q = memoryQueue();
  assert.deepEqual(await indexUpload(q)(event('uploads.json')), { indexed: ['incoming/monthly report.csv', 'incoming/café orders.csv'], skipped: ['incoming/notes.txt'] });
  assert.deepEqual(q.messages.map((m) => m.entry), [
    { bucket: 'file-pipeline-uploads', key: 'incoming/monthly report.csv', size: 2048, eventTime: '2026-12-02T15:53:28.499Z' },
    { bucket: 'file-pipeline-uploads', key: 'incoming/café orders.csv', size: 5120, eventTime: '2026-12-02T15:54:01.120Z' },
  ]);
});

test('the daily report drains the queue in batches and counts files and bytes; the next one finds none', async () => {
  const q = memoryQueue(1);
  await indexUpload(q)(event('uploads.json'));
  const report = dailyReport(q);
  assert.deepEqual(await report(event('scheduled.json')), { reportDate: '2026-12-03', files: 2, bytes: 7168 });
  assert.equal(q.messages.length, 0);
  assert.deepEqual(await report(event('scheduled.json')), { reportDate: '2026-12-03', files: 0, bytes: 0 });
});

test('a report that fails deletes nothing: the messages wait for the next run', async () => {
  const q = memoryQueue();
  await q.send([{ key: 'a.csv', size: 1 }, { key: 'b.csv', size: 'oops' }]);
  q.remove = async () => {
    throw new Error('SQS is unavailable');
  };
  await assert.rejects(dailyReport(q)(event('scheduled.json')), /SQS is unavailable/);
  assert.equal(q.messages.length, 2);
});
