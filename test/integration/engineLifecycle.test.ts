// Integration: init limits, interpreter choice and the engine dying hard — the environment lifecycle's edges.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { NodejsHost } from '../../src/core/runtimes/nodejs/nodejsHost';
import { isAlive, json, repoRoot, startEngine, waitFor, fixtures } from './helpers/engine';

describe('environment lifecycle', () => {
  test('init over the limit: INIT_REPORT Status: timeout, retried within the invoke, then Sandbox.Timedout', async () => {
    const e = startEngine(undefined, { initTimeoutMs: 300 });
    try {
      const start = e.logs.length;
      const r = await e.service.invoke('SlowInit', '{}');
      const lines = e.logs.slice(start).map((l) => l.message);
      const reports = lines.filter((l) => l.startsWith('INIT_REPORT'));
      assert.equal(reports.length, 2, lines.join('\n'));
      assert.match(reports[0], /^INIT_REPORT Init Duration: \d+\.\d\d ms\tPhase: init\tStatus: timeout$/);
      assert.match(reports[1], /^INIT_REPORT Init Duration: \d+\.\d\d ms\tPhase: invoke\tStatus: timeout$/);
      assert.deepEqual(json(r.payload), { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${r.requestId} Error: Task timed out after 1.00 seconds` });
      assert.equal(r.status, 'timeout');
      assert.match(lines.at(-1)!, /\tStatus: timeout$/);
    } finally {
      await e.dispose();
    }
  });

  test('--time-scale shortens idle lifetimes: with N = 600 a 10-minute idle environment ends after about a second', async () => {
    const e = startEngine(undefined, { timeScale: 600 });
    try {
      await e.service.invoke('Cjs', '{}');
      const pid = e.service.environments()[0]?.pid;
      assert.ok(pid, 'one environment ran');
      // Reaped by the pool's timer (10 min / 600 = 1 s) on the real clock; the test only waits for it.
      assert.ok(await waitFor(() => e.service.environments().length === 0 && !isAlive(pid), 10_000), 'the idle environment was shut down');
    } finally {
      await e.dispose();
    }
  });

  test('a runtime whose major version differs from the local node runs, with a warning', async () => {
    const e = startEngine();
    try {
      const r = await e.service.invoke('Node22', '{}');
      assert.equal(r.functionError, undefined);
      const expectWarning = !process.versions.node.startsWith('22.');
      assert.equal(e.warnings.some((w) => /uses nodejs22\.x but the local node is v/.test(w)), expectWarning, e.warnings.join('\n'));
    } finally {
      await e.dispose();
    }
  });

  test('with no node on PATH, the host\'s own runtime runs the function, with a warning', async () => {
    const warnings: string[] = [];
    const host = new NodejsHost({}, '/nonexistent-bin');
    const spec = await host.prepareLaunch({
      fn: { runtime: 'nodejs20.x', memorySize: 128, environment: {}, logicalId: 'F' } as never,
      taskRoot: '/task',
      optDir: '/opt-dir',
      env: { A: '1' },
      runtimesDir: join(repoRoot, 'dist', 'runtimes'),
      warn: (m) => warnings.push(m),
    });
    assert.equal(spec.command, process.execPath);
    assert.equal(spec.env.ELECTRON_RUN_AS_NODE, '1');
    assert.equal(spec.env.A, '1');
    assert.ok(spec.args.includes('--max-old-space-size=115'));
    assert.equal(spec.args.at(-1), join(repoRoot, 'dist', 'runtimes', 'nodejs', 'bootstrap.js'));
    assert.match(warnings[0], /No "node" found on PATH; running nodejs20\.x functions on the host's own runtime/);
  });

  test('an engine killed with SIGKILL takes its busy environments with it', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'lwb-kill-'));
    const cli = spawn(process.execPath, [join(repoRoot, 'bin', 'lambda-workbench.js'), 'invoke', 'LongBusy', '-t', join(fixtures, 'engine', 'template.yaml'), '--state-dir', stateDir], { stdio: 'ignore' });
    try {
      const children = () => {
        try {
          return readFileSync(`/proc/${cli.pid}/task/${cli.pid}/children`, 'utf8').trim().split(' ').filter(Boolean).map(Number);
        } catch {
          return [];
        }
      };
      assert.ok(await waitFor(() => children().length > 0, 10_000), 'environment started');
      const envPid = children()[0];
      await new Promise((r) => setTimeout(r, 300)); // let the handler enter its busy loop
      cli.kill('SIGKILL');
      assert.ok(await waitFor(() => !isAlive(envPid) || isZombie(envPid), 5000), `environment ${envPid} outlived the engine`);
    } finally {
      cli.kill('SIGKILL');
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});

function isZombie(pid: number): boolean {
  try {
    return /\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}
