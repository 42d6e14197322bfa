// core/blueprints: a new project becomes a git repository with one first commit, through the real git CLI
// (what the user's own git would do; the local pipeline then checks out HEAD). No git on PATH is not an error:
// the caller says so and carries on.
import { existsSync } from 'node:fs';
import { WorkbenchError } from '../common/errors';
import { runGit } from '../common/gitCli';

export type GitInitResult =
  /** `git init`, `git add -A` and the first commit ran; `commit` is its full hash. */
  | { status: 'committed'; commit: string }
  /** No git executable was found; nothing was done. */
  | { status: 'git-missing'; git: string };

export interface GitInitOptions {
  /** The first commit's message. */
  message: string;
  /** The git executable (default `git`, found on PATH). */
  git?: string;
  /** The environment git runs with (default this process's). */
  env?: NodeJS.ProcessEnv;
}

type Run = (args: string[]) => Promise<string>;

function runner(dir: string, git: string, env: NodeJS.ProcessEnv | undefined): Run {
  return (args) =>
    runGit(dir, args, {
      git,
      env,
      // ENOENT stays itself (no git: the caller carries on); otherwise git's own words say what to do
      // (e.g. "Please tell me who you are… git config --global user.email").
      fail: ({ error, stdout, stderr }) =>
        error.code === 'ENOENT' ? error : new WorkbenchError('GIT_FAILED', `git ${args.join(' ')} failed in ${dir}: ${(stderr || stdout || error.message).trim()}`, { cause: error }),
    });
}

/** `git init`, `git add -A` and a first commit in `dir` (an existing folder). GIT_FAILED with git's message when a step fails. */
export async function initGitRepository(dir: string, opts: GitInitOptions): Promise<GitInitResult> {
  const git = opts.git ?? 'git';
  // A missing cwd is ENOENT too: say which one is missing.
  if (!existsSync(dir)) throw new WorkbenchError('GIT_FAILED', `Cannot make ${dir} a git repository: the folder does not exist.`);
  const run = runner(dir, git, opts.env);
  try {
    await run(['init', '--quiet']);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'git-missing', git };
    throw e;
  }
  await run(['add', '-A']);
  await run(['commit', '--quiet', '-m', opts.message]);
  return { status: 'committed', commit: (await run(['rev-parse', 'HEAD'])).trim() };
}
