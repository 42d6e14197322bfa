// vscode layer: saved events as tests in VS Code's Testing view (savedEventTests.ts decides what a test is and
// whether it passed). Per function its events; Run invokes the function with the event, Debug runs it under the
// debugger (the `lambda` debug type). A failure shows the error, or the expected/actual diff, and the log.
import * as path from 'node:path';
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { InvokeResult } from '../../core/invoke/invokeTypes';
import { startFunctionDebugging } from '../debug/debugCommand';
import { eventStoreFor } from '../events/eventChoice';
import { TEST_CONTROLLER } from '../ids';
import { findFailingFrame, parseErrorPayload } from '../results/errorLocation';
import type { FunctionRef, WorkspaceServices } from '../workspaceServices';
import { eventTests, judge, type EventTest } from './savedEventTests';

/** Why Run and Debug refuse in Restricted Mode (the message shows on each test). */
export const UNTRUSTED_TESTS = 'Running a saved event invokes the workspace\'s code: trust the workspace first (Manage Workspace Trust), then run the test again.';

/** The outcome of a test's last run (what the VS Code tier asserts on). */
export interface TestOutcome {
  state: 'passed' | 'failed' | 'errored';
  message?: string;
}

export class SavedEventTestController implements vscode.Disposable {
  readonly controller: vscode.TestController;
  private readonly tests = new WeakMap<vscode.TestItem, { ref: FunctionRef; test: EventTest }>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Last outcome per test id. */
  readonly outcomes = new Map<string, TestOutcome>();
  /** Run (invoke) and Debug, once registered. */
  readonly profiles: vscode.TestRunProfile[] = [];

  constructor(private readonly services: WorkspaceServices) {
    this.controller = vscode.tests.createTestController(TEST_CONTROLLER, 'Lambda saved events');
  }

  /** Lists the tests when the Testing view asks, follows the templates, and adds the Run and Debug profiles. */
  register(): vscode.Disposable {
    this.controller.resolveHandler = (item) => (item ? Promise.resolve() : this.refresh());
    this.controller.refreshHandler = () => this.refresh();
    this.profiles.push(
      this.controller.createRunProfile('Invoke', vscode.TestRunProfileKind.Run, (r, t) => this.run(r, t, false), true),
      this.controller.createRunProfile('Debug', vscode.TestRunProfileKind.Debug, (r, t) => this.run(r, t, true), true),
    );
    this.subscriptions.push(this.services.onDidChange(() => void this.refresh()));
    return this;
  }

  /** Builds the items again: one per function that has events, its events as children. */
  async refresh(): Promise<void> {
    const items: vscode.TestItem[] = [];
    for (const ref of await this.services.functions()) {
      const codeDir = ref.fn.code.kind === 'directory' ? ref.fn.code.path : undefined;
      const events = await eventTests(path.dirname(ref.templatePath), codeDir, eventStoreFor(ref), ref.fn.logicalId);
      if (!events.length) continue;
      const fnItem = this.controller.createTestItem(`${ref.templatePath}#${ref.fn.logicalId}`, ref.fn.logicalId, vscode.Uri.file(ref.templatePath));
      fnItem.description = vscode.workspace.asRelativePath(ref.templatePath);
      if (ref.fn.templateLine) fnItem.range = new vscode.Range(ref.fn.templateLine - 1, 0, ref.fn.templateLine - 1, 0);
      for (const test of events) {
        const item = this.controller.createTestItem(`${fnItem.id}#${test.path}`, test.label, vscode.Uri.file(test.path));
        item.description = test.origin;
        this.tests.set(item, { ref, test });
        fnItem.children.add(item);
      }
      items.push(fnItem);
    }
    this.controller.items.replace(items);
  }

  /** The event tests a request names (a function's item stands for its events), minus the excluded ones. */
  private leaves(request: vscode.TestRunRequest): vscode.TestItem[] {
    const out: vscode.TestItem[] = [];
    const excluded = new Set(request.exclude ?? []);
    const add = (item: vscode.TestItem): void => {
      if (excluded.has(item)) return;
      if (this.tests.has(item)) out.push(item);
      else item.children.forEach(add);
    };
    if (request.include) request.include.forEach(add);
    else this.controller.items.forEach(add);
    return out;
  }

  private async run(request: vscode.TestRunRequest, token: vscode.CancellationToken, debug: boolean): Promise<void> {
    const run = this.controller.createTestRun(request);
    const leaves = this.leaves(request);
    for (const item of leaves) run.enqueued(item);
    const outcome = (item: vscode.TestItem, o: TestOutcome) => this.outcomes.set(item.id, o);
    try {
      for (const item of leaves) {
        if (token.isCancellationRequested) {
          run.skipped(item);
          continue;
        }
        if (!vscode.workspace.isTrusted) {
          run.errored(item, new vscode.TestMessage(UNTRUSTED_TESTS));
          outcome(item, { state: 'errored', message: UNTRUSTED_TESTS });
          continue;
        }
        const { ref, test } = this.tests.get(item)!;
        run.started(item);
        try {
          const payload = await readFile(test.path, 'utf8');
          const result = debug ? await this.debugInvoke(ref, payload) : await this.invoke(ref, payload, token);
          if (result.logTail) run.appendOutput(result.logTail.replace(/\r?\n/g, '\r\n'), undefined, item);
          const verdict = await judge(test.path, result);
          if (verdict.passed) {
            run.passed(item, result.durationMs);
            outcome(item, { state: 'passed' });
            continue;
          }
          const message = verdict.expected !== undefined ? vscode.TestMessage.diff(verdict.message, verdict.expected, verdict.actual ?? '') : new vscode.TestMessage(`${verdict.message}\n\n${result.logTail}`);
          message.location = await this.failingLine(ref, result);
          run.failed(item, message, result.durationMs);
          outcome(item, { state: 'failed', message: verdict.message });
        } catch (e) {
          const text = e instanceof Error ? e.message : String(e);
          run.errored(item, new vscode.TestMessage(text));
          outcome(item, { state: 'errored', message: text });
        }
      }
    } finally {
      run.end();
    }
  }

  private invoke(ref: FunctionRef, payload: string, token: vscode.CancellationToken): Promise<InvokeResult> {
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    return this.services.serviceFor(ref.templatePath).invoke(ref.fn.logicalId, payload, { logType: 'Tail', signal: abort.signal }).finally(() => sub.dispose());
  }

  /** Runs the event under the debugger (a `lambda` session on the template's engine) and resolves with its result. */
  private debugInvoke(ref: FunctionRef, payload: string): Promise<InvokeResult> {
    const svc = this.services.serviceFor(ref.templatePath);
    return new Promise<InvokeResult>((resolve, reject) => {
      let session: vscode.DebugSession | undefined;
      const invoked = svc.onDidInvoke((e) => {
        if (!e.debug || (e.functionName !== ref.fn.logicalId && e.functionName !== ref.fn.functionName)) return;
        done();
        if (e.result) resolve(e.result);
        else reject(e.error instanceof Error ? e.error : new Error(String(e.error)));
      });
      const ended = vscode.debug.onDidTerminateDebugSession((s) => {
        // The result is announced before the session ends; a session that ends without one was stopped.
        if (s === session) setTimeout(() => (done(), reject(new Error(`The debug session of ${ref.fn.logicalId} ended before the invocation finished.`))), 1000);
      });
      const done = () => {
        void invoked.dispose();
        ended.dispose();
      };
      startFunctionDebugging(ref, payload).then(
        (s) => {
          session = s;
          if (s) return;
          done();
          reject(new Error(`The debug session of ${ref.fn.logicalId} did not start; the Lambda output says why.`));
        },
        (e: unknown) => (done(), reject(e instanceof Error ? e : new Error(String(e)))),
      );
    });
  }

  private async failingLine(ref: FunctionRef, result: InvokeResult): Promise<vscode.Location | undefined> {
    const error = result.functionError ? parseErrorPayload(result.payload.toString('utf8')) : undefined;
    if (!error || ref.fn.code.kind !== 'directory') return undefined;
    const at = findFailingFrame(error, ref.fn.code.path, await this.services.serviceFor(ref.templatePath).taskRootOf(ref.fn.logicalId).catch(() => undefined));
    return at ? new vscode.Location(vscode.Uri.file(at.file), new vscode.Position(at.line - 1, at.column - 1)) : undefined;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.controller.dispose();
  }
}
