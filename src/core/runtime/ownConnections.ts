// core/runtime: which connections without the secret the Runtime API server accepts. Some clients keep only
// host:port of AWS_LAMBDA_RUNTIME_API (aws-lambda-ric 4.x rejects anything else), so a connection held by the
// current runtime's own process tree is accepted too (runtimePeer.ts), checked once per connection.
import type { Socket } from 'node:net';
import { connectionOwnerKnown, isConnectionOf } from './runtimePeer';
import { releaseSocketDiag, useSocketDiag } from './socketDiag';

export class OwnConnections {
  /** Connections found to be the runtime's own, with the generation (runtime process) they belong to. */
  private readonly own = new WeakMap<Socket, number>();
  /** The current generation's runtime process, once started. */
  private pid: number | undefined;

  /** The current runtime process (undefined after a reset, until the next one starts). */
  runtimeStarted(pid: number | undefined): void {
    this.pid = pid;
  }

  /** True when `socket` was found to be held by the runtime of `generation`. */
  isOwn(socket: Socket, generation: number): boolean {
    return this.own.get(socket) === generation;
  }

  /**
   * Whether `socket` is held by the current runtime's tree (recorded for `generation` when it is), or false
   * at once where that cannot be known: no runtime started yet, or no /proc to look in.
   */
  verify(socket: Socket, generation: number): Promise<boolean> | false {
    const pid = this.pid;
    if (pid === undefined || !connectionOwnerKnown) return false;
    useSocketDiag(this);
    return isConnectionOf(socket, pid).then((own) => {
      if (own) this.own.set(socket, generation);
      return own;
    });
  }

  close(): void {
    releaseSocketDiag(this);
  }
}
