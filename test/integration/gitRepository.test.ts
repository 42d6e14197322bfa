// Integration: a new application becomes a git repository with one first commit, through the real git CLI; no
// git on PATH is reported (not thrown), and a failing step is GIT_FAILED with git's own message.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { initGitRepository } from '../../src/core/blueprints';
import { tempDir } from '../helpers/tempDirs';

/** Git with its own global config (no user settings leak in) and a known identity. */
function gitEnv(config: string): NodeJS.ProcessEnv {
  const home = tempDir('lwb-git-home-');
  const file = join(home, 'gitconfig');
  writeFileSync(file, config);
  return { ...process.env, HOME: home, GIT_CONFIG_GLOBAL: file, GIT_CONFIG_NOSYSTEM: '1' };
}

const git = (dir: string, env: NodeJS.ProcessEnv, ...args: string[]) => execFileSync('git', args, { cwd: dir, env, encoding: 'utf8' }).trim();

void describe('git repository of a new project', () => {
  void test('git init, every file added, one commit with the message; the work tree is clean', async () => {
    const dir = tempDir('lwb-git-');
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'template.yaml'), 'Resources: {}\n');
    writeFileSync(join(dir, 'src', 'app.py'), 'def handler(e, c):\n    return e\n');
    writeFileSync(join(dir, '.gitignore'), '.lambda-workbench/\n');
    const env = gitEnv('[user]\n\tname = Test User\n\temail = test@example.com\n');
    const r = await initGitRepository(dir, { message: 'New application from template "demo"', env });
    assert.equal(r.status, 'committed');
    assert.equal(r.status === 'committed' && r.commit, git(dir, env, 'rev-parse', 'HEAD'));
    assert.equal(git(dir, env, 'rev-list', '--count', 'HEAD'), '1');
    assert.equal(git(dir, env, 'log', '-1', '--format=%s|%an'), 'New application from template "demo"|Test User');
    assert.deepEqual(git(dir, env, 'ls-files').split('\n'), ['.gitignore', 'src/app.py', 'template.yaml']);
    assert.equal(git(dir, env, 'status', '--porcelain'), '');
  });

  void test('no git executable: git-missing, nothing written', async () => {
    const dir = tempDir('lwb-git-');
    const r = await initGitRepository(dir, { message: 'x', git: join(dir, 'no-such-git') });
    assert.deepEqual(r, { status: 'git-missing', git: join(dir, 'no-such-git') });
  });

  void test("a commit git refuses (no identity) is GIT_FAILED with git's advice; a missing folder is GIT_FAILED naming it", async () => {
    const dir = tempDir('lwb-git-');
    writeFileSync(join(dir, 'a.txt'), 'a\n');
    const env = gitEnv('[user]\n\tuseConfigOnly = true\n');
    for (const k of ['GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL', 'EMAIL']) delete env[k];
    await assert.rejects(initGitRepository(dir, { message: 'x', env }), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'GIT_FAILED');
      assert.match(e.message, /git commit --quiet -m x failed in .*: [\s\S]*(Please tell me who you are|user\.useConfigOnly)/);
      return true;
    });
    await assert.rejects(initGitRepository(join(dir, 'missing'), { message: 'x' }), { code: 'GIT_FAILED', message: /missing a git repository: the folder does not exist/ });
  });
});
