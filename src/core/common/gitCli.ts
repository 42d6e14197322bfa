// core/common: the user's git CLI as a child process (the blueprints' first commit, the local pipeline's Source
// stage). Each caller turns a failure into its own coded error from git's own words.
import { execFile } from 'node:child_process';

export interface GitFailure {
  error: NodeJS.ErrnoException;
  stdout: string;
  stderr: string;
}

export interface GitRun {
  /** The git executable (default `git`, found on PATH). */
  git?: string;
  env?: NodeJS.ProcessEnv;
  /** The error a failed run rejects with. */
  fail: (f: GitFailure) => Error;
}

/** `git ARGS` in `cwd`: its stdout, or the caller's error for the failure. */
export function runGit(cwd: string, args: readonly string[], o: GitRun): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(o.git ?? 'git', args, { cwd, env: o.env ?? process.env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (!err) return resolve(stdout);
      reject(o.fail({ error: err as NodeJS.ErrnoException, stdout: String(stdout), stderr: String(stderr) }));
    });
  });
}
