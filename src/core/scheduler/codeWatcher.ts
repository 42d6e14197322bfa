// core/scheduler: notices edits to a function's code so the next invoke rebuilds its package ("a changed
// source file triggers a rebuild on the next invoke"). One non-recursive fs.watch per source folder;
// dependency folders (node_modules) are watched at their top only (installs add or remove entries there).
import { watch, readdirSync, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { Disposable } from '../common/disposable';

const SKIP = new Set(['node_modules', '.git', '.lambda-workbench', '__pycache__', '.aws-sam']);
const MAX_WATCHED_DIRS = 2000;

export class CodeWatcher implements Disposable {
  private readonly watchers: FSWatcher[] = [];
  /** False when the tree was too big to watch completely; the owner then re-checks on every invoke. */
  readonly complete: boolean;

  constructor(roots: readonly string[], onChange: () => void) {
    let complete = true;
    const stack = [...roots];
    while (stack.length) {
      const dir = stack.pop()!;
      if (this.watchers.length >= MAX_WATCHED_DIRS) {
        complete = false;
        break;
      }
      try {
        const w = watch(dir, { persistent: false }, () => onChange());
        w.on('error', () => onChange());
        this.watchers.push(w);
      } catch {
        continue;
      }
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        if (!e.isDirectory()) continue;
        if (e.name === 'node_modules') {
          // Only its top: `npm install` adds or removes entries here.
          try {
            this.watchers.push(watch(join(dir, e.name), { persistent: false }, () => onChange()).on('error', () => undefined));
          } catch {
            // unreadable: ignore
          }
          continue;
        }
        if (!SKIP.has(e.name)) stack.push(join(dir, e.name));
      }
    }
    this.complete = complete;
  }

  dispose(): void {
    for (const w of this.watchers.splice(0)) w.close();
  }
}
