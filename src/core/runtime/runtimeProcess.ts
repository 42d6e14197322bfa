// core/runtime: one runtime process of an execution environment: spawned in its own process group,
// stdout/stderr split into log lines, resident memory sampled, killed as a whole tree.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Deferred } from '../common/deferred';
import type { LaunchSpec } from '../runtimes/runtimeHost';
import { killGroup, peakRssKb, trackProcessGroup, treeRssKb, untrackProcessGroup } from './processTree';

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all (e.g. ENOENT, EACCES). */
  spawnError?: NodeJS.ErrnoException;
}

/**
 * On Linux, util-linux's setpriv asks the kernel to SIGKILL the runtime when the engine dies, even by
 * SIGKILL or a crash, where no exit hook can run: a handler stuck in a busy loop never outlives us.
 */
const SETPRIV = process.platform === 'linux' ? ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p)) : undefined;

export class RuntimeProcess {
  private readonly child: ChildProcess;
  private readonly exitDeferred = new Deferred<ProcessExit>();
  private stderrTail = '';
  private partial = { stdout: '', stderr: '' };
  /** Peak resident memory of the process tree seen by sample(), in KiB. */
  peakKb = 0;

  /** Resolves once the process has exited and its output has been read. */
  readonly exited: Promise<ProcessExit> = this.exitDeferred.promise;

  constructor(spec: LaunchSpec, private readonly onLine: (line: string, stream: 'stdout' | 'stderr') => void) {
    const [command, args] = SETPRIV ? [SETPRIV, ['--pdeathsig', 'SIGKILL', '--', spec.command, ...spec.args]] : [spec.command, spec.args];
    this.child = spawn(command, args, {
      cwd: spec.cwd,
      env: spec.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Own process group, so the whole tree (including what the handler spawns) can be killed at once.
      detached: true,
    });
    const pid = this.child.pid;
    if (pid !== undefined) trackProcessGroup(pid);
    this.child.stdout!.on('data', (b: Buffer) => this.data(b, 'stdout'));
    this.child.stderr!.on('data', (b: Buffer) => this.data(b, 'stderr'));
    this.child.on('error', (err: NodeJS.ErrnoException) => {
      this.exitDeferred.resolve({ code: null, signal: null, spawnError: err });
    });
    this.child.on('exit', (code, signal) => {
      if (pid !== undefined) {
        // The leader is gone; anything it left behind in its group goes too.
        killGroup(pid);
        untrackProcessGroup(pid);
      }
      // Give the pipes a moment to deliver the last output before reporting the exit.
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        this.flushPartial();
        this.exitDeferred.resolve({ code, signal });
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

  /** Sample the tree's resident memory now; returns it in KiB and keeps the peak. */
  sample(): number {
    const pid = this.child.pid;
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
    const pid = this.child.pid;
    const now = performance.now();
    if (pid !== undefined && this.isAlive && now - this.hwmReadAt >= maxAgeMs) {
      this.hwmReadAt = now;
      const hwm = peakRssKb(pid);
      if (hwm > this.peakKb) this.peakKb = hwm;
    }
    return this.peakKb;
  }
  private hwmReadAt = -Infinity;

  kill(): void {
    const pid = this.child.pid;
    if (pid !== undefined) killGroup(pid);
  }

  private data(buf: Buffer, stream: 'stdout' | 'stderr'): void {
    const text = this.partial[stream] + buf.toString('utf8');
    if (stream === 'stderr') this.stderrTail = (this.stderrTail + buf.toString('utf8')).slice(-4096);
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      this.onLine(text.slice(start, nl), stream);
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
      if (this.partial[s]) this.onLine(this.partial[s], s);
      this.partial[s] = '';
    }
  }
}
