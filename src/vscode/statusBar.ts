// vscode layer: the status bar item: how many execution environments are running and how long the last
// invoke took. Hidden until the engine has been used.
import * as vscode from 'vscode';
import { COMMANDS, CONTEXT_KEYS } from './ids';

export class LambdaStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('lambdaWorkbench.status', vscode.StatusBarAlignment.Left, 50);
  private last: { fn: string; durationMs: number; status: string } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: boolean | undefined;

  constructor(
    private readonly countEnvironments: () => number,
    /** Of those, how many run an invocation now (shown as busy/total). */
    private readonly countBusy: () => number = () => 0,
  ) {
    this.item.name = 'Lambda Workbench';
    this.item.command = COMMANDS.showLogs;
  }

  /** Records an invoke's outcome and refreshes the display. */
  invoked(fn: string, durationMs: number, status: string): void {
    this.last = { fn, durationMs, status };
    this.update();
  }

  /** Re-counts environments now, and every few seconds while any are alive (they end on idle timeout). */
  update(): void {
    const envs = this.countEnvironments();
    if (this.running !== envs > 0) {
      this.running = envs > 0;
      void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.environmentsRunning, this.running);
    }
    if (!this.last && envs === 0) {
      this.item.hide();
      return;
    }
    const lastText = this.last ? ` · ${this.last.fn} ${this.last.durationMs.toFixed(0)} ms` : '';
    const busy = this.countBusy();
    this.item.text = `$(server-process) λ ${busy}/${envs}${lastText}`;
    this.item.tooltip = `${envs} Lambda execution environment${envs === 1 ? '' : 's'} running, ${busy} busy` +
      (this.last ? `\nLast invoke: ${this.last.fn}, ${this.last.durationMs.toFixed(2)} ms (${this.last.status})` : '') + '\nClick to show the Lambda logs';
    this.item.backgroundColor = this.last?.status !== 'success' && this.last ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
    if (envs > 0 && !this.timer) this.timer = setInterval(() => this.update(), 5000);
    if (envs === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  /** Current text, for tests. */
  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.item.dispose();
  }
}
