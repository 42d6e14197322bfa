// core/events/mappings: runs the pollers while the engine runs (`start`, VS Code): one poller per enabled
// mapping whose source kind has a row in pollers.ts, started, restarted (UpdateEventSourceMapping) or stopped
// (disable, delete) as the registry changes, each change of a mapping applied in order. Keeps each mapping's
// recent batches and its LastProcessingResult.
import { isDeepStrictEqual } from 'node:util';
import type { Clock } from '../../common/clock';
import { Emitter, type Event } from '../../common/events';
import type { Disposable } from '../../common/disposable';
import { functionArn } from '../../model/arn';
import type { MappingRegistry } from './mappingRegistry';
import type { MappingSettings } from './mappingTypes';
import { pollerFor } from './pollers';
import type { BatchReport, InvokeOutcome, PollerHandle, PollerStats } from './pollerTypes';
import { compileFilterCriteria } from './recordFilter';

export interface MappingRunnerDeps {
  registry: MappingRegistry;
  clock: Clock;
  region: string;
  accountId: string;
  invoke(functionName: string, qualifier: string | undefined, payload: string): Promise<InvokeOutcome>;
  /** The function's Timeout in seconds. */
  functionTimeout(functionName: string): number;
  source(arn: string): Promise<unknown>;
  sendFailure(destinationArn: string, record: unknown): Promise<void>;
  warn(message: string): void;
}

/** A batch as the mapping's recent list shows it. */
export interface RecentBatch extends BatchReport {
  /** Engine-clock epoch ms when it finished. */
  at: number;
}

const RECENT = 20;

/** LastProcessingResult for a batch (Lambda's wording: "OK", "PROBLEM: …"). */
function resultText(b: BatchReport): string {
  switch (b.outcome) {
    case 'success':
    case 'filtered':
      return 'OK';
    case 'functionError':
      return 'PROBLEM: Function call failed';
    case 'throttled':
      return 'PROBLEM: Function call throttled';
    case 'failed':
      return b.note?.startsWith('PROBLEM') ? b.note : `PROBLEM: ${b.note ?? 'Function call failed'}`;
  }
}

export class MappingRunner {
  private readonly pollers = new Map<string, { handle: PollerHandle; settings: MappingSettings }>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly recentBatches = new Map<string, RecentBatch[]>();
  private readonly reported = new Emitter<{ uuid: string; batch: RecentBatch }>();
  private subscription: Disposable | undefined;
  private started: Promise<void> | undefined;
  private disposed = false;

  /** Every batch every poller finished. */
  readonly onDidReport: Event<{ uuid: string; batch: RecentBatch }> = this.reported.event;

  constructor(private readonly d: MappingRunnerDeps) {}

  /** Starts the pollers of the enabled mappings; later changes start and stop them. Idempotent. */
  start(): Promise<void> {
    return (this.started ??= (async () => {
      const reg = this.d.registry;
      reg.applier = (uuid) => this.apply(uuid);
      this.subscription = reg.onDidChange((uuid) => void this.apply(uuid));
      await reg.ready();
      await Promise.all(reg.list().map((r) => this.apply(r.uuid)));
    })());
  }

  get isRunning(): boolean {
    return this.started !== undefined && !this.disposed;
  }

  /** Brings the poller of one mapping in line with its record, after the changes before it. */
  apply(uuid: string): Promise<void> {
    const next = (this.chains.get(uuid) ?? Promise.resolve()).then(() => this.sync(uuid)).catch((e: unknown) => this.d.warn(`Event source mapping ${uuid}: ${(e as Error).message}`));
    this.chains.set(uuid, next);
    void next.finally(() => this.chains.get(uuid) === next && this.chains.delete(uuid));
    return next;
  }

  private async sync(uuid: string): Promise<void> {
    const r = this.d.registry.list().find((x) => x.uuid === uuid);
    const want = !this.disposed && r !== undefined && r.transition !== 'Deleting' && r.settings.enabled;
    const cur = this.pollers.get(uuid);
    if (cur && (!want || !isDeepStrictEqual(cur.settings, r!.settings))) {
      this.pollers.delete(uuid);
      await cur.handle.stop();
    }
    if (!want || this.pollers.has(uuid)) return;
    const settings = structuredClone(r.settings);
    const plugin = pollerFor(settings.kind);
    if (!plugin) {
      this.d.registry.setResult(uuid, `PROBLEM: no local poller reads ${settings.kind} sources yet`);
      return;
    }
    const handle = plugin.start({
      uuid,
      mapping: settings,
      functionArn: functionArn(this.d.region, this.d.accountId, settings.functionName, settings.qualifier),
      region: this.d.region,
      accountId: this.d.accountId,
      functionTimeout: this.d.functionTimeout(settings.functionName),
      clock: this.d.clock,
      invoke: (payload) => this.d.invoke(settings.functionName, settings.qualifier, payload),
      source: (arn) => this.d.source(arn),
      sendFailure: (arn, record) => this.d.sendFailure(arn, record),
      filter: compileFilterCriteria(settings.filterCriteria, settings.kind),
      log: { info: () => undefined, warn: (m) => this.d.warn(m) },
      report: (b) => this.report(uuid, b),
    });
    this.pollers.set(uuid, { handle, settings });
  }

  private report(uuid: string, b: BatchReport): void {
    const batch: RecentBatch = { ...b, at: this.d.clock.now() };
    const list = this.recentBatches.get(uuid) ?? [];
    list.push(batch);
    if (list.length > RECENT) list.shift();
    this.recentBatches.set(uuid, list);
    this.d.registry.setResult(uuid, resultText(b));
    this.reported.fire({ uuid, batch });
  }

  stats(uuid: string): PollerStats | undefined {
    return this.pollers.get(uuid)?.handle.stats();
  }

  recent(uuid: string): RecentBatch[] {
    return [...(this.recentBatches.get(uuid) ?? [])];
  }

  /**
   * Stops every poller. Batches still running are not waited for: the engine's environments stop next, so they
   * fail and their messages are received again after the visibility timeout, as after a crash (at-least-once).
   * Safe to call twice.
   */
  async dispose(): Promise<void> {
    this.disposed = true;
    await this.subscription?.dispose();
    if (this.d.registry.applier) this.d.registry.applier = undefined;
    const all = [...this.pollers.values()];
    this.pollers.clear();
    void Promise.all(all.map((p) => p.handle.stop())).catch(() => undefined);
    this.reported.dispose();
  }
}
