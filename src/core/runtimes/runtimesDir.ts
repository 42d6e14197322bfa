// core/runtimes: where the built bootstraps are (dist/runtimes), found next to the code that runs.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** dist/runtimes next to the bundle (dist/cli.js, dist/extension.js), or the repository's dist/ from out/. */
export function defaultRuntimesDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 7; i++) {
    for (const candidate of [join(dir, 'runtimes'), join(dir, 'dist', 'runtimes')]) {
      if (existsSync(join(candidate, 'nodejs', 'bootstrap.js'))) return candidate;
    }
    dir = dirname(dir);
  }
  return resolve(__dirname, 'runtimes');
}
