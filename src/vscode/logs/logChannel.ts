// vscode layer: the "Lambda" log channel: our own messages (activation, warnings, engine notes, API requests).
// Every environment's log lines (platform lines and function output) go, exactly as written, to the plain
// "Lambda Functions" channel (functionOutput.ts); here they are only kept, tagged with function and request
// id, in the short in-memory tail that Show Logs of one function and the extension's test API read.
import * as vscode from 'vscode';
import type { LogEvent } from '../../core/logs/logStore';
import { OUTPUT_CHANNEL } from '../ids';
import { mapTaskPaths, mentionsTaskPath } from '../results/sourcePaths';
import type { LogFormat } from '../settings';
import { FunctionOutputChannel } from './functionOutput';

const TAIL = 2000;

export class LogChannel implements vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;
  /** The plain channel that shows the functions' lines. */
  readonly functions: FunctionOutputChannel;
  private readonly tail: string[] = [];
  private readonly lineEmitter = new vscode.EventEmitter<string>();
  /** Fires with each rendered line. */
  readonly onLine = this.lineEmitter.event;

  /** @param sourceDirOf a function's source folder by function name: package paths in its lines map there. */
  constructor(private format: () => LogFormat, private readonly sourceDirOf: (functionName: string) => string | undefined = () => undefined) {
    this.channel = vscode.window.createOutputChannel(OUTPUT_CHANNEL, { log: true });
    this.functions = new FunctionOutputChannel(sourceDirOf);
  }

  /** One engine log event: as written to the Lambda Functions channel, tagged into the tail. */
  append(e: LogEvent): void {
    this.functions.append(e);
    const message = mentionsTaskPath(e.message) ? mapTaskPaths(e.message, this.sourceDirOf(e.functionName)) : e.message;
    const text = this.format() === 'json'
      ? JSON.stringify({ function: e.functionName, requestId: e.requestId, source: e.source, message: message.trimEnd() })
      : `[${e.functionName}]${e.requestId && !message.includes(e.requestId) ? ` [${e.requestId}]` : ''} ${message.trimEnd()}`;
    this.remember(text);
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

  /** Shows the Lambda Functions channel (the functions' output). */
  showFunctions(): void {
    this.functions.show();
  }

  private write(text: string, level: 'info' | 'warn' | 'error'): void {
    if (level === 'warn') this.channel.warn(text);
    else if (level === 'error') this.channel.error(text);
    else this.channel.info(text);
    this.remember(text);
  }

  private remember(text: string): void {
    this.tail.push(text);
    if (this.tail.length > TAIL) this.tail.splice(0, this.tail.length - TAIL);
    this.lineEmitter.fire(text);
  }

  dispose(): void {
    this.lineEmitter.dispose();
    this.functions.dispose();
    this.channel.dispose();
  }
}
