// core/pipeline: the git post-commit hook that runs the local pipeline after every commit. It calls this very
// CLI by absolute path (node and bin/lambda-workbench.js), from the folder it was installed from. A hook
// that is not ours is never overwritten unless asked (--force); reinstalling ours is harmless.
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { WorkbenchError } from '../common/errors';
import { git } from './sourceStage';

/** The line that marks a hook as written by us. */
export const HOOK_MARKER = '# lambda-workbench pipeline hook';

export interface HookOptions {
  /** Where the pipeline runs from (the project folder, inside the repository). */
  cwd: string;
  /** Absolute paths of node and of bin/lambda-workbench.js. */
  node: string;
  cli: string;
  /** Arguments after `pipeline run` (e.g. -t template.yaml). */
  args: string[];
  /** Replace a hook that is not ours. */
  force?: boolean;
}

export interface HookResult {
  path: string;
  /** created: there was none; updated / unchanged: ours was there; replaced: a foreign one was (with force). */
  state: 'created' | 'updated' | 'unchanged' | 'replaced';
}

/** `s` as one single-quoted sh word. */
export const sh = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** The hook's text: a POSIX shell script (hooks run at the top of the work tree, git's variables unset). */
export function hookScript(prefix: string, o: Pick<HookOptions, 'node' | 'cli' | 'args'>): string {
  return [
    '#!/bin/sh',
    `${HOOK_MARKER}: runs Source → Build → Deploy (local) after each commit.`,
    '# Written by "lambda-workbench pipeline install-hook" (run it again to update it); delete this file to stop.',
    'unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_PREFIX',
    ...(prefix ? [`cd ${sh(prefix)} || exit 0`] : []),
    `exec ${[o.node, o.cli, 'pipeline', 'run', ...o.args].map(sh).join(' ')}`,
    '',
  ].join('\n');
}

/** Writes (or refreshes) .git/hooks/post-commit; PIPELINE_HOOK_EXISTS for someone else's hook without force. */
export async function installPostCommitHook(o: HookOptions): Promise<HookResult> {
  const hint = 'install-hook works in a git repository: run "git init" first';
  const hooks = resolve(o.cwd, await git(o.cwd, ['rev-parse', '--git-path', 'hooks'], hint));
  const prefix = (await git(o.cwd, ['rev-parse', '--show-prefix'], hint)).replace(/\/$/, '');
  const path = join(hooks, 'post-commit');
  const text = hookScript(prefix, o);
  const existing = await readFile(path, 'utf8').catch(() => undefined);
  let state: HookResult['state'] = 'created';
  if (existing !== undefined) {
    const ours = existing.includes(HOOK_MARKER);
    if (!ours && !o.force) {
      throw new WorkbenchError('PIPELINE_HOOK_EXISTS', `${path} already exists and was not written by lambda-workbench; it is left as it is. Add the pipeline to it by hand ("lambda-workbench pipeline run"), or replace it with --force.`, { file: path });
    }
    state = !ours ? 'replaced' : existing === text ? 'unchanged' : 'updated';
  }
  await mkdir(hooks, { recursive: true });
  if (state !== 'unchanged') await writeFile(path, text, { mode: 0o755 });
  await chmod(path, 0o755);
  return { path, state };
}
