// vscode layer: the "Lambda" output channel. Streams every environment's log lines live (platform lines
// INIT_START/START/END/REPORT and function output), tagged with function and request id; keeps a short
// in-memory tail that the extension's API exposes to tests.
import * as vscode from 'vscode';
import type { LogEvent } from '../../core/logs/logStore';
import { OUTPUT_CHANNEL } from '../ids';
import { mapTaskPaths, mentionsTaskPath } from '../results/sourcePaths';
import type { LogFormat } from '../settings';

const TAIL = 2000;

export class LogChannel implements vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;
  private readonly tail: string[] = [];
  private readonly lineEmitter = new vscode.EventEmitter<string>();
  /** Fires with each rendered line. */
  readonly onLine = this.lineEmitter.event;

  /** @param sourceDirOf a function's source folder by function name: package paths in its lines map there. */
  constructor(private format: () => LogFormat, private readonly sourceDirOf: (functionName: string) => string | undefined = () => undefined) {
    this.channel = vscode.window.createOutputChannel(OUTPUT_CHANNEL, { log: true });
  }

  /** Renders one engine log event. */
  append(e: LogEvent): void {
    const message = mentionsTaskPath(e.message) ? mapTaskPaths(e.message, this.sourceDirOf(e.functionName)) : e.message;
    const text = this.format() === 'json'
      ? JSON.stringify({ function: e.functionName, requestId: e.requestId, source: e.source, message: message.trimEnd() })
      : `[${e.functionName}]${e.requestId && !message.includes(e.requestId) ? ` [${e.requestId}]` : ''} ${message.trimEnd()}`;
    this.write(text, e.source === 'platform' ? 'info' : 'trace');
  }

  info(message: string): void {
    this.write(message, 'info');
  }

  warn(message: string): void {
    this.write(message, 'warn');
  }

  error(message: string): void {
    this.write(message, 'error');
  }

  /** The last lines written (at most 2000), oldest first. */
  lines(): readonly string[] {
    return this.tail;
  }

  show(): void {
    this.channel.show(true);
  }

  private write(text: string, level: 'trace' | 'info' | 'warn' | 'error'): void {
    // Function output goes out at info too: a log channel hides trace by default, and users want it.
    if (level === 'warn') this.channel.warn(text);
    else if (level === 'error') this.channel.error(text);
    else this.channel.info(text);
    this.tail.push(text);
    if (this.tail.length > TAIL) this.tail.splice(0, this.tail.length - TAIL);
    this.lineEmitter.fire(text);
  }

  dispose(): void {
    this.lineEmitter.dispose();
    this.channel.dispose();
  }
}
