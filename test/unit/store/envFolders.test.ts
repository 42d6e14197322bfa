// Unit: environment folders and temp names in a state directory shared by several engines — only what a
// dead process left is removed (also when its pid was reused), and the state directory appears only when
// something is written. Real processes stand in for the other engines.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { claimEnvFolder, foldersInUse, OWNER_FILE, sweepStaleEnvFolders } from '../../../src/core/store/envFolders';
import { ownerOf } from '../../../src/core/store/processOwner';
import { stateLayout } from '../../../src/core/store/stateDir';
import { sweepTemps } from '../../../src/core/store/tempFiles';
import { tempDir } from '../../helpers/tempDirs';

const root = tempDir('lw-store-');
let n = 0;
const fresh = (): string => join(root, `s${n++}`);
const DAY = 24 * 60 * 60_000;

function running(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  return new Promise((resolve) => child.once('spawn', () => resolve(child)));
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((r) => child.once('exit', r));
  return child.pid!;
}

test('stale environment folders: a dead engine\'s go, a live engine\'s stay, and so does what they run', async () => {
  const envs = join(fresh(), 'envs');
  const live = await running();
  try {
    const dead = await deadPid();
    const mine = await claimEnvFolder(envs, 'mine', ['/state/packages/aaa/task', '/state/opt/empty']);
    const other = await claimEnvFolder(envs, 'other-live', ['/state/packages/bbb/task'], ownerOf(live.pid!));
    const crashed = await claimEnvFolder(envs, 'crashed', ['/state/packages/ccc/task'], { ...ownerOf(), pid: dead });
    // The same pid as a live process, but another start time: the number was reused after a crash.
    const reused = await claimEnvFolder(envs, 'reused', ['/state/packages/ddd/task'], { ...ownerOf(live.pid!), startTicks: '1' });
    mkdirSync(join(crashed, 'tmp', 'deep'), { recursive: true });
    writeFileSync(join(crashed, 'tmp', 'deep', 'file'), 'x');
    // Folders from before owners were written: removed once clearly abandoned.
    mkdirSync(join(envs, 'legacy-old', 'tmp'), { recursive: true });
    utimesSync(join(envs, 'legacy-old'), (Date.now() - 2 * DAY) / 1000, (Date.now() - 2 * DAY) / 1000);
    mkdirSync(join(envs, 'legacy-new', 'tmp'), { recursive: true });
    // Half-claimed by a process that died before the rename.
    mkdirSync(join(envs, `half.${dead}.0a0b0c0d.tmp`));

    assert.deepEqual((await foldersInUse(envs, Date.now())).sort(), ['/state/opt/empty', '/state/packages/aaa/task', '/state/packages/bbb/task']);
    const removed = await sweepStaleEnvFolders(envs, Date.now());
    assert.deepEqual(removed.map((p) => p.slice(envs.length + 1)).sort(), ['crashed', `half.${dead}.0a0b0c0d.tmp`, 'legacy-old', 'reused']);
    assert.deepEqual(readdirSync(envs).sort(), ['legacy-new', 'mine', 'other-live']);
    assert.ok(existsSync(join(mine, OWNER_FILE)) && existsSync(join(other, OWNER_FILE)));
    assert.equal(existsSync(reused), false);

    live.kill('SIGKILL');
    await new Promise((r) => live.once('exit', r));
    assert.deepEqual(await foldersInUse(envs, Date.now()), ['/state/packages/aaa/task', '/state/opt/empty']);
    await sweepStaleEnvFolders(envs, Date.now());
    assert.deepEqual(readdirSync(envs).sort(), ['legacy-new', 'mine']);
  } finally {
    live.kill('SIGKILL');
  }
});

test('temp names carry their writer\'s pid: a dead writer\'s are swept at once, a live one\'s never, unowned ones when old', async () => {
  const dir = fresh();
  mkdirSync(dir, { recursive: true });
  const dead = await deadPid();
  const names = [`a.json.${dead}.tmp`, `b.zip.${process.pid}.1f2e3d4c.tmp`, 'c.json.tmp', 'd.json.tmp', 'task.extract-0123456789ab', 'keep.json'];
  for (const x of names) writeFileSync(join(dir, x), 'x');
  const old = (Date.now() - 2 * 60 * 60_000) / 1000;
  utimesSync(join(dir, 'c.json.tmp'), old, old);
  utimesSync(join(dir, 'task.extract-0123456789ab'), old, old);
  const removed = await sweepTemps([dir, join(dir, 'missing')], Date.now());
  assert.deepEqual(removed.map((p) => p.slice(dir.length + 1)).sort(), [`a.json.${dead}.tmp`, 'c.json.tmp', 'task.extract-0123456789ab']);
  assert.deepEqual(readdirSync(dir).sort(), [`b.zip.${process.pid}.1f2e3d4c.tmp`, 'd.json.tmp', 'keep.json']);
});

test('the state directory is not created until something is written', () => {
  const ws = fresh();
  mkdirSync(ws);
  const layout = stateLayout(ws);
  assert.equal(layout.root, join(ws, '.lambda-workbench'));
  assert.deepEqual(readdirSync(ws), []);
});
