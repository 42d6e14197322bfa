// core/store: durable JSON records under the state directory. A record is written to a pid-tagged temp
// file, fsynced, then moved into place (rename to replace, link to create exclusively), so a reader sees
// the old record or the new one, never half of one; a crash leaves only a temp file that housekeeping sweeps.
import { promises as fsp } from 'node:fs';
import { dirname } from 'node:path';
import { WorkbenchError } from '../common/errors';
import { tempPathFor } from './tempFiles';
import { mkdirState } from './stateFolders';

async function writeTemp(target: string, data: unknown): Promise<string> {
  await mkdirState(dirname(target));
  const tmp = tempPathFor(target);
  const fh = await fsp.open(tmp, 'w');
  try {
    await fh.writeFile(JSON.stringify(data, null, 2) + '\n');
    await fh.sync();
  } finally {
    await fh.close();
  }
  return tmp;
}

/** Replaces (or creates) `target` atomically. */
export async function writeJsonAtomic(target: string, data: unknown): Promise<void> {
  const tmp = await writeTemp(target, data);
  try {
    await fsp.rename(tmp, target);
  } catch (e) {
    await fsp.rm(tmp, { force: true });
    throw e;
  }
}

/** Creates `target` atomically; false (and nothing written) when it already exists. */
export async function createJsonExclusive(target: string, data: unknown): Promise<boolean> {
  const tmp = await writeTemp(target, data);
  try {
    await fsp.link(tmp, target);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    await fsp.rm(tmp, { force: true });
  }
}

/** The parsed record, undefined when the file does not exist; a corrupt record is an error naming the file. */
export async function readJson<T>(file: string): Promise<T | undefined> {
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new WorkbenchError('STATE_CORRUPT', `The record ${file} is unreadable (${(e as Error).message}). Delete it, or restore it from a backup.`, { cause: e });
  }
}
