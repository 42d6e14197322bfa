// Integration: interpreter probes kept on disk between engine processes. Each engine here is a real
// process; the interpreters are small scripts that count how often they are asked, so the tests see a probe
// skipped while its fingerprint holds and run again once the file (size, mtime) or, for a pyenv shim, the
// version pyenv would pick changes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { tempDir } from '../helpers/tempDirs';
import { repoRoot } from './helpers/engine';

const out = join(repoRoot, 'out', 'src', 'core');
const root = tempDir('lwb-facts-');
let n = 0;
const fresh = (name: string): string => {
  const dir = join(root, `${name}-${n++}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** An executable shell script at `path`. */
function script(path: string, body: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

const count = (file: string): number => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0);

/** Runs `code` in a new engine process with the given cache folder; returns what it printed as JSON. */
function engineProcess(code: string, cacheDir: string, cwd = root): any {
  const env: NodeJS.ProcessEnv = { ...process.env, LAMBDA_WORKBENCH_CACHE_DIR: cacheDir };
  delete env.PYENV_VERSION;
  delete env.PYENV_DIR;
  const r = spawnSync(process.execPath, ['-e', code], { cwd, env, encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

const ctx = `{ fn: { runtime: RUNTIME, logicalId: 'Fn', memorySize: 128, environment: {} }, taskRoot: '/', optDir: '/', env: {}, runtimesDir: '/', warn: (m) => warnings.push(m) }`;

function nodeLaunch(node: string, cacheDir: string): { command: string; warnings: string[] } {
  const code = `const { NodejsHost } = require(${JSON.stringify(join(out, 'runtimes', 'nodejs', 'nodejsHost.js'))});
    const warnings = []; const RUNTIME = 'nodejs20.x';
    new NodejsHost({ nodejs: ${JSON.stringify(node)} }).prepareLaunch(${ctx}).then((s) => console.log(JSON.stringify({ command: s.command, warnings })));`;
  return engineProcess(code, cacheDir);
}

function pythonLaunch(python: string, cacheDir: string, cwd?: string): { command: string; warnings: string[] } {
  const code = `const { PythonHost } = require(${JSON.stringify(join(out, 'runtimes', 'python', 'pythonHost.js'))});
    const warnings = []; const RUNTIME = 'python3.11';
    new PythonHost({ python: ${JSON.stringify(python)} }, { pathEnv: '', pyenvRoot: '/nonexistent' }).prepareLaunch(${ctx}).then((s) => console.log(JSON.stringify({ command: s.command, warnings })));`;
  return engineProcess(code, cacheDir, cwd);
}

describe('interpreter facts on disk', () => {
  test('a node is asked for its version once; changed (size, then only mtime), it is asked again', () => {
    const dir = fresh('node');
    const calls = join(dir, 'calls');
    const fake = (version: string) => script(join(dir, 'bin', 'node'), `echo probe >> ${calls}\nprintf '%s\\n%s' ${version} "$0"`);
    const node = fake('18.1.0');
    const cache = join(dir, 'cache');
    const mismatch = (v: string) => new RegExp(`uses nodejs20\\.x but the local node is v${v.replace(/\./g, '\\.')}`);

    assert.match(nodeLaunch(node, cache).warnings.join('\n'), mismatch('18.1.0'));
    assert.match(nodeLaunch(node, cache).warnings.join('\n'), mismatch('18.1.0'));
    assert.equal(count(calls), 1, 'the second engine probed again');

    fake('18.22.0'); // another size
    assert.match(nodeLaunch(node, cache).warnings.join('\n'), mismatch('18.22.0'));
    assert.equal(count(calls), 2);

    const t = new Date(Date.now() - 3600_000);
    utimesSync(node, t, t); // same bytes, another mtime
    nodeLaunch(node, cache);
    assert.equal(count(calls), 3);
    nodeLaunch(node, cache);
    assert.equal(count(calls), 3);
  });

  test('a dispatcher (a node whose process.execPath is another file) is asked every time', () => {
    const dir = fresh('dispatch');
    const calls = join(dir, 'calls');
    const node = script(join(dir, 'bin', 'node'), `echo probe >> ${calls}\nprintf '%s\\n%s' 18.1.0 /somewhere/else/node`);
    const cache = join(dir, 'cache');
    nodeLaunch(node, cache);
    nodeLaunch(node, cache);
    assert.equal(count(calls), 2);
  });

  test('a python is asked once; changed (size, then only mtime), it is asked again', () => {
    const dir = fresh('python');
    const calls = join(dir, 'calls');
    const fake = (version: string) => script(join(dir, 'bin', 'python3'), `echo probe >> ${calls}\nprintf '%s\\n%s\\n' ${version} "$0"`);
    const python = fake('3.11');
    const cache = join(dir, 'cache');
    assert.deepEqual(pythonLaunch(python, cache), { command: python, warnings: [] });
    assert.deepEqual(pythonLaunch(python, cache), { command: python, warnings: [] });
    assert.equal(count(calls), 1, 'the second engine probed again');

    fake('3.9');
    assert.match(pythonLaunch(python, cache).warnings.join('\n'), /running on .*python3 \(Python 3\.9\)/);
    assert.equal(count(calls), 2);
    const t = new Date(Date.now() - 3600_000);
    utimesSync(python, t, t);
    pythonLaunch(python, cache);
    assert.equal(count(calls), 3);
  });

  test('a pyenv shim is probed once per selection: another .python-version, or the chosen python rebuilt, probes again', () => {
    const dir = fresh('pyenv');
    const pyenvRoot = join(dir, 'pyenv');
    const calls = join(dir, 'calls');
    // The shape of a real shim (pyenv rehash writes them) and a pyenv that honours .python-version.
    const shim = join(pyenvRoot, 'shims', 'python3.11');
    mkdirSync(join(shim, '..'), { recursive: true });
    writeFileSync(shim, `#!/bin/sh\nset -e\nprogram="\${0##*/}"\nexport PYENV_ROOT="${pyenvRoot}"\nexec "${pyenvRoot}/libexec/pyenv" exec "$program" "$@"\n`);
    chmodSync(shim, 0o755);
    script(join(pyenvRoot, 'libexec', 'pyenv'), 'v=$(cat .python-version 2>/dev/null || cat "$PYENV_ROOT/version")\nshift\nprogram=$1\nshift\nexec "$PYENV_ROOT/versions/$v/bin/$program" "$@"');
    writeFileSync(join(pyenvRoot, 'version'), '3.11.1\n');
    const python = (v: string) => script(join(pyenvRoot, 'versions', v, 'bin', 'python3.11'), `echo ${v} >> ${calls}\nprintf '3.11\\n%s\\n' "$0"`);
    const first = python('3.11.1');
    const second = python('3.11.2');
    const project = fresh('project');
    const cache = join(dir, 'cache');

    assert.equal(pythonLaunch(shim, cache, project).command, first);
    assert.equal(pythonLaunch(shim, cache, project).command, first);
    assert.equal(count(calls), 1, 'the second engine ran the shim again');

    writeFileSync(join(project, '.python-version'), '3.11.2\n');
    assert.equal(pythonLaunch(shim, cache, project).command, second);
    assert.equal(count(calls), 2);
    assert.equal(pythonLaunch(shim, cache, project).command, second);
    assert.equal(count(calls), 2);

    // The selected interpreter rebuilt (another size): its fact no longer holds.
    script(second, `echo 3.11.2 >> ${calls}\n# rebuilt\nprintf '3.11\\n%s\\n' "$0"`);
    assert.equal(pythonLaunch(shim, cache, project).command, second);
    assert.equal(count(calls), 3);

    rmSync(join(project, '.python-version'));
    assert.equal(pythonLaunch(shim, cache, project).command, first);
    assert.equal(count(calls), 4);
  });
});

describe('the isolation probe', () => {
  const probeCode = `require(${JSON.stringify(join(out, 'runtime', 'isolation.js'))}).isolationSupport().then((r) => console.log(JSON.stringify(r)));`;

  test('is kept in the machine facts and not run again while what it depends on holds', { skip: process.platform !== 'linux' && 'Linux only' }, () => {
    const cache = fresh('isolation');
    const first = engineProcess(probeCode, cache);
    assert.ok(first.mode === 'namespaces' || first.mode === 'process-tree');
    const file = join(cache, 'machine-facts.json');
    const facts = JSON.parse(readFileSync(file, 'utf8'));
    const entry = facts.entries.isolation;
    assert.deepEqual(entry.value, first);
    assert.match(entry.fingerprint, /^[0-9a-f-]{36}\|/, 'keyed by this boot first');
    // A stored answer that no probe would give shows that the next engine takes it from the file.
    entry.value = { mode: 'process-tree', reason: 'from the machine facts' };
    writeFileSync(file, JSON.stringify(facts));
    assert.deepEqual(engineProcess(probeCode, cache), { mode: 'process-tree', reason: 'from the machine facts' });
    // Once what it depends on differs (here: its fingerprint), the machine is asked again.
    entry.fingerprint = `${entry.fingerprint}-changed`;
    writeFileSync(file, JSON.stringify(facts));
    assert.deepEqual(engineProcess(probeCode, cache), first);
  });
});
