// Unit: the `ps` fallback for process facts where there is no /proc (macOS, the BSDs): parsing ps's output, a
// process tree's resident memory and descendants, the short cache; and, on this Linux machine, the real `ps`
// agreeing with /proc about this process.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { treeRssKb } from '../../../src/core/runtime/processTree';
import { parsePsTable, psDescendants, psTable, psTreeRssKb } from '../../../src/core/runtime/psTable';

// As macOS's `ps -A -o pid=,ppid=,rss=,comm=` prints it: right-aligned numbers, comm as a path.
const MAC = `    1     0  12345 /sbin/launchd
  400     1   8000 /usr/local/bin/node
  401   400   3000 /usr/bin/perl
  402   401  40000 /usr/local/bin/node
  403   402   1200 /bin/sh
  999     1    500 /usr/sbin/cfprefsd
garbage line
`;

test('ps output parses into pid, parent, resident KiB and the short name', () => {
  const rows = parsePsTable(MAC);
  assert.equal(rows.size, 6);
  assert.deepEqual(rows.get(402), { pid: 402, ppid: 401, rssKb: 40000, comm: 'node' });
  assert.equal(rows.get(401)?.comm, 'perl');
});

test("a tree's descendants (breadth first) and resident memory: the environment's wrapper, runtime and its child", () => {
  const rows = parsePsTable(MAC);
  assert.deepEqual(psDescendants(rows, 400), [401, 402, 403]);
  assert.deepEqual(psDescendants(rows, 400, 2), [401, 402]);
  assert.equal(psTreeRssKb(rows, 401), 3000 + 40000 + 1200);
  assert.equal(psTreeRssKb(rows, 12), 0, 'a process that is gone');
});

test('the table is read once per 250 ms, and an unrunnable ps gives an empty table', () => {
  let reads = 0;
  const run = () => {
    reads++;
    return MAC;
  };
  const t0 = 1e9;
  psTable(t0, run);
  psTable(t0 + 100, run);
  assert.equal(reads, 1);
  psTable(t0 + 300, run);
  assert.equal(reads, 2);
  assert.equal(psTable(t0 + 1000, () => { throw new Error('no ps'); }).size, 0);
});

test('on this machine the real ps agrees with /proc about a process tree', async () => {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  try {
    await new Promise((r) => setTimeout(r, 300));
    const rows = psTable(performance.now() + 1e7);
    const fromPs = psTreeRssKb(rows, process.pid);
    const fromProc = treeRssKb(process.pid);
    assert.ok(rows.get(child.pid!)?.ppid === process.pid, 'the child is in the table under this process');
    assert.ok(psDescendants(rows, process.pid).includes(child.pid!));
    assert.ok(fromPs > 0 && fromProc > 0, `${fromPs} / ${fromProc}`);
    assert.ok(fromPs > fromProc / 2 && fromPs < fromProc * 2, `ps ${fromPs} KiB vs /proc ${fromProc} KiB`);
  } finally {
    child.kill('SIGKILL');
  }
});
