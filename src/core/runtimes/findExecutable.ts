// core/runtimes: find an executable on PATH without spawning a shell.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const cache = new Map<string, Promise<string | undefined>>();

/**
 * The first `name` on `pathEnv` we may execute, once per process. The checks are synchronous: a few
 * access() calls take microseconds, where one await per folder would take an event-loop turn each.
 */
export function findOnPath(name: string, pathEnv = process.env.PATH ?? ''): Promise<string | undefined> {
  const key = `${name}\n${pathEnv}`;
  let p = cache.get(key);
  if (!p) {
    p = Promise.resolve(firstExecutable(name, pathEnv));
    cache.set(key, p);
  }
  return p;
}

function firstExecutable(name: string, pathEnv: string): string | undefined {
  for (const dir of pathEnv.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  return undefined;
}
