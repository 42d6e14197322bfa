// Test helper: a real `lambda-workbench start` process (the crash tests kill it with SIGKILL), its URL once it
// listens, its stderr so far, and its exit.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './engine';

const bin = join(repoRoot, 'bin', 'lambda-workbench.js');

export interface StartedEngine {
  child: ChildProcessWithoutNullStreams;
  url: Promise<string>;
  stderr: () => string;
  stdout: () => string;
  exited: Promise<unknown>;
}

/** Spawns `start --port 0 --quiet` in `cwd` with the extra arguments (e.g. --state-dir). */
export function startProcess(cwd: string, args: readonly string[]): StartedEngine {
  const child = spawn(process.execPath, [bin, 'start', '--port', '0', '--quiet', ...args], { cwd });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', () => reject(new Error(`engine exited before listening: ${err}`)));
  });
  url.catch(() => undefined);
  return { child, url, stderr: () => err, stdout: () => out, exited: new Promise((r) => child.on('exit', r)) };
}
