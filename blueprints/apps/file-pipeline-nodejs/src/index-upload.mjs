// SPDX-License-Identifier: MIT-0
// S3 ObjectCreated under incoming/: each CSV file becomes one message on the index queue (bucket, key, size);
// anything else is skipped and logged. The queue client is passed in, so that unit tests need no AWS.
import { queue } from './index-queue.mjs';

/** S3 event keys are URL-encoded, with '+' for spaces. */
export const decodeKey = (key) => decodeURIComponent(key.replace(/\+/g, ' '));

export function makeHandler(q) {
  return async (event) => {
    const entries = [];
    const skipped = [];
    for (const record of event.Records ?? []) {
      const key = decodeKey(record.s3.object.key);
      if (!key.toLowerCase().endsWith('.csv')) {
        skipped.push(key);
        continue;
      }
      entries.push({ bucket: record.s3.bucket.name, key, size: record.s3.object.size, eventTime: record.eventTime });
    }
    if (skipped.length) console.log(JSON.stringify({ message: 'not CSV, skipped', keys: skipped }));
    await q.send(entries);
    return { indexed: entries.map((e) => e.key), skipped };
  };
}

export const handler = makeHandler(queue());
