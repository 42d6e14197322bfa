// core/runtimes: find an executable on PATH without spawning a shell.
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

const cache = new Map<string, Promise<string | undefined>>();

export function findOnPath(name: string, pathEnv = process.env.PATH ?? ''): Promise<string | undefined> {
  const key = `${name}\n${pathEnv}`;
  let p = cache.get(key);
  if (!p) {
    p = (async () => {
      for (const dir of pathEnv.split(delimiter)) {
        if (!dir) continue;
        const candidate = join(dir, name);
        try {
          await access(candidate, constants.X_OK);
          return candidate;
        } catch {
          // keep looking
        }
      }
      return undefined;
    })();
    cache.set(key, p);
  }
  return p;
}
