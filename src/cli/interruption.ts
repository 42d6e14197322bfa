// cli: stopping a command early. The first Ctrl-C (or SIGTERM, SIGHUP, or a reader that closed stdout)
// asks the command to stop and clean up; a second signal, or any signal once the command is only
// writing out what is left, exits at once. Exit codes are the shell's 128 + signal number.
import type { Disposable } from '../core/common/disposable';
import { Deferred } from '../core/common/deferred';
import { Emitter, type Event } from '../core/common/events';
import type { CliOutput } from './cliOutput';

const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
type HandledSignal = keyof typeof SIGNAL_EXIT_CODES;

/** 128 + SIGPIPE: what a shell reports for a producer whose reader went away (`yes | head -1`). */
export const CLOSED_STDOUT_EXIT_CODE = 141;

export class Interruption {
  private readonly stopped = new Deferred<void>();
  private readonly forceEmitter = new Emitter<void>();
  private finishing = false;
  private code: number | undefined;
  /**
   * Fires just before a forced exit, synchronously: the last chance to kill what would be left behind
   * (there is no time to wait for anything).
   */
  readonly onForce: Event<void> = this.forceEmitter.event;

  constructor(
    private readonly io: CliOutput,
    private readonly exit: (code: number) => never = (code) => process.exit(code),
  ) {}

  get isStopped(): boolean {
    return this.code !== undefined;
  }

  /** The exit code the stop asks for, once stopped. */
  get exitCode(): number | undefined {
    return this.code;
  }

  /** Handles SIGINT, SIGTERM and SIGHUP until disposed (instead of Node's default: die on the spot). */
  listen(): Disposable {
    const handlers = Object.keys(SIGNAL_EXIT_CODES).map((name) => {
      const signal = name as HandledSignal;
      const handler = () => this.onSignal(signal);
      process.on(signal, handler);
      return () => process.removeListener(signal, handler);
    });
    return { dispose: () => handlers.forEach((remove) => remove()) };
  }

  /**
   * `work`'s result, or undefined when the command is stopped first. Nobody waits for `work` after a
   * stop, so its later failure is the cancellation, not an error.
   */
  unlessStopped<T>(work: Promise<T>): Promise<T | undefined> {
    work.catch(() => undefined);
    return Promise.race([work, this.stopped.promise.then(() => undefined)]);
  }

  /** Asks the command to stop; the first reason wins. */
  stop(exitCode: number): void {
    if (this.code !== undefined) return;
    this.code = exitCode;
    this.stopped.resolve();
  }

  /** The command is done and only its output is being written: a signal now needs no cleanup. */
  finish(): void {
    this.finishing = true;
  }

  private onSignal(signal: HandledSignal): void {
    const code = SIGNAL_EXIT_CODES[signal];
    if (this.isStopped || this.finishing) {
      this.io.err(`Interrupted (${signal}): exiting now.\n`);
      this.forceEmitter.fire();
      return this.exit(code);
    }
    const again = signal === 'SIGINT' ? 'press Ctrl-C again' : `send ${signal} again`;
    this.io.err(`Interrupted (${signal}): stopping and cleaning up; ${again} to exit at once.\n`);
    this.stop(code);
  }
}
