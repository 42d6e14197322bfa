// vscode layer: the one place the VS Code side reaches the engine's asynchronous invocation (§9) and local
// resources: accept an Event invoke, queue statuses and their change events, Replay / Discard, resume, the
// effective EventInvokeConfig, and the engine clock. Everything else in src/vscode/async goes through here.
import type { Event } from '../../core/common/events';
import type { EventResources } from '../../core/events/eventResources';
import { MappingStore } from '../../core/events/mappings/mappingStore';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TemplateModel } from '../../core/model/functionConfig';
import { journalledFunctions, type AsyncEventFinished } from '../../core/invoke/async/asyncInvocations';
import type { EffectiveInvokeConfig } from '../../core/invoke/async/asyncTypes';
import type { QueueStatus } from '../../core/invoke/async/functionQueue';
import type { LambdaService } from '../../core/service';

export type { AsyncEventFinished, QueueStatus };

/** An Event invoke: journalled before this resolves (then the event runs on the queue, history origin `async`). */
export function invokeAsync(svc: LambdaService, functionName: string, payload: string): Promise<{ requestId: string }> {
  return svc.async.invoke(functionName, payload);
}

/**
 * Opens the queues earlier engines journalled for these functions; resolves with those holding events, and how
 * many. Touches nothing (takes no queues lock) when none of the functions has a journal: the templates of one
 * folder share a state directory, and only one engine there runs its queues (store/engineLock.ts).
 */
export async function resumeQueues(svc: LambdaService, stateRoot: string, functionNames: readonly string[]): Promise<{ functionName: string; events: number }[]> {
  // <state>/async is where AsyncFacade keeps the journals.
  const journalled = await journalledFunctions(join(stateRoot, 'async'));
  if (!journalled.some((n) => functionNames.includes(n))) return [];
  const names = await svc.async.resume();
  return names
    .map((functionName) => ({ functionName, events: svc.async.statusNow(functionName)?.events.length ?? 0 }))
    .filter((r) => r.events > 0);
}

/**
 * Starts the engine's schedules and pending bus deliveries (service.eventBridge.start(), from the event-bus work)
 * when the template declares buses, rules or schedules; resolves with how many schedules run (0 without them).
 */
export async function startEventBridge(svc: LambdaService, declaredKinds: readonly string[]): Promise<number> {
  if (!declaredKinds.some((k) => k !== 'queue' && k !== 'topic')) return 0;
  const eb = (svc as unknown as { eventBridge?: { start?: () => Promise<unknown[]> } }).eventBridge;
  return typeof eb?.start === 'function' ? (await eb.start.call(eb)).length : 0;
}

/**
 * Starts the pollers of the event source mappings (service.mappings.start()) when the template declares some or
 * earlier API/CLI calls created some under the state directory; resolves with how many mappings there are.
 */
export async function startMappings(svc: LambdaService, model: TemplateModel, stateRoot: string): Promise<number> {
  // <state>/mappings is where the mappings created through the API or the CLI are kept. Only mappings of this
  // template's functions count: the templates of one folder share its state directory, and the first engine to ask
  // owns its queues (a template without mappings must not take them from the one that has queues to run).
  if (!model.eventSourceMappings?.length) {
    const dir = join(stateRoot, 'mappings');
    if (!existsSync(dir)) return 0;
    const names = new Set(model.functions.map((f) => f.functionName));
    const stored = await new MappingStore(dir).load().catch(() => []);
    if (!stored.some((m) => !m.deleted && names.has(m.record.settings.functionName))) return 0;
  }
  if (!(await svc.async.owner()).self) return 0;
  await svc.mappings.start();
  return (await svc.mappings.list()).length;
}

/** Who runs the queues of the engine's state directory: undefined for this engine, else a description of the other. */
export async function queuesRunElsewhere(svc: LambdaService): Promise<string | undefined> {
  const o = await svc.async.owner();
  return o.self ? undefined : `${o.holder.origin === 'vscode' ? 'VS Code' : o.holder.origin}, pid ${o.holder.pid}`;
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
  return svc.async.resources();
}
