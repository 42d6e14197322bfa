// Integration: `.lambda-workbench/` gets its own `.gitignore` (`*`) from whichever writer creates it (a build,
// the logs and history of an invoke, a saved event, a published layer version), so git does not see it;
// a state folder that already exists is left as it is, and a folder without a template gets none at all.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { LambdaService } from '../../src/core/service';
import { STATE_GITIGNORE, mkdirState, mkdirStateSync } from '../../src/core/store/stateFolders';
import { tempDir } from '../helpers/tempDirs';
import { fixtures, repoRoot } from './helpers/engine';

const runtimesDir = join(repoRoot, 'dist', 'runtimes');
const bin = join(repoRoot, 'bin', 'lambda-workbench.js');
const git = (cwd: string, ...args: string[]) => spawnSync('git', args, { cwd, encoding: 'utf8' });

describe("the state folder's own .gitignore", () => {
  test('an invoke creates .lambda-workbench with a .gitignore of *, and git ignores everything in it', async (t) => {
    const dir = tempDir('lwb-gitignore-');
    cpSync(join(fixtures, 'cancel'), dir, { recursive: true });
    const s = new LambdaService({ cwd: dir, runtimesDir });
    try {
      await s.invoke('Wait', '{}');
      await s.listHistory(); // the history is written
    } finally {
      await s.dispose();
    }
    const state = join(dir, '.lambda-workbench');
    assert.equal(readFileSync(join(state, '.gitignore'), 'utf8'), STATE_GITIGNORE);
    assert.ok(['packages', 'logs', 'history'].every((d) => readdirSync(state).includes(d)), readdirSync(state).join());
    if (git(dir, '--version').status !== 0) return t.skip('git is not installed');
    git(dir, 'init', '-q');
    const listed = git(dir, 'status', '--porcelain', '--untracked-files=all').stdout;
    assert.ok(!listed.includes('.lambda-workbench'), listed);
    assert.match(listed, /template\.yaml/);
  });

  test('each writer adds it when it is the one creating the folder; an existing folder is left alone', async () => {
    const root = tempDir('lwb-gitignore-');
    await mkdirState(join(root, 'a', '.lambda-workbench', 'events', 'Fn'));
    assert.equal(readFileSync(join(root, 'a', '.lambda-workbench', '.gitignore'), 'utf8'), STATE_GITIGNORE);
    mkdirStateSync(join(root, 'b', '.lambda-workbench', 'logs', 'group'));
    assert.ok(existsSync(join(root, 'b', '.lambda-workbench', '.gitignore')));
    mkdirSync(join(root, 'c', '.lambda-workbench'), { recursive: true });
    await mkdirState(join(root, 'c', '.lambda-workbench', 'history'));
    assert.ok(!existsSync(join(root, 'c', '.lambda-workbench', '.gitignore')), 'not added to a folder that was there');
    await mkdirState(join(root, 'd', 'custom-state', 'logs'));
    assert.deepEqual(readdirSync(join(root, 'd', 'custom-state')), ['logs'], 'only the .lambda-workbench folder gets one');
  });

  test('a folder without a template gets no state folder from any CLI command', () => {
    const dir = tempDir('lwb-no-template-');
    for (const args of [['list'], ['invoke', 'Fn'], ['package', 'Fn'], ['history'], ['layers', 'list'], ['versions', 'list', 'Fn'], ['aliases', 'list', 'Fn']]) {
      const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      assert.notEqual(r.status, null, `${args.join(' ')} ended`);
      assert.deepEqual(readdirSync(dir), [], `after \`${args.join(' ')}\``);
    }
  });
});
