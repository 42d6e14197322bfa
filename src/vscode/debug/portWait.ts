// vscode layer, vscode-free: waiting for a debug environment to be ready for a debugger: the inspector's
// HTTP endpoint (Node.js; a bare TCP probe would accept any listener), or a log line (Python: a stray TCP connection would be taken as debugpy's
// client). Both give up after a timeout, or as soon as the invocation ends first.
import { get } from 'node:http';

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

/** Polls the inspector's /json/version on 127.0.0.1:port until it answers as an inspector (or `stop()`). */
export function inspectorListening(port: number, intervalMs = 25): { ready: Promise<void>; stop(): void } {
  let stopped = false;
  const ready = new Promise<void>((resolve) => {
    const attempt = (): void => {
      if (stopped) return;
      const retry = (): void => void setTimeout(attempt, intervalMs);
      const req = get({ host: '127.0.0.1', port, path: '/json/version', timeout: 1000 }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => (body.includes('"Protocol-Version"') ? resolve() : retry()));
      });
      req.on('timeout', () => req.destroy());
      req.on('error', retry);
    };
    attempt();
  });
  return { ready, stop: () => (stopped = true) };
}
