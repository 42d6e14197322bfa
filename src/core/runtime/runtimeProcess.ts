// core/runtime: one runtime process of an execution environment: spawned in its own process group (and, on
// Linux, its own namespaces: isolation.ts), stdout/stderr split into log lines with the runtime's log-sync
// marks taken out, resident memory sampled, killed as a whole tree.
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import type { Readable } from 'node:stream';
import { Deferred } from '../common/deferred';
import { REPORTS_STATUS } from './isolation';
import { LOG_SYNC_END, LOG_SYNC_PREFIX } from '../runtimes/nodejs/bootstrap/logSync';
import { descendantsOf, killGroup, killPids, peakRssKb, processName, trackProcessGroup, treeRssKb, untrackProcessGroup } from './processTree';

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all (e.g. ENOENT, EACCES). */
  spawnError?: NodeJS.ErrnoException;
}

/** What to start: the command line (plain or wrapped in namespaces), environment and working directory. */
export interface ProcessLaunch {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  /** Inside its own PID namespace the kernel ends the whole tree; otherwise descendants are tracked by hand. */
  isolated: boolean;
  /** The runtime writes log-sync marks (our own bootstraps): see whenSynced. */
  logSync: boolean;
}

/** Whether the launch's stdio has fd 3 for the namespace init's status report (isolation.ts). */
export function reportsStatus(spec: ProcessLaunch): boolean {
  return spec.isolated && REPORTS_STATUS;
}

export class RuntimeProcess {
  private readonly child: ChildProcess;
  private readonly exitDeferred = new Deferred<ProcessExit>();
  private stderrTail = '';
  private partial = { stdout: '', stderr: '' };
  /** Peak resident memory of the process tree seen by sample(), in KiB. */
  peakKb = 0;

  /** Resolves once the process has exited and its output has been read. */
  readonly exited: Promise<ProcessExit> = this.exitDeferred.promise;

  /** The last log-sync mark each stream delivered (see logSync.ts), and who waits for one. */
  private readonly synced = { stdout: '', stderr: '' };
  private syncWaiter: { id: string; want: { stdout: boolean; stderr: boolean }; done: () => void } | undefined;
  /** Process-tree fallback: every descendant seen, so detached ones (new sessions) die with the environment. */
  private readonly seen = new Set<number>();
  private readonly isolated: boolean;
  private notedAt = -Infinity;
  private initReport = '';
  readonly logSync: boolean;

  /** @param started the same launch already spawned (a CLI's head start, prelaunch.ts), still running. */
  constructor(spec: ProcessLaunch, private readonly onLine: (line: string, stream: 'stdout' | 'stderr') => void, started?: ChildProcess) {
    this.isolated = spec.isolated;
    this.logSync = spec.logSync;
    this.child =
      started ??
      spawn(spec.command, spec.args, {
        cwd: spec.cwd,
        env: spec.env,
        // Inside namespaces fd 3 carries the namespace init's report of how the runtime ended (isolation.ts).
        stdio: reportsStatus(spec) ? ['ignore', 'pipe', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe'],
        // Own process group, so the whole tree (including what the handler spawns) can be killed at once.
        detached: true,
      });
    const pid = this.child.pid;
    if (pid !== undefined) trackProcessGroup(pid);
    this.child.stdout!.on('data', (b: Buffer) => this.data(b, 'stdout'));
    this.child.stderr!.on('data', (b: Buffer) => this.data(b, 'stderr'));
    const status = reportsStatus(spec) ? (this.child.stdio[3] as Readable | undefined) : undefined;
    status?.on('data', (b: Buffer) => (this.initReport += b.toString('latin1')));
    this.child.on('error', (err: NodeJS.ErrnoException) => {
      this.exitDeferred.resolve({ code: null, signal: null, spawnError: err });
    });
    this.child.on('exit', (code, signal) => {
      if (pid !== undefined) {
        // The leader is gone; anything it left behind in its group goes too.
        killGroup(pid);
        if (!this.isolated) killPids(this.seen);
        untrackProcessGroup(pid);
      }
      // Give the pipes a moment to deliver the last output before reporting the exit.
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        this.flushPartial();
        this.exitDeferred.resolve(this.isolated ? runtimeExit(this.initReport, code, signal) : { code, signal });
        this.syncWaiter?.done();
        this.syncWaiter = undefined;
      };
      this.child.once('close', finish);
      setTimeout(finish, 100).unref();
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get isAlive(): boolean {
    return !this.exitDeferred.settled && this.child.exitCode === null && this.child.signalCode === null;
  }

  get recentStderr(): string {
    return this.stderrTail;
  }

  /**
   * The runtime's own pid: the leader, or inside namespaces the first child of the namespace's init (or the
   * init itself where there is none: isolation.ts), once the wrapper has got that far.
   */
  private runtimePid(): number | undefined {
    if (!this.isolated || this.innerPidCache !== undefined) return this.innerPidCache ?? this.child.pid;
    const pid = this.child.pid;
    if (pid === undefined) return undefined;
    const init = descendantsOf(pid, 1)[0];
    if (init === undefined) return undefined;
    if (!REPORTS_STATUS) return (this.innerPidCache = init);
    if (processName(init) !== 'perl') return undefined;
    const runtime = descendantsOf(init, 1)[0];
    if (runtime !== undefined) this.innerPidCache = runtime;
    return runtime;
  }
  private innerPidCache: number | undefined;

  /** The runtime's pid as the host sees it (inside namespaces: the namespace's first process). */
  get innerPid(): number | undefined {
    return this.runtimePid();
  }

  /** Sample the tree's resident memory now; returns it in KiB and keeps the peak. */
  sample(): number {
    const pid = this.runtimePid();
    if (pid === undefined || !this.isAlive) return 0;
    const kb = treeRssKb(pid);
    if (kb > this.peakKb) this.peakKb = kb;
    return kb;
  }

  /**
   * Peak resident memory in KiB: the sampled tree peak or the leader's own high-water mark. Reading
   * /proc costs ~20 µs, so back-to-back warm invokes reuse a reading younger than `maxAgeMs`.
   */
  peakMemoryKb(maxAgeMs = 0): number {
    const pid = this.runtimePid();
    const now = performance.now();
    if (pid !== undefined && this.isAlive && now - this.hwmReadAt >= maxAgeMs) {
      this.hwmReadAt = now;
      const hwm = peakRssKb(pid);
      if (hwm > this.peakKb) this.peakKb = hwm;
    }
    return this.peakKb;
  }
  private hwmReadAt = -Infinity;

  /**
   * SIGSTOP / SIGCONT to the process group (the freeze between invocations, §2.1). Processes that left the group
   * (a new session) are not reached: only a cgroup freezer could stop those.
   */
  signalGroup(signal: 'SIGSTOP' | 'SIGCONT'): void {
    const pid = this.child.pid;
    if (pid !== undefined && this.isAlive) killGroup(pid, signal);
  }

  kill(): void {
    const pid = this.child.pid;
    if (pid === undefined) return;
    if (!this.isolated) this.noteDescendants();
    killGroup(pid);
    if (!this.isolated) killPids(this.seen);
  }

  /** Process-tree fallback: remember the tree now (cheap /proc walk), so a later kill reaches detached children. */
  noteDescendants(force = true): void {
    const pid = this.child.pid;
    if (this.isolated || pid === undefined || !this.isAlive) return;
    // Between invocations twice a second is enough (a /proc walk costs tens of µs); kill() always walks.
    const now = performance.now();
    if (!force && now - this.notedAt < 500) return;
    this.notedAt = now;
    for (const p of descendantsOf(pid)) this.seen.add(p);
  }

  /**
   * Resolves once stdout and stderr have both delivered the runtime's log-sync mark `id` — everything the
   * runtime wrote before it has been read and emitted — or the process has exited. Undefined when already so.
   */
  whenSynced(id: string, streams: number | undefined = 3): Promise<void> | undefined {
    const want = { stdout: (streams & 1) !== 0, stderr: (streams & 2) !== 0 };
    if (this.isSynced(id, want) || !this.isAlive) return undefined;
    return new Promise<void>((resolve) => {
      // A mark that never comes (user code closed or replaced a stream's descriptor) must not hold the
      // invocation forever: after a second the lines are taken as they are.
      const timer = setTimeout(done, 1000);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.syncWaiter = { id, want, done };
    });
  }

  private isSynced(id: string, want: { stdout: boolean; stderr: boolean }): boolean {
    return (!want.stdout || this.synced.stdout === id) && (!want.stderr || this.synced.stderr === id);
  }

  private line(text: string, stream: 'stdout' | 'stderr'): void {
    // Marks end with LOG_SYNC_END (a NUL): one char check per line keeps this off the hot path.
    if (text.charCodeAt(text.length - 1) === 0) {
      const at = text.lastIndexOf(LOG_SYNC_PREFIX);
      if (at >= 0) {
        if (at > 0) this.onLine(text.slice(0, at), stream);
        const id = text.slice(at + LOG_SYNC_PREFIX.length, text.length - LOG_SYNC_END.length);
        this.synced[stream] = id;
        const w = this.syncWaiter;
        if (w && w.id === id && this.isSynced(id, w.want)) {
          this.syncWaiter = undefined;
          w.done();
        }
        return;
      }
    }
    this.onLine(text, stream);
  }

  private data(buf: Buffer, stream: 'stdout' | 'stderr'): void {
    const text = this.partial[stream] + buf.toString('utf8');
    if (stream === 'stderr') this.stderrTail = (this.stderrTail + buf.toString('utf8')).slice(-4096);
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      this.line(text.slice(start, nl), stream);
      start = nl + 1;
    }
    this.partial[stream] = text.slice(start);
    // A runaway line without newline: emit in 256 KB pieces (CloudWatch caps events at 256 KB).
    if (this.partial[stream].length > 256 * 1024) {
      this.onLine(this.partial[stream], stream);
      this.partial[stream] = '';
    }
  }

  private flushPartial(): void {
    for (const s of ['stdout', 'stderr'] as const) {
      if (this.partial[s]) this.line(this.partial[s], s);
      this.partial[s] = '';
    }
  }
}

/** How the runtime inside namespaces ended, from its init's report (isolation.ts) or else the wrapper's own exit. */
function runtimeExit(report: string, code: number | null, signal: NodeJS.Signals | null): ProcessExit {
  const m = /(exit|signal|exec-error) (\d+)\n/.exec(report);
  if (!m) return { code, signal };
  const n = Number(m[2]);
  if (m[1] === 'exit') return { code: n, signal: null };
  if (m[1] === 'signal') {
    const name = Object.entries(constants.signals).find(([, v]) => v === n)?.[0] as NodeJS.Signals | undefined;
    return { code: null, signal: name ?? signal };
  }
  const errno = Object.entries(constants.errno).find(([, v]) => v === n)?.[0] ?? `errno ${n}`;
  return { code: null, signal: null, spawnError: Object.assign(new Error(`spawn ${errno}`), { code: errno, errno: -n }) };
}
