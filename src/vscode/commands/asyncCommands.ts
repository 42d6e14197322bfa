// vscode layer: asynchronous invocation from VS Code (§9): Invoke Async (an event from the picker, queued on
// the engine's durable queue; its end is told once by the AsyncSession), Show Queue (the function's "Async
// queue" node in the Functions tree), and Replay / Discard of a queued event.
import * as vscode from 'vscode';
import { discardEvent, invokeAsync, queuesRunElsewhere, replayEvent } from '../async/asyncEngine';
import { asyncQueueNode, type AsyncNode, type AsyncQueueNode } from '../async/asyncNodes';
import type { AsyncSession } from '../async/asyncSession';
import { eventStoreFor, pickerInputFor } from '../events/eventChoice';
import { pickEvent, type ChosenEvent } from '../events/eventPicker';
import { COMMANDS } from '../ids';
import type { LambdaNode } from '../tree/nodes';
import type { LambdaViews } from '../views';
import type { FunctionRef } from '../workspaceServices';
import { guarded, resolveFunction, type CommandDeps, type FunctionArg } from './targets';

/** What Invoke Async returns (tests assert on it). */
export interface AsyncInvokeOutcome {
  requestId: string;
  functionName: string;
}

/** Options that let callers (tests, other commands) skip the quick pick or the confirmation. */
export interface InvokeAsyncOptions {
  payload?: string;
  source?: string;
}
export interface ConfirmOptions {
  confirm?: (question: string, action: string) => Thenable<boolean>;
}

export const askModal = async (question: string, action: string): Promise<boolean> => (await vscode.window.showWarningMessage(question, { modal: true }, action)) === action;

function eventNode(arg: unknown): Extract<AsyncNode, { kind: 'asyncEvent' }> {
  if (arg && typeof arg === 'object' && (arg as LambdaNode).kind === 'asyncEvent') return arg as Extract<AsyncNode, { kind: 'asyncEvent' }>;
  throw new Error('Choose a queued event under a function\'s "Async queue" in the Functions tree.');
}

export function registerAsyncCommands(deps: CommandDeps, session: AsyncSession, views: LambdaViews): vscode.Disposable {
  const { services, logs } = deps;

  /** The function's queue node, made known to the tree (its parent chain) so that it can be revealed. */
  const queueNodeFor = async (ref: FunctionRef): Promise<AsyncQueueNode | undefined> => {
    await views.functions.getChildren({ kind: 'function', templatePath: ref.templatePath, fn: ref.fn });
    const svc = services.serviceFor(ref.templatePath);
    return views.functions.queueNodeOf(ref.templatePath, ref.fn.functionName) ?? asyncQueueNode(svc, session.timeScaleOf(svc), ref.templatePath, ref.fn);
  };

  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.invokeAsync, guarded(logs, async (arg?: FunctionArg, opts?: InvokeAsyncOptions): Promise<AsyncInvokeOutcome | undefined> => {
      const ref = await resolveFunction(services, arg, 'Invoke which function asynchronously?');
      if (!ref) return undefined;
      const event: ChosenEvent | undefined = opts?.payload !== undefined
        ? { payload: opts.payload, source: opts.source ?? 'given payload' }
        : await pickEvent({ ...pickerInputFor(services, deps.eventMemory, ref, eventStoreFor(ref)), title: `Invoke ${ref.fn.logicalId} asynchronously with event` });
      if (!event) return undefined;
      const svc = services.serviceFor(ref.templatePath);
      const { requestId } = await invokeAsync(svc, ref.fn.logicalId, event.payload);
      const elsewhere = await queuesRunElsewhere(svc);
      if (!elsewhere) session.track(requestId);
      logs.info(`Queued ${ref.fn.logicalId} event ${requestId} (asynchronous invocation with ${event.source}).`);
      // One engine per state directory runs its queues (store/engineLock.ts); this one forwarded the event there.
      if (elsewhere) logs.info(`The async queues of this folder run in another engine (${elsewhere}): ${requestId} runs, and ends, there.`);
      void vscode.window.showInformationMessage(`Queued ${ref.fn.logicalId} event ${requestId}`, 'Show Queue').then((choice) => {
        if (choice) void vscode.commands.executeCommand(COMMANDS.asyncShowQueue, ref);
      });
      return { requestId, functionName: ref.fn.functionName };
    })),
    vscode.commands.registerCommand(COMMANDS.asyncShowQueue, guarded(logs, async (arg?: FunctionArg) => {
      const ref = await resolveFunction(services, arg, 'Show the async queue of which function?');
      if (!ref) return undefined;
      const node = await queueNodeFor(ref);
      if (!node) throw new Error(`${ref.fn.logicalId} has no async queue yet: use "Lambda: Invoke Async" first.`);
      await views.functionsView.reveal(node, { select: true, focus: true, expand: true });
      return node;
    })),
    vscode.commands.registerCommand(COMMANDS.asyncReplay, guarded(logs, async (arg?: unknown) => {
      const node = eventNode(arg);
      await replayEvent(services.serviceFor(node.templatePath), node.fn.functionName, node.event.requestId);
      logs.info(`Replay: async event ${node.event.requestId} of ${node.fn.logicalId} runs again now (attempts so far: ${node.event.attempts}).`);
      return node.event.requestId;
    })),
    vscode.commands.registerCommand(COMMANDS.asyncDiscard, guarded(logs, async (arg?: unknown, opts?: ConfirmOptions) => {
      const node = eventNode(arg);
      const question = `Discard async event ${node.event.requestId} of ${node.fn.logicalId}? It leaves the queue without going to any destination or dead-letter queue.`;
      if (!(await (opts?.confirm ?? askModal)(question, 'Discard'))) return false;
      await discardEvent(services.serviceFor(node.templatePath), node.fn.functionName, node.event.requestId);
      logs.info(`Discarded async event ${node.event.requestId} of ${node.fn.logicalId}.`);
      return true;
    })),
  );
}
