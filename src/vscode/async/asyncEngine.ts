// vscode layer: the one place the VS Code side reaches the engine's asynchronous invocation (§9) and local
// resources: accept an Event invoke, queue statuses and their change events, Replay / Discard, resume, the
// effective EventInvokeConfig, and the engine clock. Everything else in src/vscode/async goes through here.
import type { Event } from '../../core/common/events';
import type { EventResources } from '../../core/events/eventResources';
import type { AsyncEventFinished } from '../../core/invoke/async/asyncInvocations';
import type { EffectiveInvokeConfig } from '../../core/invoke/async/asyncTypes';
import type { QueueStatus } from '../../core/invoke/async/functionQueue';
import type { LambdaService } from '../../core/service';

export type { AsyncEventFinished, QueueStatus };

/** An Event invoke: journalled before this resolves (then the event runs on the queue, history origin `async`). */
export function invokeAsync(svc: LambdaService, functionName: string, payload: string): Promise<{ requestId: string }> {
  return svc.invokeAsync(functionName, payload);
}

/** Opens the queues earlier engines journalled; resolves with the functions whose queues hold events, and how many. */
export async function resumeQueues(svc: LambdaService): Promise<{ functionName: string; events: number }[]> {
  const names = await svc.resumeAsync();
  return names
    .map((functionName) => ({ functionName, events: svc.async.statusNow(functionName)?.events.length ?? 0 }))
    .filter((r) => r.events > 0);
}

/** The function's open queue as it is now (undefined when no queue was opened for it). */
export function queueStatus(svc: LambdaService, functionName: string): QueueStatus | undefined {
  return svc.async.statusNow(functionName);
}

export const onQueueChange = (svc: LambdaService): Event<string> => svc.async.onDidChange;
export const onEventFinished = (svc: LambdaService): Event<AsyncEventFinished> => svc.async.onDidFinish;

export const replayEvent = (svc: LambdaService, functionName: string, requestId: string): Promise<void> => svc.async.requeueNow(functionName, requestId);
export const discardEvent = (svc: LambdaService, functionName: string, requestId: string): Promise<void> => svc.async.discard(functionName, requestId);

/** The destinations and dead-letter target an unqualified async invoke of the function would use. */
export function invokeConfig(svc: LambdaService, functionName: string): Promise<EffectiveInvokeConfig> {
  return svc.async.effectiveConfig(functionName, undefined);
}

/** The engine clock's now (epoch ms; with a time scale it runs faster than the wall clock). */
export const engineNow = (svc: LambdaService): number => svc.async.now();

/** Engine-clock epoch ms (dueAt is measured in it) as wall-clock epoch ms, given the engine's time scale. */
export function wallTime(svc: LambdaService, engineMs: number, timeScale: number): number {
  return Date.now() + (engineMs - svc.async.now()) / timeScale;
}

/** The local queues, topics (and, where the engine has them, buses and schedules). */
export function localResources(svc: LambdaService): Promise<EventResources> {
  return svc.localResources();
}
