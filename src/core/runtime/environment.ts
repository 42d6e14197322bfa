// core/runtime: one execution environment (lambda-semantics.md §2.1): a runtime process behind its own
// Runtime API server. Runs Init once, then invocations one at a time, enforcing timeout and memory, and
// writes the platform log lines around them. A timeout or crash resets it; the next invoke is cold.
import { mkdirSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Deferred } from '../common/deferred';
import { WorkbenchError } from '../common/errors';
import { newLogStreamName } from '../logs/logStreamName';
import { runtimeFamily } from '../model/runtimes';
import { RuntimeLaunchError } from '../runtimes/launchError';
import type { LaunchSpec, RuntimeHost } from '../runtimes/runtimeHost';
import { isolationFor, prepareRuntimeLaunch, processLaunchOf } from './environmentLaunch';
import { InvocationLog } from './invocationLog';
import { answeredResult } from './outcomes';
import { exitError, exitReason, parseErrorType, timeoutError, toJsonBuffer } from './platformErrors';
import { initError, initErrorMessage, initFailureOf, withRequestId, type InitResult } from './initOutcome';
import { RuntimeApiServer, type InvocationOutcome } from './runtimeApiServer';
import { EnvironmentDebug } from './environmentDebug';
import { EnvironmentFreeze } from './environmentFreeze';
import { MemoryWatch } from './memoryWatch';
import { TmpWatch } from './tmpUsage';
import { RuntimeProcess, reportsStatus, type ProcessExit, type ProcessLaunch } from './runtimeProcess';
import { launchRecordOf, type PrelaunchOffer } from './prelaunch';
import type { IsolationMode } from './isolation';
import { InvocationDeadline, SuspendableTimer } from './suspendableTimer';
import type { EnvironmentOptions, InvokeInput, InvokeOutput } from './environmentTypes';

export type { EnvironmentOptions, EnvironmentStatus, InvokeInput, InvokeOutput } from './environmentTypes';

type Waiter =
  | { kind: 'outcome'; outcome: InvocationOutcome; logSync: number | undefined }
  | { kind: 'exit'; exit: ProcessExit }
  | { kind: 'timeout' }
  | { kind: 'oom' }
  | { kind: 'cancelled' };

export class ExecutionEnvironment {
  readonly logStreamName: string;
  /** The host folder that plays /tmp without namespaces (with them, /tmp is a tmpfs inside the environment). */
  private readonly hostTmpDir: string;
  private readonly server: RuntimeApiServer;
  private process: RuntimeProcess | undefined;
  private phase: 'cold' | 'busy' | 'idle' | 'disposed' = 'cold';
  private nextSeen: Deferred<number | undefined> | undefined;
  private initErrorSeen: Deferred<{ body: Buffer; errorType?: string }> | undefined;
  /** What ends the invocation in flight: its outcome, the process's exit, the deadline, memory, or dispose. */
  private waiter: Deferred<Waiter> | undefined;
  /** The last runtime process that exited, so an exit that came before the waiter is not missed. */
  private lastExit: { proc: RuntimeProcess; exit: ProcessExit } | undefined;
  private isolation: IsolationMode = 'process-tree';
  private readonly memory: MemoryWatch;
  /** Debug mode only: port check, pause watching, the timeout held while paused. */
  private readonly debug: EnvironmentDebug | undefined;
  private readonly tmp: TmpWatch;
  /** The deadline of whatever runs now (init or an invocation), suspended while a debugger has it paused. */
  private deadline: SuspendableTimer | undefined;
  /** Outside debug mode, the invocations' deadline: one timer for the environment (suspendableTimer.ts). */
  private readonly invocationDeadline: InvocationDeadline;
  private log: InvocationLog;
  private peakKb = 0;
  /** The freeze between invocations (§2.1); never in debug mode. */
  private readonly freeze: EnvironmentFreeze;
  /** Init runs now (ahead of a request for provisioned concurrency, or as an invocation's cold start). */
  private initializing = false;
  /** A CLI's head start, until the first init claims or discards it. */
  private prelaunch: PrelaunchOffer | undefined;
  private recorded = false;
  /** Invocations served, for environment listings. */
  invocations = 0;
  /** Time of the last completed invocation (monotonic ms), for idle reaping. */
  lastUsed: number;
  readonly createdAt: number;

  constructor(private readonly o: EnvironmentOptions) {
    this.freeze = new EnvironmentFreeze(o.freeze !== false && !o.debug, () => {
      const proc = this.process;
      return this.server.isWaiting && proc?.isAlive && this.phase !== 'disposed' ? proc : undefined;
    });
    this.createdAt = o.clock.monotonic();
    this.lastUsed = this.createdAt;
    this.logStreamName = o.prelaunched?.logStreamName ?? newLogStreamName(o.version, o.clock.now());
    this.prelaunch = o.prelaunched;
    this.hostTmpDir = join(o.envDir, 'tmp');
    this.memory = new MemoryWatch(o.clock, o.fn.memorySize * 1024, o.memoryPollMs ?? 50);
    this.invocationDeadline = new InvocationDeadline(o.clock);
    this.debug = o.debug
      ? new EnvironmentDebug({
          ...o.debug,
          runtime: o.fn.runtime,
          timeoutSeconds: o.fn.timeout,
          deadline: () => this.deadline,
          log: (line) => this.log.platformLine(line, ''),
          warn: o.warn,
        })
      : undefined;
    this.tmp = new TmpWatch(o.clock, this.hostTmpDir, o.fn.ephemeralStorage, (mb) => {
      const msg = `Function "${o.fn.logicalId}" has more than ${mb} MB in /tmp (its EphemeralStorage); in Lambda, writes past that fail with ENOSPC.`;
      this.log.platformLine(`WARNING ${msg}`, '');
      o.warn(msg);
    });
    mkdirSync(this.hostTmpDir, { recursive: true });
    this.log = new InvocationLog(o.logs, o.clock, o.fn, this.logStreamName, o.region, o.version, o.accountId);
    this.server = new RuntimeApiServer({
      onNext: (logSync) => {
        this.nextSeen?.resolve(logSync);
        this.freeze.runtimeWaiting();
      },
      onDelivered: (id) => this.log.start(id),
      onDebuggerState: (state) => this.debug?.onState(state),
      onInitError: (body, errorType) => this.initErrorSeen?.resolve({ body, errorType }),
      onOutcome: (_id, outcome, logSync) => this.waiter?.resolve({ kind: 'outcome', outcome, logSync }),
    });
  }

  get id(): string {
    return this.o.id;
  }
  get isIdle(): boolean {
    return this.phase === 'idle' || this.phase === 'cold';
  }
  get isDisposed(): boolean {
    return this.phase === 'disposed';
  }
  get isWarm(): boolean {
    return this.phase === 'idle' && this.process?.isAlive === true;
  }
  get taskRoot(): string {
    return this.o.taskRoot;
  }
  get host(): RuntimeHost {
    return this.o.host;
  }
  get pid(): number | undefined {
    return this.process?.pid;
  }
  /** What the environment does now, for listings (scheduler/environmentSnapshot.ts). */
  get state(): 'initializing' | 'busy' | 'idle' | 'cold' | 'frozen' | 'disposed' {
    if (this.phase === 'busy') return this.initializing ? 'initializing' : 'busy';
    if (this.phase === 'idle' && this.freeze.isFrozen) return 'frozen';
    return this.phase;
  }
  /** The environment's peak memory so far (REPORT's Max Memory Used), in MB. */
  get peakMemoryMB(): number {
    return Math.ceil(this.peakKb / 1024);
  }

  /** Where the environment's /tmp can be read from the host (inside namespaces: through /proc). */
  get tmpDir(): string {
    const pid = this.isolation === 'namespaces' ? this.process?.innerPid : undefined;
    return pid !== undefined ? `/proc/${pid}/root/tmp` : this.hostTmpDir;
  }

  /** How this environment's processes are contained (namespaces, or the process-tree fallback). */
  get isolationMode(): IsolationMode {
    return this.isolation;
  }

  async start(): Promise<void> {
    const [, isolation] = await Promise.all([this.server.listen(this.prelaunch?.takeRuntimeApi()), isolationFor(this.o)]);
    this.isolation = isolation;
  }

  /**
   * Provisioned concurrency (§8): run Init ahead of any request, with up to `limitMs` (§2.1: max(130 s,
   * timeout), capped at 900 s); the first invocation is then warm (no Init Duration). A failure is not retried.
   */
  async initializeAhead(limitMs: number): Promise<{ ok: true } | { ok: false; errorType: string; message: string }> {
    if (this.phase !== 'cold') throw new WorkbenchError('INTERNAL', `Execution environment ${this.o.id} is already initialised.`);
    this.phase = 'busy';
    try {
      const r = await this.init('init', limitMs);
      if (r.ok) return r;
      this.log.initReport(r.durationMs, 'init', r.status, r.status === 'error' ? r.errorType : undefined);
      this.resetProcess();
      return { ok: false, errorType: r.errorType, message: initErrorMessage(r.payload) };
    } finally {
      this.lastUsed = this.o.clock.monotonic();
      if (this.phase === 'busy') this.phase = this.process?.isAlive ? 'idle' : 'cold';
    }
  }

  /** Run one invocation, initialising first when the environment is cold. Never throws for function failures. */
  async invoke(input: InvokeInput): Promise<InvokeOutput> {
    if (this.phase === 'disposed') throw new WorkbenchError('SERVICE_DISPOSED', `Execution environment ${this.o.id} is shut down.`);
    if (this.phase === 'busy') throw new WorkbenchError('INTERNAL', `Execution environment ${this.o.id} is busy.`);
    const coldStart = this.phase === 'cold' || !this.process?.isAlive;
    this.phase = 'busy';
    this.invocations++;
    try {
      return await this.run(input, coldStart);
    } finally {
      this.lastUsed = this.o.clock.monotonic();
      if (this.phase === 'busy') this.phase = this.process?.isAlive ? 'idle' : 'cold';
    }
  }

  private async run(input: InvokeInput, coldStart: boolean): Promise<InvokeOutput> {
    let initDurationMs: number | undefined;
    const invokeStart = this.o.clock.monotonic();
    if (coldStart) {
      const init = await this.init('init', this.o.initTimeoutMs ?? 10_000);
      if (!init.ok) {
        // §2.1: an on-demand init failure is retried once inside the invocation ("suppressed init").
        this.log.initReport(init.durationMs, 'init', init.status, init.status === 'error' ? init.errorType : undefined);
        this.resetProcess();
        this.assertNotCancelled();
        const retry = await this.init('invoke', this.o.fn.timeout * 1000);
        if (!retry.ok) {
          this.log.initReport(retry.durationMs, 'invoke', retry.status, retry.status === 'error' ? retry.errorType : undefined);
          this.resetProcess();
          this.assertNotCancelled();
          return this.initFailure(input, retry, invokeStart);
        }
      } else {
        initDurationMs = init.durationMs;
      }
    }
    return this.invokeWarm(input, coldStart, initDurationMs);
  }

  private async init(phase: 'init' | 'invoke', limitMs: number): Promise<InitResult> {
    this.initializing = true;
    try {
      return await this.initOnce(phase, limitMs);
    } finally {
      this.initializing = false;
    }
  }

  private async initOnce(phase: 'init' | 'invoke', limitMs: number): Promise<InitResult> {
    const clock = this.o.clock;
    if (phase === 'init') this.log.initStart();
    this.server.reset();
    this.nextSeen = new Deferred();
    this.initErrorSeen = new Deferred();
    // Init Duration measures the runtime's own init, not our preparation (interpreter probing etc.).
    let start = clock.monotonic();
    await this.debug?.beforeStart();
    let spec: LaunchSpec;
    try {
      spec = await prepareRuntimeLaunch(this.o, {
        runtimeApi: this.server.address,
        localSocket: this.server.localSocket,
        tmpDir: this.isolation === 'namespaces' ? '/tmp' : this.hostTmpDir,
        logStreamName: this.logStreamName,
      });
    } catch (e) {
      if (!(e instanceof RuntimeLaunchError)) throw e;
      // e.g. a missing bootstrap: Lambda fails the invocation with Runtime.InvalidEntrypoint (§1.7).
      this.log.platformLine(`Error: ${e.reason}`, '');
      return initError(clock.monotonic() - start, e.errorType, e.reason);
    }
    // Shut down while we prepared (e.g. a debug session ended): start nothing.
    this.assertNotCancelled();
    start = clock.monotonic();
    const launch = processLaunchOf(this.o, this.isolation, spec);
    // A head start is this environment's first process only if its launch is exactly this one (prelaunch.ts).
    const offer = this.prelaunch;
    this.prelaunch = undefined;
    const started = offer?.claim(launch, reportsStatus(launch));
    const proc = new RuntimeProcess(launch, (line) => this.log.appLine(line), started);
    if (started) offer!.open();
    this.process = proc;
    this.server.runtimeStarted(proc.pid);
    // One exit reaction per process (not per invocation: a never-settling promise would collect them).
    void proc.exited.then((exit) => {
      this.lastExit = { proc, exit };
      if (this.process === proc) this.waiter?.resolve({ kind: 'exit', exit });
    });
    const oom = new Promise<void>((res) => this.memory.start(proc, () => res()));
    this.debug?.processStarted();
    let timer: SuspendableTimer | undefined;
    // In debug mode the runtime may wait for a debugger to attach: no init limit then.
    const timedOut = new Promise<'timeout'>((res) => {
      if (!this.o.debug) timer = this.deadline = new SuspendableTimer(clock, limitMs, () => res('timeout'));
    });
    const cancelled = (this.initCancelled = new Deferred<'cancelled'>());
    const r = await Promise.race([
      cancelled.promise,
      this.nextSeen.promise.then((logSync) => ({ next: logSync }) as const),
      this.initErrorSeen.promise,
      proc.exited,
      timedOut,
      oom.then(() => 'oom' as const),
    ]);
    timer?.cancel();
    this.memory.stop();
    this.initCancelled = undefined;
    // A head start's runtime started before this engine was ready for it: its own start counts, its wait not.
    const durationMs = started ? offer!.initDurationMs() : clock.monotonic() - start;
    // Keep the init peak even if the process dies before the next sample.
    this.peakKb = Math.max(this.peakKb, proc.peakMemoryKb());
    if (r === 'cancelled') throw this.cancellation();
    if (typeof r === 'object' && 'next' in r) {
      // Init's own output is read (and logged) before the first START.
      const synced = spec.logSync ? proc.whenSynced('init', r.next) : undefined;
      if (synced) await synced;
      this.launched(launch);
      return { ok: true, durationMs };
    }
    return initFailureOf(r, durationMs, limitMs, spec.command);
  }

  /** The first launch, for the next run's head start (not a debug session's). */
  private launched(launch: ProcessLaunch): void {
    // Only our Node.js bootstrap waits at the gate (bootstrap/gate.ts): no other runtime may be started ahead.
    if (!this.o.onLaunched || this.o.debug || this.recorded || runtimeFamily(this.o.fn.runtime) !== 'nodejs') return;
    this.recorded = true;
    this.o.onLaunched(launchRecordOf(this.o, launch, this.server, this.logStreamName));
  }

  private initFailure(input: InvokeInput, init: Extract<InitResult, { ok: false }>, invokeStart: number): InvokeOutput {
    const id = input.requestId;
    const payload = withRequestId(init.payload, id);
    this.log.start(id);
    if (this.o.fn.logging.logFormat !== 'JSON') {
      this.log.platformLine('Unknown application error occurred', id);
      this.log.platformLine(init.errorType, id);
    }
    const durationMs = this.o.clock.monotonic() - invokeStart;
    return this.finish(input, {
      status: init.status === 'timeout' ? 'timeout' : 'error',
      payload,
      functionError: 'Unhandled',
      errorType: init.errorType,
      payloadErrorType: parseErrorType(payload) ?? init.errorType,
      contentType: 'application/json',
      streamed: false,
      durationMs,
      coldStart: true,
      initFailed: true,
    });
  }

  private async invokeWarm(input: InvokeInput, coldStart: boolean, initDurationMs: number | undefined): Promise<InvokeOutput> {
    const clock = this.o.clock;
    const fn = this.o.fn;
    const id = input.requestId;
    const timeoutMs = fn.timeout * 1000;
    // START is written when the runtime takes the event (RuntimeApiServer onDelivered).
    const proc = this.process!;
    const waiter = (this.waiter = new Deferred<Waiter>());
    if (this.lastExit?.proc === proc) waiter.resolve({ kind: 'exit', exit: this.lastExit.exit });
    const start = clock.monotonic();
    this.freeze.thaw(proc);
    this.server.deliver(
      {
        requestId: id,
        payload: input.payload,
        deadlineMs: clock.now() + timeoutMs,
        invokedFunctionArn: input.invokedFunctionArn,
        clientContext: input.clientContext,
        cognitoIdentity: input.cognitoIdentity,
        traceId: input.traceId,
        tenantId: input.tenantId,
      },
      input.stream,
    );
    this.memory.start(proc, () => waiter.resolve({ kind: 'oom' }));
    const onTimeout = (): void => waiter.resolve({ kind: 'timeout' });
    // A debugger may hold the deadline while paused: its own timer then; otherwise the environment's one.
    let timer: SuspendableTimer | InvocationDeadline;
    if (this.o.debug) timer = this.deadline = new SuspendableTimer(clock, timeoutMs, onTimeout);
    else (timer = this.invocationDeadline).arm(timeoutMs, onTimeout);
    // Under a debugger whose pauses go unseen, no timeout at all rather than a kill while paused.
    if (this.debug?.pausesUnseen) this.deadline?.suspend();
    let w = await waiter.promise;
    if (w.kind === 'outcome' && proc.peakMemoryKb(hwmMaxAge(clock.monotonic() - start)) > this.memory.limitKb) {
      // A peak between two samples: the kernel's high-water mark saw it, Lambda's sandbox would have killed it.
      w = { kind: 'oom' };
    }
    this.waiter = undefined;
    timer.cancel();
    this.memory.stop();
    let durationMs = clock.monotonic() - start;
    const base = { coldStart, initDurationMs, durationMs, streamed: false, contentType: 'application/json' };
    switch (w.kind) {
      case 'cancelled':
        throw this.cancellation();
      case 'outcome': {
        // Output the runtime wrote before answering must reach the log ahead of END: our runtimes mark the
        // point on both streams (logSync.ts); for others, give the pipes one turn of the loop.
        const synced = proc.logSync ? proc.whenSynced(id, w.logSync) : new Promise((r) => setImmediate(r));
        if (synced) await synced;
        const o = w.outcome;
        // The common answer is built directly, without the spreads the rarer outcomes go through.
        const answered =
          o.kind === 'response'
            ? { coldStart, initDurationMs, durationMs, streamed: false, contentType: o.contentType, status: 'success' as const, payload: o.body }
            : { ...base, ...answeredResult(o) };
        const result = this.finish(input, answered);
        this.watchIdle(proc);
        return result;
      }
      case 'timeout': {
        this.resetProcess();
        durationMs = timeoutMs; // §2.2: clamped to the timeout exactly.
        const err = timeoutError(id, fn.timeout);
        this.log.platformLine(`${new Date(clock.now()).toISOString()} ${id} Task timed out after ${fn.timeout.toFixed(2)} seconds`, id);
        return this.finish(input, { ...base, durationMs, status: 'timeout', payload: toJsonBuffer(err), functionError: 'Unhandled', payloadErrorType: err.errorType });
      }
      case 'oom':
      case 'exit': {
        if (w.kind === 'exit' && this.server.hasUndelivered) {
          // The runtime died between its last answer and taking this event (e.g. exit after an uncaught
          // exception): nothing of this invocation ran yet, so start the environment afresh for it.
          this.resetProcess();
          return this.run(input, true);
        }
        const exit = w.kind === 'exit' ? w.exit : undefined;
        const oom = w.kind === 'oom' || (exit !== undefined && this.o.host.isOutOfMemoryExit?.(proc.recentStderr) === true);
        this.resetProcess();
        await proc.exited;
        this.assertNotCancelled();
        const reason = w.kind === 'oom' ? exitReason(null, 'SIGKILL') : exitReason(exit!.code, exit!.signal);
        const err = exitError(id, reason);
        this.log.platformLine(`RequestId: ${id} Error: ${reason}`, id);
        this.log.platformLine(err.errorType, id);
        return this.finish(input, {
          ...base,
          status: 'error',
          payload: toJsonBuffer(err),
          functionError: 'Unhandled',
          errorType: oom ? 'Runtime.OutOfMemory' : err.errorType,
          payloadErrorType: err.errorType,
          oom,
        });
      }
    }
  }

  private finish(
    input: InvokeInput,
    r: Omit<InvokeOutput, 'requestId' | 'billedDurationMs' | 'memorySizeMB' | 'maxMemoryUsedMB' | 'logTail' | 'logStreamName'> & { oom?: boolean },
  ): InvokeOutput {
    const memorySizeMB = this.o.fn.memorySize;
    // §4.2: Max Memory Used is the environment's peak so far, across its runtime processes; §2.4: an
    // out-of-memory kill reports Memory Size. Otherwise the real peak, never capped to hide an overrun.
    this.peakKb = Math.max(this.peakKb, this.process?.peakMemoryKb(hwmMaxAge(r.durationMs)) ?? 0);
    const peakMb = Math.ceil(this.peakKb / 1024);
    const maxMemoryUsedMB = r.oom ? memorySizeMB : Math.max(1, peakMb);
    const report = this.log.endAndReport({
      requestId: input.requestId,
      durationMs: r.durationMs,
      initDurationMs: r.initDurationMs,
      memorySizeMB,
      maxMemoryUsedMB,
      status: r.status,
      errorType: r.errorType,
      producedBytes: r.payload.length,
    });
    // Inside namespaces /tmp is a tmpfs of EphemeralStorage MB: the kernel enforces it (ENOSPC).
    if (this.isolation !== 'namespaces') this.tmp.check();
    // Built field by field: this runs once per invocation and copies nothing it does not need.
    return {
      requestId: input.requestId,
      status: r.status,
      payload: r.payload,
      functionError: r.functionError,
      errorType: r.errorType,
      payloadErrorType: r.payloadErrorType,
      contentType: r.contentType,
      streamed: r.streamed,
      durationMs: r.durationMs,
      billedDurationMs: report.billedDurationMs,
      initDurationMs: r.initDurationMs,
      memorySizeMB,
      maxMemoryUsedMB,
      coldStart: r.coldStart,
      initFailed: r.initFailed,
      logTail: report.tail,
      logStreamName: this.logStreamName,
    };
  }

  /** True while the environment's processes are stopped between invocations. */
  get isFrozen(): boolean {
    return this.freeze.isFrozen;
  }

  private resetProcess(): void {
    this.memory.stop();
    this.freeze.forget();
    this.process?.kill();
    this.server.reset();
  }

  /**
   * Between invocations, with freeze off (or a process that left the frozen group), the process keeps running:
   * watch its memory at a slower pace and stop it past MemorySize, so the next invocation starts cold instead
   * of on an overgrown process.
   */
  private watchIdle(proc: RuntimeProcess): void {
    if (this.o.debug) return;
    this.memory.start(
      proc,
      (kb) => {
        if (this.process !== proc || this.phase !== 'idle') return;
        this.resetProcess();
        this.phase = 'cold';
        const msg = `Function "${this.o.fn.logicalId}" grew to ${Math.ceil(kb / 1024)} MB between invocations, over its MemorySize of ${this.o.fn.memorySize} MB; its environment was stopped (Lambda would have killed it). The next invocation starts cold.`;
        this.log.platformLine(`WARNING ${msg}`, '');
        this.o.warn(msg);
      },
      true,
    );
    proc.noteDescendants(false);
  }

  /** After dispose, an invocation in flight ends with a coded cancellation, never a fake crash. */
  private assertNotCancelled(): void {
    if (this.phase === 'disposed') throw this.cancellation();
  }

  private cancellation(): WorkbenchError {
    return new WorkbenchError('INVOKE_CANCELLED', `The invocation of "${this.o.fn.logicalId}" was cancelled: its execution environment was shut down.`);
  }
  private initCancelled: Deferred<'cancelled'> | undefined;

  /** Shut the environment down: kill its process tree, close its server, remove its /tmp. */
  async dispose(): Promise<void> {
    if (this.phase === 'disposed') return;
    this.phase = 'disposed';
    this.memory.dispose();
    this.invocationDeadline.dispose();
    this.waiter?.resolve({ kind: 'cancelled' });
    this.initCancelled?.resolve('cancelled');
    this.debug?.dispose();
    this.freeze.dispose();
    const proc = this.process;
    proc?.kill();
    await this.tmp.pending;
    // The folder goes while the killed tree is torn down (a process SIGKILLed writes nothing more): a one-shot
    // CLI's exit waits for the longer of the two, not their sum (issue 10). Anything left is removed after.
    const removing = rm(this.o.envDir, { recursive: true, force: true }).catch(() => undefined);
    if (proc) await proc.exited;
    await this.server.close();
    this.o.logs.closeStream(this.o.fn.logging.logGroup, this.logStreamName);
    await removing;
    rmSync(this.o.envDir, { recursive: true, force: true });
  }
}

/**
 * How old a reading of the kernel's memory high-water mark may be at the end of an invocation of `durationMs`
 * (a /proc read costs tens of µs): back-to-back short invocations share one reading per 25 ms; a longer one
 * gets a reading taken after it started, once (the END and the OOM check share it).
 */
function hwmMaxAge(durationMs: number): number {
  return durationMs < 5 ? 25 : Math.min(25, durationMs);
}
