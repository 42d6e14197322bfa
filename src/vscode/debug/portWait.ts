// vscode layer, vscode-free: waiting for a debug environment to be ready for a debugger: a TCP probe of
// the inspector port (Node.js), or a log line (Python: a stray TCP connection would be taken as debugpy's
// client). Both give up after a timeout, or as soon as the invocation ends first.
import { connect } from 'node:net';

export class AttachTimeoutError extends Error {}

/** Resolves when `ready` does; rejects after `timeoutMs`, or with the invocation's error if it settles first. */
export function raceReady(ready: Promise<void>, invocation: Promise<unknown>, timeoutMs: number, what: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new AttachTimeoutError(what)), timeoutMs);
    const done = (f: () => void): void => {
      clearTimeout(timer);
      f();
    };
    ready.then(() => done(resolve), (e: unknown) => done(() => reject(e)));
    invocation.then(
      () => done(() => reject(new Error('The invocation ended before a debugger could attach (see its log above).'))),
      (e: unknown) => done(() => reject(e)),
    );
  });
}

/** Polls 127.0.0.1:port until a TCP connection succeeds (or `stop()` is called). */
export function tcpPortOpen(port: number, intervalMs = 25): { ready: Promise<void>; stop(): void } {
  let stopped = false;
  const ready = new Promise<void>((resolve) => {
    const attempt = (): void => {
      if (stopped) return;
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        setTimeout(attempt, intervalMs);
      });
    };
    attempt();
  });
  return { ready, stop: () => (stopped = true) };
}
