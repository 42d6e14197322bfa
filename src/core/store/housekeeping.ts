// core/store: housekeeping of a state directory at engine start — what crashed or killed engines left
// (environment folders, temp files) goes, and the package cache and logs are brought within their bounds.
// Everything here is safe while other engines use the same directory.
import { existsSync, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { sweepStaleEnvFolders } from './envFolders';
import type { StateLayout } from './stateDir';
import { sweepTemps } from './tempFiles';

/** `tidyParts`: what tidies itself (the package cache, the log store), run after the sweep. */
export async function tidyStateDir(layout: StateLayout, tidyParts: readonly (() => Promise<void>)[], now: number): Promise<void> {
  if (!existsSync(layout.root)) return;
  await sweepStaleEnvFolders(layout.envs, now);
  const subDirs = async (dir: string) => (await fsp.readdir(dir).catch(() => [] as string[])).map((l) => join(dir, l));
  // Records are written as temp files then moved into place: a killed writer leaves only the temp file.
  const recordDirs = [...(await subDirs(layout.layers)), ...(await subDirs(layout.versions)), ...(await subDirs(layout.aliases))];
  await sweepTemps([layout.root, layout.dist, layout.opt, ...recordDirs], now);
  for (const tidy of tidyParts) await tidy();
}
