// vscode layer: watches templates and function code and refreshes (debounced) when they change: the
// trees re-render and the engine reloads, so the next invoke starts fresh environments with the new code.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { affectsWorkbench, readSettings } from './settings';
import type { WorkspaceServices } from './workspaceServices';

const CODE_GLOB = '**/*.{js,mjs,cjs,ts,mts,cts,py,json}';

export class RefreshWatcher implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private watchers: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly refreshed = new vscode.EventEmitter<void>();
  /** Fires after a debounced refresh completed. */
  readonly onDidRefresh = this.refreshed.event;

  constructor(private readonly services: WorkspaceServices, private readonly delayMs = 400) {}

  /** Starts watching; call once. */
  start(): this {
    this.watch();
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!affectsWorkbench(e)) return;
        this.watch();
        this.schedule();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.schedule()),
    );
    return this;
  }

  /** Requests a refresh; bursts of changes within the delay collapse into one. */
  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.services.refresh().then(() => this.refreshed.fire());
    }, this.delayMs);
  }

  private watch(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    for (const glob of new Set(readSettings().templateGlobs)) this.watchers.push(this.watcher(glob, () => this.schedule()));
    this.watchers.push(this.watcher(CODE_GLOB, (uri) => {
      if (this.isFunctionCode(uri)) this.schedule();
    }));
  }

  private watcher(glob: string, onEvent: (uri: vscode.Uri) => void): vscode.Disposable {
    const w = vscode.workspace.createFileSystemWatcher(glob);
    return vscode.Disposable.from(w, w.onDidCreate(onEvent), w.onDidChange(onEvent), w.onDidDelete(onEvent));
  }

  /** True for files inside some loaded function's code folder (not node_modules or our state dir). */
  private isFunctionCode(uri: vscode.Uri): boolean {
    const file = uri.fsPath;
    if (/[\\/](node_modules|\.lambda-workbench|\.aws-sam)[\\/]/.test(file)) return false;
    return this.services.loaded().some((e) => (e.model?.functions ?? []).some((fn) => {
      if (fn.code.kind !== 'directory') return false;
      const rel = path.relative(fn.code.path, file);
      return !rel.startsWith('..') && !path.isAbsolute(rel);
    }));
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of [...this.watchers, ...this.disposables]) d.dispose();
    this.refreshed.dispose();
  }
}
