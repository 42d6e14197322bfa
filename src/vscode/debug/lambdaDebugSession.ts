// vscode layer: the `lambda` debug adapter (inline, @vscode/debugadapter). It owns one debug invocation:
// launch starts it and attaches the language debugger as a child session; the function's log and result
// go to the Debug Console; the session terminates when the invocation ends. Restart re-invokes.
import { DebugSession, OutputEvent, TerminatedEvent } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import * as vscode from 'vscode';
import type { InvokeResult } from '../../core/invoke/invokeTypes';
import { mapTaskPaths } from '../results/sourcePaths';
import { MissingDebuggerError } from './childDebugConfig';
import type { LambdaLaunchConfig } from './debugConfig';
import { DebugRun, type DebugRunDeps } from './debugRun';

export type LambdaDebugSessionDeps = Omit<DebugRunDeps, 'out'>;

export class LambdaDebugSession extends DebugSession {
  private run: DebugRun | undefined;
  private ended = false;
  private ending: Promise<void> | undefined;

  constructor(private readonly deps: LambdaDebugSessionDeps) {
    super();
  }

  protected override initializeRequest(response: DebugProtocol.InitializeResponse): void {
    response.body = { ...response.body, supportsTerminateRequest: true, supportsConfigurationDoneRequest: false };
    this.sendResponse(response);
  }

  protected override async launchRequest(response: DebugProtocol.LaunchResponse, args: DebugProtocol.LaunchRequestArguments): Promise<void> {
    const config = args as unknown as LambdaLaunchConfig;
    const run = (this.run = new DebugRun({ ...this.deps, out: (text, category) => this.out(text, category) }));
    const started = performance.now();
    try {
      await run.start(config);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.out(`${message}\n`, 'stderr');
      // A notification, not VS Code's modal launch-error dialog; the response still fails the launch.
      if (e instanceof MissingDebuggerError) {
        // Say what to install, and offer to install it.
        const install = `Install ${e.extensionId}`;
        void vscode.window.showErrorMessage(`Lambda: ${message}`, install).then((choice) => {
          if (choice === install) void vscode.commands.executeCommand('workbench.extensions.installExtension', e.extensionId);
        });
      } else {
        void vscode.window.showErrorMessage(`Lambda: ${message}`);
      }
      this.sendErrorResponse(response, { id: 4201, format: message.replace(/[{}]/g, ''), showUser: false });
      await this.end();
      return;
    }
    this.out(`Debugger attached in ${(performance.now() - started).toFixed(0)} ms; running the invocation.\n`, 'console');
    this.sendResponse(response);
    run.invocation?.then(
      (r) => this.showResult(run, r),
      (e: unknown) => this.out(`${run.fn?.logicalId ?? config.function} failed: ${e instanceof Error ? e.message : String(e)}\n`, 'stderr'),
    ).finally(() => void this.end());
  }

  protected override threadsRequest(response: DebugProtocol.ThreadsResponse): void {
    response.body = { threads: [] };
    this.sendResponse(response);
  }

  protected override async disconnectRequest(response: DebugProtocol.DisconnectResponse): Promise<void> {
    await this.stopRun();
    this.sendResponse(response);
  }

  protected override async terminateRequest(response: DebugProtocol.TerminateResponse): Promise<void> {
    await this.stopRun();
    this.sendResponse(response);
    await this.end();
  }

  private showResult(run: DebugRun, r: InvokeResult): void {
    const name = run.fn?.logicalId ?? 'function';
    const text = r.payload.toString('utf8');
    let pretty = text;
    try {
      pretty = JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      // not JSON: show as it is
    }
    const ran = r.executedVersion === '$LATEST' ? '' : ` (version ${r.executedVersion} ran)`;
    const head = `Result of ${name}${ran}: ${r.status.toUpperCase()}${r.errorType ? ` (${r.errorType})` : ''} · ${r.durationMs.toFixed(2)} ms · request ${r.requestId}`;
    const sourceDir = run.fn?.code.kind === 'directory' ? run.fn.code.path : undefined;
    this.out(`${head}\n${mapTaskPaths(pretty, sourceDir)}\n`, r.functionError ? 'stderr' : 'important');
  }

  private out(text: string, category: string): void {
    if (!this.ended) this.sendEvent(new OutputEvent(text, category));
  }

  private async stopRun(): Promise<void> {
    const run = this.run;
    this.run = undefined;
    await run?.dispose();
  }

  /** Stops the child session and tells VS Code this session is over (once, however often it is asked). */
  private end(): Promise<void> {
    this.ending ??= this.stopRun().then(() => {
      this.ended = true;
      this.sendEvent(new TerminatedEvent());
    });
    return this.ending;
  }

  override dispose(): void {
    void this.stopRun();
    super.dispose();
  }
}
