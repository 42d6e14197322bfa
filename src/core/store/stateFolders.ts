// core/store: creating folders under the state directory. Whichever writer creates `.lambda-workbench/`
// itself (a build, a log stream, the history, an environment, a record, a saved event) also gives it a
// `.gitignore` of `*`, so the state directory never shows up in the project's version control.
import { mkdirSync, promises as fsp, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { STATE_DIR_NAME } from './stateDir';

/** What `.lambda-workbench/.gitignore` holds: everything in it is local state. */
export const STATE_GITIGNORE = '# Lambda Workbench local state (packages, logs, history, versions): not for version control.\n*\n';

/** After a recursive mkdir of `dir` whose first new folder was `first`: the `.gitignore` of a state folder it made. */
function markCreated(dir: string, first: string | undefined): void {
  if (first === undefined) return;
  const top = resolve(first);
  for (let p = resolve(dir); p.length >= top.length; p = dirname(p)) {
    if (basename(p) === STATE_DIR_NAME) {
      try {
        writeFileSync(join(p, '.gitignore'), STATE_GITIGNORE, { flag: 'wx' });
      } catch {
        // Already there, or not writable: the state folder works without it.
      }
      return;
    }
    if (p === dirname(p)) return;
  }
}

/** `mkdir -p dir`, adding the state folder's `.gitignore` when this call created the state folder. */
export async function mkdirState(dir: string): Promise<void> {
  markCreated(dir, await fsp.mkdir(dir, { recursive: true }));
}

/** The synchronous form of mkdirState. */
export function mkdirStateSync(dir: string): void {
  markCreated(dir, mkdirSync(dir, { recursive: true }));
}
