// core/invoke/async: one function's asynchronous queue: its events in memory, their journal on disk, and the
// poller that starts due events in order (a few at a time) on the engine clock and applies §9's decision
// after each attempt. Every change is journalled before it counts: the 202 after the accept record's fsync,
// an attempt after its start record, a retry after its schedule record, the end after the destination.
import type { Clock, TimerHandle } from '../../common/clock';
import { WorkbenchError } from '../../common/errors';
import { describeDamage, Journal } from '../../store/journal';
import type { AsyncEvent, EffectiveInvokeConfig, JournalRecord, LastResponse } from './asyncTypes';
import type { Condition } from './invocationRecord';
import { backoffMs, decide, isExpired, type AttemptOutcome } from './retryPolicy';

/** What one attempt came to, as the queue's owner ran it. */
export type AttemptResult =
  | { outcome: AttemptOutcome; last?: LastResponse }
  /** The engine is shutting down: the event stays as it is (its attempt is made again on restart). */
  | { outcome: 'abandoned' };

export interface QueueOwner {
  clock: Clock;
  /** How many events of one function run at once. */
  parallelism: number;
  config(e: AsyncEvent): Promise<EffectiveInvokeConfig>;
  /** Reserved concurrency 0 sends events straight to the failure target (§9). */
  reservedZero(functionName: string): boolean;
  attempt(e: AsyncEvent): Promise<AttemptResult>;
  /** Sends the event on (destinations, DLQ); resolves once whatever receives it has it stored. */
  finish(e: AsyncEvent, condition: Condition, config: EffectiveInvokeConfig): Promise<void>;
  warn(message: string): void;
  /** After the queue's contents or their state changed (accepted, started, rescheduled, finished, discarded). */
  changed?(): void;
}

export interface QueueStatus {
  functionName: string;
  /** Events waiting (due now or later), not counting those in flight. */
  queued: number;
  inFlight: number;
  /** Engine-clock epoch ms of the next scheduled attempt, when one waits. */
  nextAttemptAt?: number;
  journal: string;
  events: { requestId: string; attempts: number; dueAt: number; acceptedAt: number; running: boolean; lastError?: string }[];
}

export class FunctionQueue {
  private readonly events = new Map<string, AsyncEvent>();
  private readonly running = new Set<string>();
  private timer: TimerHandle | undefined;
  private timerAt = Infinity;
  private seq = 0;
  private closed = false;
  private waiters: { cond: () => boolean; resolve: () => void }[] = [];

  private constructor(
    readonly functionName: string,
    private readonly journal: Journal<JournalRecord>,
    private readonly owner: QueueOwner,
  ) {}

  static async open(functionName: string, file: string, owner: QueueOwner): Promise<FunctionQueue> {
    const { journal, records } = await Journal.open<JournalRecord>(file, (d) =>
      owner.warn(`Async queue of "${functionName}": ${describeDamage(d)}. The events before it are kept; the damaged bytes are in ${d.file}.corrupt-${d.offset}.`),
    );
    const q = new FunctionQueue(functionName, journal, owner);
    q.replay(records);
    return q;
  }

  /** Rebuilds the events from the journal; an attempt that was running when the engine stopped is made again. */
  private replay(records: JournalRecord[]): void {
    const interrupted = new Set<string>();
    for (const r of records) {
      if (r.k === 'a') {
        if (!this.events.has(r.e.requestId)) this.events.set(r.e.requestId, { ...r.e, seq: this.seq++ });
        continue;
      }
      const e = this.events.get(r.id);
      if (!e) continue;
      if (r.k === 's') {
        e.attempts = r.n;
        interrupted.add(r.id);
      } else if (r.k === 'r') {
        Object.assign(e, { dueAt: r.due, delayMs: r.d, attempts: r.n, setbacks: r.sb, last: r.last ?? e.last });
        interrupted.delete(r.id);
      } else {
        this.events.delete(r.id);
        interrupted.delete(r.id);
      }
    }
    const now = this.owner.clock.now();
    for (const e of this.events.values()) {
      if (interrupted.has(e.requestId)) e.attempts = Math.max(0, e.attempts - 1); // at-least-once: run it again, same count
      // A scaled clock restarts from real time: never wait longer than the delay that was scheduled.
      e.dueAt = Math.min(e.dueAt, now + e.delayMs);
    }
  }

  /** Journals a new event (resolves after the fsync: then the 202 may go out) and lets the poller see it. */
  async accept(e: Omit<AsyncEvent, 'seq'>): Promise<void> {
    await this.journal.append({ k: 'a', e });
    this.events.set(e.requestId, { ...e, seq: this.seq++ });
    // With every slot busy the next settle starts it; a full pass per accept would make a backlog slow.
    if (this.running.size < this.owner.parallelism) this.pump();
    else this.notify();
  }

  /**
   * Starts due events in accept order up to the parallelism, and sets the timer for the next one. One pass,
   * no sorting: the Map keeps accept order, and a backlog of thousands must not slow every accept down.
   */
  pump(): void {
    if (this.closed) return;
    const now = this.owner.clock.now();
    let next = Infinity;
    for (const e of this.events.values()) {
      if (this.running.has(e.requestId)) continue;
      if (e.dueAt > now) {
        next = Math.min(next, e.dueAt);
        continue;
      }
      if (this.running.size >= this.owner.parallelism) continue;
      this.running.add(e.requestId);
      void this.run(e).then(
        () => this.settle(e),
        (err: unknown) => {
          // Not lost, and not retried in a tight loop either: it waits like a system error (§9 backoff).
          e.setbacks++;
          e.delayMs = backoffMs(e.setbacks);
          e.dueAt = this.owner.clock.now() + e.delayMs;
          if (!this.closed) this.owner.warn(`Async event ${e.requestId} of "${this.functionName}" stays queued (next try in ${e.delayMs / 1000} s) after an engine error: ${(err as Error).message}`);
          this.settle(e);
        },
      );
    }
    if (next < this.timerAt) {
      this.timer?.cancel();
      this.timerAt = next;
      this.timer = this.owner.clock.setTimeout(() => {
        this.timerAt = Infinity;
        this.timer = undefined;
        this.pump();
      }, next - now);
    }
    this.notify();
  }

  private settle(e: AsyncEvent): void {
    this.running.delete(e.requestId);
    this.pump();
  }

  private async run(e: AsyncEvent): Promise<void> {
    const config = await this.owner.config(e);
    const now = this.owner.clock.now();
    if (isExpired(e, config, now)) return this.end(e, 'EventAgeExceeded', config);
    if (this.owner.reservedZero(e.functionName)) {
      e.last = { statusCode: 429, errorCode: 429, errorMessage: 'Rate Exceeded.' };
      return this.end(e, 'RetriesExhausted', config);
    }
    e.attempts++;
    await this.journal.append({ k: 's', id: e.requestId, n: e.attempts });
    const result = await this.owner.attempt(e);
    if (result.outcome === 'abandoned' || this.closed) return;
    const { outcome } = result;
    if (outcome.kind === 'throttle' || outcome.kind === 'system-error') {
      e.attempts--; // it never reached the function
      e.setbacks++;
    }
    if (result.last) e.last = result.last;
    const decision = decide(e, outcome, config, this.owner.clock.now());
    if (decision.action === 'deliver') return this.end(e, decision.condition, config);
    e.delayMs = decision.delayMs;
    e.dueAt = this.owner.clock.now() + decision.delayMs;
    await this.journal.append({ k: 'r', id: e.requestId, due: e.dueAt, d: e.delayMs, n: e.attempts, sb: e.setbacks, last: e.last });
  }

  private async end(e: AsyncEvent, condition: Condition, config: EffectiveInvokeConfig): Promise<void> {
    await this.owner.finish(e, condition, config);
    await this.journal.append({ k: 'f', id: e.requestId, c: condition });
    this.events.delete(e.requestId);
    if (this.journal.lines > 100 && this.journal.lines > 4 * this.events.size) await this.compact();
  }

  /** Rewrites the journal as the live events alone, so it does not grow forever. */
  private compact(): Promise<void> {
    return this.journal.compact(() =>
      [...this.events.values()].flatMap(({ seq: _seq, ...e }): JournalRecord[] =>
        this.running.has(e.requestId) ? [{ k: 'a', e: { ...e, attempts: e.attempts - 1 } }, { k: 's', id: e.requestId, n: e.attempts }] : [{ k: 'a', e }],
      ),
    );
  }

  status(): QueueStatus {
    const waiting = [...this.events.values()].filter((e) => !this.running.has(e.requestId));
    const next = Math.min(...waiting.map((e) => e.dueAt));
    return {
      functionName: this.functionName,
      queued: waiting.length,
      inFlight: this.running.size,
      nextAttemptAt: Number.isFinite(next) ? next : undefined,
      journal: this.journal.file,
      events: [...this.events.values()].sort((a, b) => a.seq - b.seq).map((e) => {
        const lastError = lastErrorOf(e.last);
        return { requestId: e.requestId, attempts: e.attempts, dueAt: e.dueAt, acceptedAt: e.acceptedAt, running: this.running.has(e.requestId), ...(lastError ? { lastError } : {}) };
      }),
    };
  }

  /** Replay: a waiting event becomes due now (journalled like a retry schedule; its attempts so far stay). */
  async requeueNow(requestId: string): Promise<void> {
    const e = this.waiting(requestId);
    e.dueAt = this.owner.clock.now();
    e.delayMs = 0;
    await this.journal.append({ k: 'r', id: e.requestId, due: e.dueAt, d: 0, n: e.attempts, sb: e.setbacks, last: e.last });
    this.pump();
  }

  /** Discard: a waiting event leaves the queue without going to any destination or dead-letter queue. */
  async discard(requestId: string): Promise<void> {
    const e = this.waiting(requestId);
    await this.journal.append({ k: 'f', id: e.requestId, c: 'Discarded' });
    this.events.delete(e.requestId);
    this.pump();
  }

  private waiting(requestId: string): AsyncEvent {
    const e = this.events.get(requestId);
    if (!e) throw new WorkbenchError('RESOURCE_NOT_FOUND', `No queued async event ${requestId} for "${this.functionName}": it has finished or was discarded. Refresh the view.`);
    if (this.running.has(requestId)) throw new WorkbenchError('RESOURCE_CONFLICT', `Async event ${requestId} of "${this.functionName}" is running now; wait until its attempt ends.`);
    return e;
  }

  get size(): number {
    return this.events.size;
  }

  /** Resolves when nothing runs and nothing is due now (later retries may still wait). */
  idle(): Promise<void> {
    return this.when(() => this.isIdle());
  }

  isIdle(): boolean {
    return this.running.size === 0 && ![...this.events.values()].some((e) => e.dueAt <= this.owner.clock.now());
  }

  /** Resolves when the queue is empty. */
  drained(): Promise<void> {
    return this.when(() => this.events.size === 0);
  }

  private when(cond: () => boolean): Promise<void> {
    if (cond()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ cond, resolve }));
  }

  private notify(): void {
    this.owner.changed?.();
    const waiters = this.waiters;
    this.waiters = waiters.filter((w) => !w.cond());
    for (const w of waiters) if (!this.waiters.includes(w)) w.resolve();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.timer?.cancel();
    await this.journal.close();
  }
}

/** One line on why the last attempt failed: the function's errorMessage, or the throttle/system error. */
function lastErrorOf(last: LastResponse | undefined): string | undefined {
  if (!last) return undefined;
  if (last.errorMessage) return `${last.errorCode ?? last.statusCode}: ${last.errorMessage}`;
  if (!last.functionError) return undefined;
  try {
    const v = JSON.parse(last.payload ?? '') as { errorType?: unknown; errorMessage?: unknown };
    if (typeof v.errorMessage === 'string') return `${typeof v.errorType === 'string' ? v.errorType : last.functionError}: ${v.errorMessage}`;
  } catch {
    // not JSON: the raw payload below
  }
  return `${last.functionError}: ${(last.payload ?? '').slice(0, 200)}`;
}
