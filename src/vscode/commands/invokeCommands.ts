// vscode layer: Invoke, Invoke with Event… and Debug (plus the `lambda` debug type). An invoke goes through
// the template's LambdaService; the result opens as a read-only document, errors link to the failing line.
import * as vscode from 'vscode';
import type { InvokeResult } from '../../core/invoke/invokeTypes';
import { startFunctionDebugging } from '../debug/debugCommand';
import { pickEvent, type ChosenEvent, type EventPickerInput } from '../events/eventPicker';
import { eventStoreFor, pickerInputFor } from '../events/eventChoice';
import type { EventStore } from '../events/eventStore';
import { generateSampleEvent } from '../../core/samples';
import { COMMANDS } from '../ids';
import { findFailingFrame, parseErrorPayload, type SourceLocation } from '../results/errorLocation';
import { readSettings } from '../settings';
import type { FunctionRef } from '../workspaceServices';
import { reportCancelled, withInvokeProgress, type CancelledInvoke } from './invokeProgress';
import { assertTrusted, guarded, resolveFunction, type CommandDeps, type FunctionArg } from './targets';

/** What the invoke commands return (tests assert on it). */
export interface InvokeOutcome {
  result: InvokeResult;
  payload: string;
  failingLine?: SourceLocation;
  document: vscode.Uri;
}

/** Options that let callers (tests, other commands) skip the quick pick. */
export interface InvokeWithEventOptions {
  payload?: string;
  eventName?: string;
  eventPath?: string;
  /** How the result names the payload's origin (default "given payload"). */
  source?: string;
  /** Cancels the invoke as the progress notification's Cancel button does. */
  cancellation?: vscode.CancellationToken;
}

export function registerInvokeCommands(deps: CommandDeps): vscode.Disposable {
  const { services, logs } = deps;
  const storeFor = eventStoreFor;
  const pickerInput = (ref: FunctionRef, store: EventStore): EventPickerInput => pickerInputFor(services, deps.eventMemory, ref, store);

  const defaultEvent = async (ref: FunctionRef): Promise<ChosenEvent> => {
    const name = readSettings().defaultEvent.trim();
    if (!name) return { payload: '{}', source: 'empty event {}' };
    if (name.startsWith('sample:')) return { payload: generateSampleEvent(name.slice('sample:'.length)), source: name };
    const store = storeFor(ref);
    const saved = (await store.list(ref.fn.logicalId)).find((e) => e.name === name);
    return saved ? { payload: await store.read(ref.fn.logicalId, name), source: saved.path } : { payload: '{}', source: `empty event {} (no saved event "${name}")` };
  };

  const run = async (ref: FunctionRef, event: ChosenEvent, token?: vscode.CancellationToken): Promise<InvokeOutcome | CancelledInvoke> => {
    const { fn } = ref;
    assertTrusted(`Invoking ${fn.logicalId}`);
    const svc = services.serviceFor(ref.templatePath);
    logs.info(`Invoking ${fn.logicalId} with ${event.source}`);
    let result: InvokeResult;
    try {
      result = await withInvokeProgress({ title: `Invoking ${fn.logicalId}`, token }, (signal) => svc.invoke(fn.logicalId, event.payload, { logType: 'Tail', signal }));
    } catch (e) {
      const cancelled = reportCancelled(e, (m) => logs.info(m));
      if (cancelled) return cancelled;
      throw e;
    }
    deps.status.invoked(fn.logicalId, result.durationMs, result.status);
    const payload = result.payload.toString('utf8');
    const error = result.functionError ? parseErrorPayload(payload) : undefined;
    const failingLine = error && fn.code.kind === 'directory' ? findFailingFrame(error, fn.code.path, await svc.taskRootOf(fn.logicalId).catch(() => undefined)) : undefined;
    const doc = await deps.results.show({ functionName: fn.logicalId, eventSource: event.source, result, failingLine, sourceDir: fn.code.kind === 'directory' ? fn.code.path : undefined });
    if (result.functionError) {
      const at = failingLine ? ` (${vscode.workspace.asRelativePath(failingLine.file)}:${failingLine.line}:${failingLine.column})` : '';
      const text = `${fn.logicalId} failed: ${error?.errorType ?? result.errorType ?? 'Unhandled'}: ${error?.errorMessage ?? payload}${at}`;
      void vscode.window.showErrorMessage(text, ...(failingLine ? ['Open Failing Line'] : [])).then((choice) => {
        if (choice && failingLine) void openAt(failingLine.file, failingLine.line - 1, failingLine.column - 1);
      });
    }
    return { result, payload, failingLine, document: doc.uri };
  };

  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.invoke, guarded(logs, async (arg?: FunctionArg) => {
      const ref = await resolveFunction(services, arg, 'Invoke which function?');
      return ref ? run(ref, await defaultEvent(ref)) : undefined;
    })),
    vscode.commands.registerCommand(COMMANDS.invokeWithEvent, guarded(logs, async (arg?: FunctionArg, opts?: InvokeWithEventOptions) => {
      const ref = await resolveFunction(services, arg, 'Invoke which function with an event?');
      if (!ref) return undefined;
      const store = storeFor(ref);
      let event: ChosenEvent | undefined;
      if (opts?.payload !== undefined) event = { payload: opts.payload, source: opts.source ?? 'given payload' };
      else if (opts?.eventName) event = { payload: await store.read(ref.fn.logicalId, opts.eventName), source: opts.eventName };
      else if (opts?.eventPath) event = { payload: Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.file(opts.eventPath))).toString('utf8'), source: opts.eventPath };
      else {
        event = await pickEvent(pickerInput(ref, store));
      }
      return event ? run(ref, event, opts?.cancellation) : undefined;
    })),
    // Debug with Event…: the same picker as Invoke with Event…, then a debug session with that event.
    vscode.commands.registerCommand(COMMANDS.debugWithEvent, guarded(logs, async (arg?: FunctionArg) => {
      const ref = await resolveFunction(services, arg, 'Debug which function with an event?');
      if (!ref) return undefined;
      const event = await pickEvent({ ...pickerInput(ref, storeFor(ref)), title: `Debug ${ref.fn.logicalId} with event` });
      if (!event) return undefined;
      logs.info(`Debugging ${ref.fn.logicalId} with ${event.source}`);
      return (await startFunctionDebugging(ref, event.payload)) ? ref.fn.logicalId : undefined;
    })),
    // Debug: a `lambda` debug session with the event plain Invoke sends (src/vscode/debug owns the rest).
    vscode.commands.registerCommand(COMMANDS.debug, guarded(logs, async (arg?: FunctionArg) => {
      const ref = await resolveFunction(services, arg, 'Debug which function?');
      if (!ref) return undefined;
      const event = await defaultEvent(ref);
      logs.info(`Debugging ${ref.fn.logicalId} with ${event.source}`);
      const session = await startFunctionDebugging(ref, event.payload);
      return session ? ref.fn.logicalId : undefined;
    })),
  );
}

/** Opens a file with the cursor at a 0-based position. */
export async function openAt(file: string, line: number, column = 0): Promise<vscode.TextEditor> {
  const pos = new vscode.Position(Math.max(0, line), Math.max(0, column));
  return vscode.window.showTextDocument(vscode.Uri.file(file), { selection: new vscode.Range(pos, pos), preview: false });
}
