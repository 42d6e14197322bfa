// core/common: bounds a cache folder of one-file entries — past `keep` files named `*<suffix>`, the least
// recently written go (the CLI's head-start records, parsed templates). Never throws: a cache that cannot be
// pruned now is pruned by a later run.
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function keepNewest(dir: string, keep: number, suffix: string): void {
  try {
    const names = readdirSync(dir).filter((n) => n.endsWith(suffix));
    if (names.length <= keep) return;
    const byAge = names.map((n) => ({ path: join(dir, n), mtimeMs: statSync(join(dir, n), { throwIfNoEntry: false })?.mtimeMs ?? 0 })).sort((a, b) => b.mtimeMs - a.mtimeMs);
    for (const r of byAge.slice(keep)) rmSync(r.path, { force: true });
  } catch {
    // Pruned next time.
  }
}
