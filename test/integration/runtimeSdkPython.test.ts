// Integration: when the engine provides boto3 to Python functions (runtimeSdk.ts, issue 13 §3): only for code
// that names it on an interpreter without its own, and without an index one clear warning with the command.
// Real interpreters from pyenv and a real pip, kept offline by pip's own settings (PIP_NO_INDEX).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { RuntimeSdk } from '../../src/core/runtimes/runtimeSdk';
import { tempDir } from '../helpers/tempDirs';

const VERSIONS = join(process.env.PYENV_ROOT ?? join(homedir(), '.pyenv'), 'versions');

function hasBoto3(python: string): boolean {
  try {
    execFileSync(python, ['-c', 'import boto3'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** pyenv interpreters (python3.X) with or without boto3 of their own. */
function pyenvPython(withBoto3: boolean): { command: string; version: string } | undefined {
  for (const v of existsSync(VERSIONS) ? readdirSync(VERSIONS).sort() : []) {
    const minor = /^(3\.\d+)\.\d+$/.exec(v)?.[1];
    const command = minor && join(VERSIONS, v, 'bin', `python${minor}`);
    if (command && existsSync(command) && hasBoto3(command) === withBoto3) return { command, version: minor };
  }
  return undefined;
}

describe('the runtime SDK for Python (boto3)', () => {
  const saved = { PIP_NO_INDEX: process.env.PIP_NO_INDEX, PIP_FIND_LINKS: process.env.PIP_FIND_LINKS };
  let usesBoto3: string;
  let plain: string;
  before(() => {
    usesBoto3 = tempDir('lwb-sdk-task-');
    writeFileSync(join(usesBoto3, 'app.py'), 'import boto3\n\ndef handler(event, context):\n    return 1\n');
    plain = tempDir('lwb-sdk-task-');
    writeFileSync(join(plain, 'app.py'), 'def handler(event, context):\n    return 1\n');
    // No index and an empty wheel folder: pip cannot find boto3, as on a machine without network.
    process.env.PIP_NO_INDEX = '1';
    process.env.PIP_FIND_LINKS = tempDir('lwb-no-wheels-');
  });
  after(() => {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  });

  test('offline: no folder, and one warning that names the pip command to run', async (t) => {
    const py = pyenvPython(false);
    if (!py) return t.skip('no pyenv Python without boto3 on this machine');
    const warnings: string[] = [];
    const dir = tempDir('lwb-sdk-');
    const sdk = new RuntimeSdk({ dir }, (m) => warnings.push(m));
    assert.equal(await sdk.pythonPathFor(usesBoto3, py), undefined);
    assert.equal(await sdk.pythonPathFor(usesBoto3, py), undefined);
    const failures = warnings.filter((w) => w.startsWith('Could not install boto3'));
    assert.equal(failures.length, 1, warnings.join('\n'));
    assert.ok(failures[0].includes(`Once online, run: ${py.command} -m pip install --target "${sdk.pythonDir(py.version)}" boto3`), failures[0]);
    assert.deepEqual(readdirSync(dir), [], 'no half install left behind');
  });

  test('nothing to do for code that does not name boto3, or an interpreter that has its own', async (t) => {
    const without = pyenvPython(false);
    const withOwn = pyenvPython(true);
    if (!without || !withOwn) return t.skip('needs pyenv Pythons with and without boto3');
    const warnings: string[] = [];
    const sdk = new RuntimeSdk({ dir: tempDir('lwb-sdk-') }, (m) => warnings.push(m));
    assert.equal(await sdk.pythonPathFor(plain, without), undefined);
    assert.equal(await sdk.pythonPathFor(usesBoto3, withOwn), undefined);
    assert.deepEqual(warnings, []);
  });
});
