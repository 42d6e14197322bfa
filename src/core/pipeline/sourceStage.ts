// core/pipeline: the Source stage — the repository's HEAD commit written into a clean folder with
// `git archive HEAD | tar -x`, as CodePipeline's source action hands CodeBuild a commit: uncommitted and
// untracked files are not in it (they are counted, so the Source line can say so). Real git, real tar.
import { spawn } from 'node:child_process';
import { runGit } from '../common/gitCli';
import { WorkbenchError } from '../common/errors';

/** Variables git sets for hooks (post-commit): they would point the build's own git calls at the repository. */
const GIT_HOOK_VARIABLES = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_PREFIX', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_COMMON_DIR', 'GIT_NAMESPACE'];

/** `env` without git's hook variables. */
export function withoutGitHookVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  for (const k of GIT_HOOK_VARIABLES) delete out[k];
  return out;
}

/** Runs git in `cwd`; its trimmed stdout, or PIPELINE_SOURCE_FAILED with git's own message and `hint`. */
export async function git(cwd: string, args: string[], hint: string): Promise<string> {
  const out = await runGit(cwd, args, {
    env: withoutGitHookVariables(process.env),
    fail: ({ error, stderr }) =>
      new WorkbenchError('PIPELINE_SOURCE_FAILED', `git ${args[0]} failed in ${cwd}: ${stderr.trim().split('\n').pop() || error.message}. ${hint}`, { cause: error }),
  });
  return out.replace(/\n$/, '');
}

export interface SourceRevision {
  /** The work tree's top folder (real path). */
  repoRoot: string;
  commit: string;
  subject: string;
  /** Paths with uncommitted changes or untracked, which the checkout leaves out. */
  uncommitted: string[];
}

/** The repository `dir` belongs to and its HEAD commit. */
export async function headRevision(dir: string): Promise<SourceRevision> {
  const repoRoot = await git(dir, ['rev-parse', '--show-toplevel'], 'The pipeline builds a git repository: run "git init" and commit your project first');
  const commit = await git(repoRoot, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], '').catch((e: unknown) => {
    throw new WorkbenchError('PIPELINE_SOURCE_FAILED', `The repository ${repoRoot} has no commit yet; the pipeline builds HEAD. Commit your project first.`, { cause: e });
  });
  const subject = await git(repoRoot, ['log', '-1', '--format=%s', commit], 'Check the repository');
  const status = await git(repoRoot, ['status', '--porcelain', '--untracked-files=all'], 'Check the repository');
  const uncommitted = status.split('\n').filter(Boolean).map((l) => l.slice(3));
  return { repoRoot, commit, subject, uncommitted };
}

/** Writes the tree of `commit` into `dest` (an empty folder). */
export function checkoutCommit(repoRoot: string, commit: string, dest: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const env = withoutGitHookVariables(process.env);
    const archive = spawn('git', ['archive', '--format=tar', commit], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const tar = spawn('tar', ['-x', '-f', '-', '-C', dest], { env, stdio: ['pipe', 'ignore', 'pipe'] });
    archive.stdout.pipe(tar.stdin);
    const said: string[] = [];
    archive.stderr.on('data', (b: Buffer) => said.push(b.toString()));
    tar.stderr.on('data', (b: Buffer) => said.push(b.toString()));
    const done = (name: string, p: typeof archive | typeof tar) =>
      new Promise<void>((ok, bad) => {
        p.on('error', (e) => bad(new WorkbenchError('PIPELINE_SOURCE_FAILED', `Could not run ${name} to check out ${commit.slice(0, 7)}: ${e.message}. Install ${name} and put it on PATH.`, { cause: e })));
        p.on('close', (code) => (code === 0 ? ok() : bad(new WorkbenchError('PIPELINE_SOURCE_FAILED', `${name} failed (exit ${code}) checking out ${commit.slice(0, 7)} into ${dest}: ${said.join('').trim()}`))));
      });
    Promise.all([done('git archive', archive), done('tar', tar)]).then(() => resolve(), reject);
  });
}
