// core/events/schedule: runs schedules on the engine clock (so `--time-scale` speeds them and tests advance a
// virtual clock): scheduled rules (ScheduleExpression on a bus's rule, SAM `Schedule`) and EventBridge
// Scheduler schedules (AWS::Scheduler::Schedule, SAM `ScheduleV2`). Each fire hands the scheduled event to
// `fire`. Schedules run only while an engine runs (`start`, VS Code): fires missed while no engine ran are
// not replayed, as Lambda does not replay them either; a rate() counts from when this engine started it.
import { randomUUID } from 'node:crypto';
import type { Clock, TimerHandle } from '../../common/clock';
import { WorkbenchError } from '../../common/errors';
import { eventTime } from '../bus/localBus';
import { parseSchedule, type ScheduleExpression } from './scheduleExpression';

export interface ScheduleEntry {
  name: string;
  /** The rule's or the schedule's ARN (the scheduled event's `resources`). */
  arn: string;
  kind: 'rule' | 'scheduler';
  expression: string;
  timezone?: string;
  state: 'ENABLED' | 'DISABLED';
  /** Rules: the bus they are on. */
  bus?: string;
  /** Scheduler schedules: their group. */
  group?: string;
  /** How many targets a fire goes to. */
  targets: number;
}

export interface ScheduleInfo extends ScheduleEntry {
  /** The next fire (ISO time on the engine clock); absent when disabled, stopped, or with no fires left. */
  nextFire?: string;
  lastFire?: string;
  fired: number;
  /** Why the expression cannot run, if it cannot. */
  error?: string;
}

export interface RunnerDeps {
  clock: Clock;
  region: string;
  accountId: string;
  warn(message: string): void;
  fire(entry: ScheduleEntry, event: Record<string, unknown>): Promise<void>;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

interface Live {
  entry: ScheduleEntry;
  expr?: ScheduleExpression;
  error?: string;
  timer?: TimerHandle;
  next?: number;
  last?: number;
  fired: number;
}

export class ScheduleRunner {
  private live = new Map<string, Live>();
  private running = false;
  private readonly firing = new Set<Promise<void>>();

  constructor(private readonly d: RunnerDeps) {}

  /** Replaces the schedules (template reload, PutRule); counts and the running state carry over. */
  set(entries: ScheduleEntry[]): void {
    const old = this.live;
    this.live = new Map();
    for (const entry of entries) {
      const prev = old.get(entry.arn);
      const same = prev && prev.entry.expression === entry.expression && prev.entry.timezone === entry.timezone && prev.entry.state === entry.state;
      if (same) {
        prev.entry = entry;
        this.live.set(entry.arn, prev);
        old.delete(entry.arn);
        continue;
      }
      const l: Live = { entry, fired: prev?.fired ?? 0, last: prev?.last };
      this.live.set(entry.arn, l);
      if (this.running) this.arm(l);
    }
    for (const l of old.values()) l.timer?.cancel();
  }

  get started(): boolean {
    return this.running;
  }

  /** Arms every enabled schedule from now (engine clock). */
  start(): void {
    if (this.running) return;
    this.running = true;
    for (const l of this.live.values()) {
      if (l.expr?.kind === 'rate') l.expr = undefined; // a rate counts from the start, not from a listing
      this.arm(l);
    }
  }

  private arm(l: Live): void {
    l.timer?.cancel();
    l.timer = undefined;
    l.next = undefined;
    const now = this.d.clock.now();
    if (!this.parsed(l, now)) return this.d.warn(`Schedule "${l.entry.name}" does not run: ${l.error}`);
    if (l.entry.state !== 'ENABLED' || !this.running) return;
    this.schedule(l, now);
  }

  private parsed(l: Live, anchor: number): ScheduleExpression | undefined {
    if (l.expr || l.error) return l.expr;
    try {
      l.expr = parseSchedule(l.entry.expression, { timezone: l.entry.timezone, allowAt: l.entry.kind === 'scheduler', anchor });
    } catch (e) {
      l.error = (e as Error).message;
    }
    return l.expr;
  }

  private schedule(l: Live, after: number): void {
    const next = l.expr!.next(after);
    l.next = next;
    if (next === undefined) return;
    this.wait(l, next);
  }

  /** Node's timers hold at most 2^31-1 ms (24.8 days); a later fire waits in steps. */
  private wait(l: Live, next: number): void {
    l.timer = this.d.clock.setTimeout(() => {
      l.timer = undefined;
      if (this.live.get(l.entry.arn) !== l || !this.running) return;
      if (this.d.clock.now() < next) return this.wait(l, next);
      this.track(this.fire(l, next));
      // The next fire counts from this one, not from when the timer ran, so a schedule does not drift.
      this.schedule(l, next);
    }, Math.min(next - this.d.clock.now(), MAX_TIMER_MS));
  }

  private track(p: Promise<void>): void {
    this.firing.add(p);
    void p.finally(() => this.firing.delete(p));
  }

  private async fire(l: Live, at: number): Promise<void> {
    l.fired++;
    l.last = at;
    const event = { version: '0', id: randomUUID(), 'detail-type': 'Scheduled Event', source: 'aws.events', account: this.d.accountId, time: eventTime(at), region: this.d.region, resources: [l.entry.arn], detail: {} };
    try {
      await this.d.fire(l.entry, event);
    } catch (e) {
      this.d.warn(`Schedule "${l.entry.name}" fired at ${eventTime(at)}, but its event could not be handed on: ${(e as Error).message}`);
    }
  }

  /** Fires a schedule now (`schedules run NAME`), enabled or not; resolves once the event is journalled. */
  async run(nameOrArn: string): Promise<ScheduleInfo> {
    const l = [...this.live.values()].find((x) => x.entry.name === nameOrArn || x.entry.arn === nameOrArn);
    if (!l) throw new WorkbenchError('RESOURCE_NOT_FOUND', `Schedule not found: "${nameOrArn}". Schedules: ${[...this.live.values()].map((x) => x.entry.name).join(', ') || '(none; declare a rule with ScheduleExpression, a SAM Schedule or ScheduleV2 event, or an AWS::Scheduler::Schedule)'}.`);
    await this.fire(l, this.d.clock.now());
    return this.info(l);
  }

  list(): ScheduleInfo[] {
    return [...this.live.values()].map((l) => this.info(l));
  }

  private info(l: Live): ScheduleInfo {
    const now = this.d.clock.now();
    // Not started (a CLI listing): when it would fire if an engine started now.
    const next = this.running ? l.next : l.entry.state === 'ENABLED' ? this.parsed(l, now)?.next(now) : undefined;
    return { ...l.entry, nextFire: next === undefined ? undefined : eventTime(next), lastFire: l.last === undefined ? undefined : eventTime(l.last), fired: l.fired, error: l.error };
  }

  /** Resolves once the fires under way have handed their events on (tests). */
  async settled(): Promise<void> {
    while (this.firing.size) await Promise.allSettled([...this.firing]);
  }

  stop(): void {
    this.running = false;
    for (const l of this.live.values()) {
      l.timer?.cancel();
      l.timer = undefined;
      l.next = undefined;
    }
  }
}
