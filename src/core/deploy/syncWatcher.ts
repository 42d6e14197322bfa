// core/deploy: `sync --watch` — the engine's code watcher on each function's code folder (and its template
// layers' content folders); a save re-syncs the functions it touches, one sync at a time, edits arriving during a
// sync queued for the next one.
import { dirname } from 'node:path';
import type { Disposable } from '../common/disposable';
import type { CodeSource, FunctionConfig, TemplateModel } from '../model/functionConfig';
import { CodeWatcher } from '../scheduler/codeWatcher';
import type { CodeSync, FunctionSyncResult } from './codeSync';

/** Editors write a file in several steps (truncate, write, rename): one sync per burst. */
const SETTLE_MS = 50;

function rootOf(code: CodeSource): string | undefined {
  if (code.kind === 'directory') return code.path;
  if (code.kind === 'zip') return dirname(code.path);
  return undefined;
}

/** Each watched folder with the logical ids of the functions a change there re-syncs. */
export function watchRoots(model: TemplateModel, fns: readonly FunctionConfig[]): Map<string, Set<string>> {
  const roots = new Map<string, Set<string>>();
  const add = (root: string | undefined, id: string) => {
    if (!root) return;
    const set = roots.get(root) ?? new Set<string>();
    set.add(id);
    roots.set(root, set);
  };
  for (const fn of fns) {
    add(rootOf(fn.code), fn.logicalId);
    for (const ref of fn.layers) {
      if (ref.kind !== 'logical') continue;
      const layer = model.layers.find((l) => l.logicalId === ref.logicalId);
      if (layer) add(rootOf(layer.content), fn.logicalId);
    }
  }
  return roots;
}

export class SyncWatcher implements Disposable {
  private readonly watchers: CodeWatcher[] = [];
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private disposed = false;

  constructor(
    private readonly sync: CodeSync,
    roots: Map<string, Set<string>>,
    private readonly report: (results: FunctionSyncResult[], changed: string[], error?: unknown) => void,
  ) {
    for (const [root, ids] of roots) this.watchers.push(new CodeWatcher([root], () => this.changed(ids)));
  }

  private changed(ids: Set<string>): void {
    if (this.disposed) return;
    for (const id of ids) this.pending.add(id);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), SETTLE_MS);
  }

  private flush(): void {
    this.timer = undefined;
    if (this.running || this.disposed || this.pending.size === 0) return;
    const ids = [...this.pending];
    this.pending.clear();
    this.running = this.sync
      .sync(ids)
      .then(
        (results) => this.report(results, ids),
        (e: unknown) => this.report([], ids, e),
      )
      .finally(() => {
        this.running = undefined;
        this.flush();
      });
  }

  /** Resolves when the sync in flight (if any) has finished. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const w of this.watchers.splice(0)) w.dispose();
  }
}
