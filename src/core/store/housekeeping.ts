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
  const layerDirs = (await fsp.readdir(layout.layers).catch(() => [] as string[])).map((l) => join(layout.layers, l));
  await sweepTemps([layout.root, layout.dist, layout.opt, ...layerDirs], now);
  for (const tidy of tidyParts) await tidy();
}
