// vscode layer: the quick picks, input boxes and folder dialogs of the blueprint commands, each announced by
// title once it is asked for, so that a test in the real VS Code can answer it when it is there (no sleeping on a
// guess). Nothing else listens; the event costs nothing when nobody does.
import * as vscode from 'vscode';

export class Prompts implements vscode.Disposable {
  private readonly shown = new vscode.EventEmitter<string>();
  /** Fires the title of each prompt right after it is asked for. */
  readonly onDidShow = this.shown.event;

  quickPick<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions & { title: string }): Thenable<T | undefined> {
    return this.announce(options.title, vscode.window.showQuickPick(items, options));
  }

  inputBox(options: vscode.InputBoxOptions & { title: string }): Thenable<string | undefined> {
    return this.announce(options.title, vscode.window.showInputBox(options));
  }

  openFolder(options: vscode.OpenDialogOptions & { title: string }): Thenable<vscode.Uri | undefined> {
    return this.announce(options.title, vscode.window.showOpenDialog({ ...options, canSelectFiles: false, canSelectFolders: true, canSelectMany: false }).then((uris) => uris?.[0]));
  }

  private announce<T>(title: string, pending: Thenable<T>): Thenable<T> {
    this.shown.fire(title);
    return pending;
  }

  dispose(): void {
    this.shown.dispose();
  }
}
