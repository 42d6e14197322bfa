// Integration: `lambda-workbench pipeline run` and `pipeline install-hook` on a real git repository made from
// test/fixtures/pipeline (two AutoPublishAlias functions, a buildspec that runs the project's unit tests with
// node --test) — real git, tar, shell sessions and the real CLI process; the state read back from the
// repository's own state directory.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { AliasStore } from '../../src/core/registry/aliasStore';
import { VersionStore } from '../../src/core/registry/versionStore';
import { tempDir } from '../helpers/tempDirs';
import { fixtures, repoRoot } from './helpers/engine';

const bin = join(repoRoot, 'bin', 'lambda-workbench.js');

/** This process's environment without node:test's marker, which would make the build's own `node --test` skip its files. */
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_TEST_CONTEXT'));

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 180_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A git repository holding the fixture, with one commit. */
function fixtureRepo(): string {
  const dir = tempDir('lwb-pipeline-repo-');
  cpSync(join(fixtures, 'pipeline'), dir, { recursive: true });
  for (const args of [['init', '-q'], ['config', 'user.email', 'dev@example.com'], ['config', 'user.name', 'Dev'], ['add', '-A'], ['commit', '-qm', 'First version']]) {
    const r = run('git', args, dir);
    assert.equal(r.code, 0, r.stderr);
  }
  return dir;
}

describe('lambda-workbench pipeline', () => {
  const dir = fixtureRepo();
  const cli = (...args: string[]) => run(process.execPath, [bin, ...args], dir);
  const git = (...args: string[]) => {
    const r = run('git', args, dir);
    assert.equal(r.code, 0, r.stderr);
    return r;
  };
  const edit = (file: string, from: string, to: string) => {
    const path = join(dir, file);
    const text = readFileSync(path, 'utf8');
    assert.ok(text.includes(from), `${file} has ${from}`);
    writeFileSync(path, text.replace(from, to));
  };
  const state = join(dir, '.lambda-workbench');
  const versions = async (fn: string) => (await new VersionStore(join(state, 'versions')).list(fn)).map((v) => v.version);
  const live = async (fn: string) => (await new AliasStore(join(state, 'aliases')).get(fn, 'live'))?.functionVersion;
  const head = () => git('rev-parse', 'HEAD').stdout.trim();

  test('first run: Source checks out HEAD, Build runs the phases in order, Deploy publishes version 1 of both', async () => {
    const r = cli('pipeline', 'run');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`^    HEAD is commit ${head().slice(0, 7)} "First version" \\(checked out into .*lwb-pipeline-\\w+/src\\)$`, 'm'));
    // Every phase, in CodeBuild's order, each command announced before its output, with the phase prefix.
    const order = ['[install] Running command node --version', '[pre_build] Running command cd test', `[pre_build] tests in test for ${head()}`, '[build] Running command node --test --test-reporter=tap', '[build] # pass 2', '[build] build finally ran (succeeding=1)', '    Phase complete: BUILD State: SUCCEEDED', '[post_build] post_build ran (succeeding=1)'];
    let at = -1;
    for (const line of order) {
      const next = r.stderr.indexOf(`${line}\n`, at + 1);
      assert.ok(next > at, `"${line}" after the lines before it:\n${r.stderr}`);
      at = next;
    }
    assert.match(r.stderr, /^ {4}Greeter: published version 1, alias live → 1$/m);
    assert.match(r.stderr, /^ {4}Counter: published version 1, alias live → 1$/m);
    assert.match(r.stdout, /^Source +SUCCEEDED +\d+\.\d s +commit \w{7} "First version"$/m);
    assert.match(r.stdout, /^Build +SUCCEEDED +\d+\.\d s +4 phases succeeded$/m);
    assert.match(r.stdout, /^Deploy \(local\) +SUCCEEDED +\d+\.\d s +2 new versions \(Greeter 1, Counter 1\), 0 unchanged$/m);
    assert.deepEqual([await versions('Greeter'), await versions('Counter'), await live('Greeter'), await live('Counter')], [[1], [1], '1', '1']);
    // The temporary tree is gone.
    const tree = /checked out into (\S+)\)/.exec(r.stderr)![1];
    assert.throws(() => statSync(tree), /ENOENT/);
  });

  test('nothing changed: both functions unchanged (PublishVersion returns the latest, §6)', async () => {
    const r = cli('pipeline', 'run');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^ {4}Greeter: unchanged \(version 1\)$/m);
    assert.match(r.stderr, /^ {4}Counter: unchanged \(version 1\)$/m);
    assert.deepEqual([await versions('Greeter'), await versions('Counter')], [[1], [1]]);
  });

  test("a commit that changes one function publishes version 2 of it only, and its alias runs the new code", async () => {
    edit('greeter/index.js', "mark: 'g1'", "mark: 'g2'");
    git('commit', '-qam', 'Greeter g2');
    const r = cli('pipeline', 'run', '--json');
    assert.equal(r.code, 0, r.stderr);
    const result = JSON.parse(r.stdout);
    assert.equal(result.ok, true);
    assert.deepEqual(result.deploy.functions.map((f: { logicalId: string; version: string; published: boolean }) => [f.logicalId, f.version, f.published]), [['Greeter', '2', true], ['Counter', '1', false]]);
    assert.equal(result.revision.commit, head());
    assert.deepEqual([await versions('Greeter'), await live('Greeter'), await versions('Counter'), await live('Counter')], [[1, 2], '2', [1], '1']);
    const invoked = cli('invoke', 'Greeter:live');
    assert.equal(invoked.code, 0, invoked.stderr);
    assert.equal(JSON.parse(invoked.stdout).mark, 'g2');
  });

  test('a failing unit test fails the Build stage with the command, its exit code and the test output; nothing is published', async () => {
    edit('test/counter.test.js', "'one two  three'), 3)", "'one two  three'), 4)");
    edit('counter/index.js', "mark: 'c1'", "mark: 'c2'");
    git('commit', '-qam', 'Counter c2 with a wrong test');
    const r = cli('pipeline', 'run');
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /^ {4}Command did not exit successfully: node --test --test-reporter=tap \(exit status 1, phase build\)$/m);
    assert.match(r.stderr, /^ {4}Last \d+ lines of its output:$/m);
    assert.match(r.stderr, /^\[build\] not ok 1 - counts words$/m);
    const tail = r.stderr.slice(r.stderr.indexOf('lines of its output:'));
    assert.match(tail, /^ {4} {2}.*expected: 4$/m);
    assert.match(tail, /^ {4} {2}# fail 1$/m);
    // CodeBuild's transitions: finally and post_build still run after a failed build phase, and know it failed.
    assert.match(r.stderr, /^\[build\] build finally ran \(succeeding=1\)$/m);
    assert.match(r.stderr, /^\[post_build\] post_build ran \(succeeding=0\)$/m);
    assert.match(r.stderr, /^==> Deploy \(local\): skipped \(an earlier stage failed\)$/m);
    assert.match(r.stdout, /^Build +FAILED +\d+\.\d s +"node --test --test-reporter=tap" exited with 1 \(phase build\)$/m);
    assert.match(r.stdout, /^Deploy \(local\) +SKIPPED +- +an earlier stage failed$/m);
    assert.deepEqual([await versions('Greeter'), await versions('Counter'), await live('Counter')], [[1, 2], [1], '1']);
    edit('test/counter.test.js', "'one two  three'), 4)", "'one two  three'), 3)");
    git('commit', '-qam', 'Fix the test');
  });

  test('uncommitted edits are not built: a broken test and a code edit in the work tree change nothing', async () => {
    edit('test/greeter.test.js', "'Hello, Ada!'", "'Bye, Ada!'");
    edit('greeter/index.js', "mark: 'g2'", "mark: 'g3'");
    const r = cli('pipeline', 'run');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^ {4}HEAD is commit \w{7} "Fix the test"; 2 uncommitted changes not included /m);
    assert.match(r.stderr, /^ {4}Greeter: unchanged \(version 2\)$/m);
    assert.match(r.stderr, /^ {4}Counter: published version 2, alias live → 2$/m, 'the committed Counter c2 deploys');
    assert.deepEqual([await versions('Greeter'), await versions('Counter')], [[1, 2], [1, 2]]);
    git('checkout', '--', '.');
  });

  test('install-hook writes an executable post-commit hook; a real git commit runs the pipeline', async () => {
    const r = cli('pipeline', 'install-hook');
    assert.equal(r.code, 0, r.stderr);
    const hook = join(dir, '.git', 'hooks', 'post-commit');
    assert.equal(r.stdout, `Installed ${hook}: every commit now runs "lambda-workbench pipeline run" (delete the file to stop).\n`);
    const text = readFileSync(hook, 'utf8');
    assert.ok(text.startsWith('#!/bin/sh\n'), text);
    assert.ok(text.includes(`exec '${process.execPath}' '${bin}' 'pipeline' 'run'\n`), text);
    assert.equal(statSync(hook).mode & 0o111, 0o111, 'executable');
    assert.match(cli('pipeline', 'install-hook').stdout, /^Already installed: /);

    edit('counter/index.js', "mark: 'c2'", "mark: 'c3'");
    const commit = run('git', ['commit', '-qam', 'Counter c3'], dir);
    assert.equal(commit.code, 0, commit.stderr);
    assert.match(commit.stderr, /^ {4}Counter: published version 3, alias live → 3$/m);
    assert.deepEqual([await versions('Counter'), await live('Counter'), await versions('Greeter')], [[1, 2, 3], '3', [1, 2]]);
  });

  test('a post-commit hook that is not ours is refused (coded error), --force replaces it', () => {
    const hook = join(dir, '.git', 'hooks', 'post-commit');
    writeFileSync(hook, '#!/bin/sh\necho my own hook\n', { mode: 0o755 });
    const refused = cli('pipeline', 'install-hook');
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /^Error \[PIPELINE_HOOK_EXISTS\]: .*post-commit already exists and was not written by lambda-workbench; .* replace it with --force\./m);
    assert.equal(readFileSync(hook, 'utf8'), '#!/bin/sh\necho my own hook\n');
    const forced = cli('pipeline', 'install-hook', '--force', '-t', 'template.yaml');
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stdout, /^Replaced the existing hook with .*post-commit: every commit now runs "lambda-workbench pipeline run -t template.yaml"/);
    assert.ok(readFileSync(hook, 'utf8').includes("'pipeline' 'run' '-t' 'template.yaml'"));
  });
});

describe('lambda-workbench pipeline: stages that fail before the build', () => {
  test('outside a git repository the Source stage fails with a coded error, exit 1', () => {
    const dir = tempDir('lwb-pipeline-nogit-');
    cpSync(join(fixtures, 'pipeline'), dir, { recursive: true });
    const r = run(process.execPath, [bin, 'pipeline', 'run'], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /^ {4}Error \[PIPELINE_SOURCE_FAILED\]: git rev-parse failed in .*: .*not a git repository.*\. The pipeline builds a git repository: run "git init" and commit your project first$/m);
    assert.match(r.stdout, /^Build +SKIPPED/m);
  });

  test('a committed buildspec that is not valid fails the Build stage with BUILDSPEC_INVALID and its line', () => {
    const dir = fixtureRepo();
    writeFileSync(join(dir, 'buildspec.yml'), 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo: oops\n');
    assert.equal(run('git', ['commit', '-qam', 'Bad buildspec'], dir).code, 0);
    const r = run(process.execPath, [bin, 'pipeline', 'run'], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /^ {4}Error \[BUILDSPEC_INVALID\]: buildspec\.yml:5: command 1 of "phases\.build\.commands" is not a string\./m);
    assert.match(r.stdout, /^Deploy \(local\) +SKIPPED/m);
  });
});
