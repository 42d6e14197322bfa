// core/store: the execution environments' folders under <state>/envs/. Each holds an owner.json naming the
// engine process that made it and the code it runs from, so a later engine removes the folders of engines
// that died (crash, SIGKILL) but never a live engine's, and the package cache keeps what live ones run.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { ownerOf, ownerState, parseOwner, type ProcessOwner } from './processOwner';
import { sweepTemps, tempPathFor } from './tempFiles';
import { mkdirState } from './stateFolders';

export const OWNER_FILE = 'owner.json';
/** Folders without an owner (older versions) or of an owner we cannot check (other host) go after this. */
export const UNOWNED_ENV_MAX_AGE_MS = 24 * 60 * 60_000;

export interface EnvOwnerRecord extends ProcessOwner {
  /** Folders the environment runs from (task root, /opt): the package cache must keep them. */
  uses: string[];
  /** Epoch ms. */
  createdAt: number;
}

/**
 * Creates `<envsDir>/<id>` with its owner record already inside (it is written under a temp name and
 * renamed into place), so no other engine ever sees the folder without an owner.
 */
export async function claimEnvFolder(envsDir: string, id: string, uses: readonly string[], owner: ProcessOwner = ownerOf()): Promise<string> {
  const dir = join(envsDir, id);
  const tmp = tempPathFor(dir);
  await mkdirState(tmp);
  const record: EnvOwnerRecord = { ...owner, uses: [...uses], createdAt: Date.now() };
  await fsp.writeFile(join(tmp, OWNER_FILE), JSON.stringify(record));
  await fsp.rename(tmp, dir);
  return dir;
}

interface EnvFolder {
  dir: string;
  owner: EnvOwnerRecord | undefined;
  mtimeMs: number;
}

async function envFolders(envsDir: string): Promise<EnvFolder[]> {
  let names: string[];
  try {
    names = await fsp.readdir(envsDir);
  } catch {
    return [];
  }
  const out: EnvFolder[] = [];
  for (const name of names.filter((n) => !n.endsWith('.tmp'))) {
    const dir = join(envsDir, name);
    try {
      const st = await fsp.stat(dir);
      if (!st.isDirectory()) continue;
      const text = await fsp.readFile(join(dir, OWNER_FILE), 'utf8').catch(() => undefined);
      out.push({ dir, owner: text === undefined ? undefined : (parseOwner(text) as EnvOwnerRecord | undefined), mtimeMs: st.mtimeMs });
    } catch {
      // removed while we looked: its environment ended
    }
  }
  return out;
}

function isStale(f: EnvFolder, now: number): boolean {
  const state = f.owner ? ownerState(f.owner) : 'unknown';
  if (state === 'alive') return false;
  if (state === 'dead') return true;
  return now - (f.owner?.createdAt ?? f.mtimeMs) > UNOWNED_ENV_MAX_AGE_MS;
}

/** Removes the folders of environments whose engine is gone (and half-created ones it left). */
export async function sweepStaleEnvFolders(envsDir: string, now: number): Promise<string[]> {
  const removed = await sweepTemps([envsDir], now);
  for (const f of await envFolders(envsDir)) {
    if (!isStale(f, now)) continue;
    await fsp.rm(f.dir, { recursive: true, force: true });
    removed.push(f.dir);
  }
  return removed;
}

/** Folders that environments of live (or uncheckable) engines run from. */
export async function foldersInUse(envsDir: string, now: number): Promise<string[]> {
  return (await envFolders(envsDir)).filter((f) => !isStale(f, now)).flatMap((f) => f.owner?.uses ?? []);
}
