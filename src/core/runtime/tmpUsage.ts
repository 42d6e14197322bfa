// core/runtime: how much an environment's /tmp holds, measured off the invoke path. Lambda caps /tmp at
// EphemeralStorage (512 MB by default) and writes beyond it fail with ENOSPC; a local folder has no such
// cap, so the engine says when a function went over, rather than letting it pass silently.
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Bytes under `dir`, counting at most `maxEntries` entries (the walk stops early past `stopAtBytes`). */
export async function directoryBytes(dir: string, stopAtBytes: number, maxEntries = 20_000): Promise<number> {
  let total = 0;
  let seen = 0;
  const stack = [dir];
  while (stack.length && total <= stopAtBytes && seen < maxEntries) {
    const d = stack.pop()!;
    let entries;
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      seen++;
      const p = join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile()) total += (await lstat(p).catch(() => ({ size: 0 }))).size;
    }
  }
  return total;
}
