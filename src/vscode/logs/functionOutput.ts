// vscode layer: the "Lambda Functions" output channel, a plain one (createOutputChannel(name), not a log
// channel): the functions' own output and the platform lines (INIT_START/START/END/REPORT, or their JSON
// forms) exactly as the runtime and the engine wrote them, so a JSON log line stays one JSON object that can
// be copied out as it is (a LogOutputChannel would put its own timestamp and level in front). Our own
// messages go to the "Lambda" log channel instead.
//
// Which function wrote a line: when the writer changes, a line `[Name]` comes first (one header per run of
// lines from one function). No prefix is put on any line, not even when several functions run: a prefix
// only when several ran would change the format halfway through a session, and a prefix on text lines only
// would treat the two log formats differently.
import * as vscode from 'vscode';
import type { LogEvent } from '../../core/logs/logStore';
import { FUNCTION_OUTPUT_CHANNEL } from '../ids';
import { render } from './outputLines';

const TAIL = 2000;

export class FunctionOutputChannel implements vscode.Disposable {
  readonly channel: vscode.OutputChannel;
  private readonly tail: string[] = [];
  private lastWriter: string | undefined;

  /** @param sourceDirOf a function's source folder: package paths in its text lines map there (clickable). */
  constructor(private readonly sourceDirOf: (functionName: string) => string | undefined = () => undefined) {
    this.channel = vscode.window.createOutputChannel(FUNCTION_OUTPUT_CHANNEL);
  }

  append(e: LogEvent): void {
    if (e.functionName !== this.lastWriter) {
      this.lastWriter = e.functionName;
      this.write(`[${e.functionName}]`);
    }
    this.write(render(e.message, this.sourceDirOf(e.functionName)));
  }

  /** The last lines written (at most 2000), oldest first, exactly as they are in the channel. */
  lines(): readonly string[] {
    return this.tail;
  }

  show(): void {
    this.channel.show(true);
  }

  private write(text: string): void {
    this.channel.appendLine(text);
    this.tail.push(text);
    if (this.tail.length > TAIL) this.tail.splice(0, this.tail.length - TAIL);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
