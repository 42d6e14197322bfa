// vscode layer: the asynchronous queues of every engine this window runs: their change events (throttled to
// at most two a second, for the trees), the time scale of each engine's clock, resuming journalled queues
// when an engine starts (one message naming what resumed), and the "event ended" messages for the events this
// window queued (batched, so a burst of endings gives one message).
import * as vscode from 'vscode';
import type { LambdaService } from '../../core/service';
import type { LogChannel } from '../logs/logChannel';
import type { StartedService, WorkspaceServices } from '../workspaceServices';
import { onEventFinished, onQueueChange, resumeQueues, startEventBridge, startMappings, type AsyncEventFinished } from './asyncEngine';
import { describeFinished, describeFinishedBatch, describeResumed } from './asyncMessages';

/** At most this often the trees hear of queue changes (ms). */
export const CHANGE_INTERVAL_MS = 500;
/** Endings within this window go out as one message (ms). */
export const FINISH_BATCH_MS = 1000;

export interface QueueChange {
  templatePath: string;
  service: LambdaService;
  /** Canonical function names whose queues changed. */
  functionNames: ReadonlySet<string>;
}

export class AsyncSession implements vscode.Disposable {
  private readonly scales = new WeakMap<LambdaService, number>();
  private readonly changed = new vscode.EventEmitter<QueueChange>();
  private readonly finishedEmitter = new vscode.EventEmitter<AsyncEventFinished>();
  private readonly subs: vscode.Disposable[] = [];
  private pending = new Map<LambdaService, { templatePath: string; names: Set<string> }>();
  private changeTimer: NodeJS.Timeout | undefined;
  private lastFlush = 0;
  private readonly tracked = new Set<string>();
  private finished: AsyncEventFinished[] = [];
  private finishTimer: NodeJS.Timeout | undefined;
  private disposed = false;
  /** Queues changed (throttled). */
  readonly onDidChangeQueues = this.changed.event;
  /** Any async event of any engine ended (not throttled). */
  readonly onDidFinishEvent = this.finishedEmitter.event;
  /** The last resume of each template, for tests: what resumed. */
  readonly resumed = new Map<string, { functionName: string; events: number }[]>();

  constructor(
    private readonly services: WorkspaceServices,
    private readonly logs: LogChannel,
  ) {
    // Made before any engine (the composition root creates it before templates load), so it sees each one start.
    this.subs.push(services.onDidStartService((s) => this.attach(s)));
  }

  /** The time scale the engine's clock runs at. */
  timeScaleOf(svc: LambdaService): number {
    return this.scales.get(svc) ?? 1;
  }

  /** Remembers an event this window queued: its end is told in a message. */
  track(requestId: string): void {
    this.tracked.add(requestId);
  }

  private attach(s: StartedService): void {
    const svc = s.service;
    this.scales.set(svc, s.timeScale);
    this.subs.push(
      onQueueChange(svc)((fn) => this.queueChanged(s.templatePath, svc, fn)),
      onEventFinished(svc)((e) => this.eventFinished(e)),
    );
    void this.resume(s.templatePath, svc, s.stateRoot);
  }

  /** Queues an earlier engine journalled run again (§9: an accepted event is never lost). */
  private async resume(templatePath: string, svc: LambdaService, stateRoot: string): Promise<void> {
    let resumed: { functionName: string; events: number }[];
    try {
      const model = await svc.template();
      resumed = (await resumeQueues(svc, stateRoot, model.functions.map((f) => f.functionName))).map((r) => ({ ...r, functionName: model.functions.find((f) => f.functionName === r.functionName)?.logicalId ?? r.functionName }));
      // Schedules run while an engine runs (`start`, VS Code); fires missed while none ran are not replayed.
      await startEventBridge(svc, (model.localResources ?? []).map((d) => d.kind));
      // Event source mappings poll their queues while the engine runs, as under `lambda-workbench start`.
      await startMappings(svc, model, stateRoot);
    } catch (e) {
      // A template that does not load has no queue to resume; its error is shown by the trees.
      if (!this.disposed) this.logs.warn(`Async queues of ${vscode.workspace.asRelativePath(templatePath)} not resumed: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    this.resumed.set(templatePath, resumed);
    if (this.disposed || !resumed.length) return;
    const text = describeResumed(resumed);
    this.logs.info(text);
    void vscode.window.showInformationMessage(text);
  }

  private queueChanged(templatePath: string, svc: LambdaService, functionName: string): void {
    if (this.disposed) return;
    let p = this.pending.get(svc);
    if (!p) this.pending.set(svc, (p = { templatePath, names: new Set() }));
    p.names.add(functionName);
    if (this.changeTimer) return;
    const wait = Math.max(0, this.lastFlush + CHANGE_INTERVAL_MS - Date.now());
    this.changeTimer = setTimeout(() => this.flushChanges(), wait);
  }

  private flushChanges(): void {
    this.changeTimer = undefined;
    this.lastFlush = Date.now();
    const pending = this.pending;
    this.pending = new Map();
    for (const [service, { templatePath, names }] of pending) this.changed.fire({ templatePath, service, functionNames: names });
  }

  private eventFinished(e: AsyncEventFinished): void {
    if (this.disposed) return;
    this.finishedEmitter.fire(e);
    if (!this.tracked.delete(e.requestId)) return;
    this.finished.push(e);
    this.finishTimer ??= setTimeout(() => this.flushFinished(), FINISH_BATCH_MS);
  }

  private flushFinished(): void {
    this.finishTimer = undefined;
    const batch = this.finished;
    this.finished = [];
    if (!batch.length) return;
    const failed = batch.some((e) => e.condition !== 'Success');
    const text = batch.length === 1 ? describeFinished(batch[0]) : describeFinishedBatch(batch);
    if (failed) this.logs.warn(text);
    else this.logs.info(text);
    void (failed ? vscode.window.showWarningMessage(text) : vscode.window.showInformationMessage(text));
  }

  dispose(): void {
    this.disposed = true;
    if (this.changeTimer) clearTimeout(this.changeTimer);
    if (this.finishTimer) clearTimeout(this.finishTimer);
    for (const s of this.subs) s.dispose();
    this.changed.dispose();
    this.finishedEmitter.dispose();
  }
}
