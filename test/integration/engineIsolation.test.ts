// Integration: nothing an environment starts outlives it, however the environment or the engine ends, and
// /tmp is the environment's own (a tmpfs of EphemeralStorage MB inside its namespaces): issue 9, items 3–5.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { isWorkbenchError } from '../../src/core/common/errors';
import { fixtures, json, repoRoot, startEngine, waitFor } from './helpers/engine';
import { pidsTagged } from './helpers/processes';

const reliability = join(fixtures, 'reliability');
const newTag = (what: string) => `lw-${what}-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;

for (const isolation of ['auto', 'process-tree'] as const) {
  describe(`no process outlives its environment (isolation: ${isolation})`, () => {
    test('plain and detached grandchildren (Node.js) and a new-session grandchild (Python) are gone after dispose', async () => {
      const e = startEngine(reliability, { isolation });
      const tag = newTag('dispose');
      try {
        assert.equal((await e.service.invoke('Spawn', JSON.stringify({ tag }))).functionError, undefined);
        assert.equal((await e.service.invoke('SpawnPython', JSON.stringify({ tag }))).functionError, undefined);
        assert.ok(await waitFor(() => pidsTagged(tag).length === 3, 3000), `three grandchildren running: ${pidsTagged(tag).length}`);
      } finally {
        await e.dispose();
      }
      assert.ok(await waitFor(() => pidsTagged(tag).length === 0, 3000), `left behind: ${pidsTagged(tag).join(', ')}`);
    });

    test('the runtime killed with SIGKILL takes its grandchildren with it', async () => {
      const e = startEngine(reliability, { isolation });
      const tag = newTag('runtime-kill');
      try {
        await e.service.invoke('Spawn', JSON.stringify({ tag }));
        assert.ok(await waitFor(() => pidsTagged(tag).length === 2, 3000), `two grandchildren running: ${pidsTagged(tag).length}`);
        const [env] = e.service.environments();
        process.kill(env.pid!, 'SIGKILL');
        // Namespaces: the kernel ends the tree at once. Fallback: the engine reaps what it saw on the exit.
        assert.ok(await waitFor(() => pidsTagged(tag).length === 0, 3000), `left behind: ${pidsTagged(tag).join(', ')}`);
        assert.ok(await waitFor(() => !e.service.environments().some((x) => x.warm), 3000), 'the engine saw its runtime die');
        const again = await e.service.invoke('Spawn', JSON.stringify({ tag: newTag('after') }));
        assert.equal(again.coldStart, true);
      } finally {
        await e.dispose();
      }
    });
  });
}

describe('the engine killed hard', () => {
  test('SIGKILL of the CLI mid-invoke leaves none of the environment\'s processes, detached ones included', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'lwb-kill9-'));
    const tag = newTag('kill9');
    const cli = spawn(process.execPath, [join(repoRoot, 'bin', 'lambda-workbench.js'), 'invoke', 'Spawn', '-t', join(reliability, 'template.yaml'), '--state-dir', stateDir, '--event', '-'], {
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    try {
      // The invocation holds 8 s (the Timeout is 10 s), so the CLI is surely mid-invoke when it is killed (with a short
      // invocation it could finish and clean up before the grandchildren were seen: a flake on a fresh clone).
      cli.stdin.end(JSON.stringify({ tag, holdMs: 8000 }));
      assert.ok(await waitFor(() => pidsTagged(tag).length >= 2, 15_000), 'grandchildren started');
      cli.kill('SIGKILL');
      assert.ok(await waitFor(() => pidsTagged(tag).length === 0, 5000), `left behind: ${pidsTagged(tag).join(', ')}`);
    } finally {
      cli.kill('SIGKILL');
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});

describe('/tmp inside namespaces', () => {
  test('the literal /tmp is private, emptied with the environment, and full at EphemeralStorage (ENOSPC)', async (t) => {
    const e = startEngine(reliability);
    const name = `lw-${newTag('tmp')}.txt`;
    try {
      await e.service.invoke('Tmp', '{}');
      if (e.service.environments()[0].isolation !== 'namespaces') return t.skip('this machine does not allow user namespaces');
      assert.deepEqual(json((await e.service.invoke('Tmp', JSON.stringify({ write: name }))).payload).entries, [name]);
      assert.equal(existsSync(join('/tmp', name)), false, "the host's /tmp is untouched");
      // The host reads it through /proc while the environment lives.
      assert.ok(readdirSync(e.service.environments()[0].tmpDir).includes(name));
      const full = json((await e.service.invoke('Tmp', JSON.stringify({ fill: 600 }))).payload);
      assert.equal(full.code, 'ENOSPC');
      assert.ok(full.mb >= 500 && full.mb <= 512, `wrote ${full.mb} MB before ENOSPC`);
      await e.service.dispose();
      const fresh = startEngine(reliability);
      try {
        assert.deepEqual(json((await fresh.service.invoke('Tmp', '{}')).payload).entries, [], 'a new environment starts with an empty /tmp');
      } finally {
        await fresh.dispose();
      }
    } finally {
      await e.dispose();
    }
  });
});

describe('the task root inside namespaces', () => {
  test('is read-only as in Lambda (EROFS), so a handler cannot change its code or the package cache behind it', async (t) => {
    const e = startEngine(reliability);
    try {
      const r = await e.service.invoke('TaskRootWriter', '{}');
      if (e.service.environments()[0].isolation !== 'namespaces') return t.skip('this machine does not allow user namespaces');
      assert.deepEqual(json(r.payload), { overwrite: 'EROFS', create: 'EROFS', source: 'intact' });
      // A new environment (and the cached package it runs from) still has the code as it was built.
      await e.service.dispose();
      const fresh = startEngine(reliability);
      try {
        assert.deepEqual(json((await fresh.service.invoke('TaskRootWriter', '{}')).payload).source, 'intact');
      } finally {
        await fresh.dispose();
      }
    } finally {
      await e.dispose();
    }
  });
});

describe('dispose with an invoke in flight', () => {
  test('the invoke is rejected with INVOKE_CANCELLED, not reported as a crash', async () => {
    const e = startEngine(reliability);
    try {
      const pending = e.service.invoke('Sleep', '{"ms":5000}').then(() => undefined, (err: unknown) => err);
      assert.ok(await waitFor(() => e.logs.some((l) => l.message.endsWith('\tsleeping')), 10_000));
      await e.service.dispose();
      const err = await pending;
      assert.ok(isWorkbenchError(err) && err.code === 'INVOKE_CANCELLED' && /"Sleep" was cancelled/.test(err.message), String(err));
      assert.ok(!e.logs.some((l) => l.message.includes('Runtime.ExitError')));
    } finally {
      await e.dispose();
    }
  });

  test('also while the environment is still initialising', async () => {
    const e = startEngine(undefined, {});
    try {
      const pending = e.service.invoke('SlowInit', '{}').then(() => undefined, (err: unknown) => err);
      assert.ok(await waitFor(() => e.logs.some((l) => l.message.startsWith('INIT_START')), 10_000));
      await new Promise((r) => setTimeout(r, 100));
      await e.service.dispose();
      const err = await pending;
      assert.ok(isWorkbenchError(err) && err.code === 'INVOKE_CANCELLED', String(err));
    } finally {
      await e.dispose();
    }
  });
});
