// core/registry: a lock file shared by the engines (CLI, VS Code, `start`) that use one state directory, for
// the few read-decide-write steps that must not interleave across processes: publishing a version (two
// engines publishing the same code must make one version, §6) and removing package blobs no version uses.
// The file names its owner; one left by a process that no longer runs is taken over.
import { promises as fsp } from 'node:fs';
import { dirname } from 'node:path';
import { WorkbenchError } from '../common/errors';
import { ownerOf, ownerState, type ProcessOwner } from '../store/processOwner';

const WAIT_MS = 30_000;
/** A holder that is alive but holds this long is taken to be stuck (publishing copies a ZIP: seconds at most). */
const STALE_MS = 60_000;

/** Runs `work` while holding the lock file `file` (created exclusively); waits for another holder. */
export async function withStateLock<T>(file: string, work: () => Promise<T>): Promise<T> {
  await acquire(file);
  try {
    return await work();
  } finally {
    await fsp.rm(file, { force: true });
  }
}

async function acquire(file: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  const me = JSON.stringify({ ...ownerOf(), at: Date.now() });
  await fsp.mkdir(dirname(file), { recursive: true });
  for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
    try {
      await fsp.writeFile(file, me, { flag: 'wx' });
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    if (await abandoned(file)) {
      await fsp.rm(file, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new WorkbenchError('RESOURCE_CONFLICT', `Another Lambda Workbench engine has held ${file} for over ${WAIT_MS / 1000} s. If no other engine runs, remove that file and retry.`);
    }
    await new Promise((r) => setTimeout(r, delay));
  }
}

/** The holder is gone (or the file is unreadable junk, or too old to be a live publish). */
async function abandoned(file: string): Promise<boolean> {
  let holder: (ProcessOwner & { at?: number }) | undefined;
  try {
    holder = JSON.parse(await fsp.readFile(file, 'utf8')) as ProcessOwner & { at?: number };
  } catch (e) {
    // Being written right now (empty) or just removed: look again.
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    const stat = await fsp.stat(file).catch(() => undefined);
    return stat !== undefined && Date.now() - stat.mtimeMs > 1000;
  }
  return ownerState(holder) === 'dead' || Date.now() - (holder.at ?? 0) > STALE_MS;
}
