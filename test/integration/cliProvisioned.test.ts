// Integration: `provisioned put|get|list|delete`, `autoscaling put|list|delete`, `metrics` and `environments`
// as users run them — real `lambda-workbench` processes over a copy of test/fixtures/provisioned, their stdout,
// stderr and exit codes (§8); `environments --endpoint-url` against a running `start`.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { tempDir } from '../helpers/tempDirs';
import { fixtures, repoRoot } from './helpers/engine';

const bin = join(repoRoot, 'bin', 'lambda-workbench.js');

describe('lambda-workbench provisioned, autoscaling, metrics, environments', () => {
  const dir = tempDir('lwb-cli-provisioned-');
  cpSync(join(fixtures, 'provisioned'), dir, { recursive: true });
  writeFileSync(join(dir, 'slow.json'), '{"sleepMs":400}');
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 90_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  test('put waits for READY (FAILED exits 1 with the init error); the alias is served warm; metrics count the spillover', () => {
    const listed = cli('provisioned', 'list', '--json');
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(
      (JSON.parse(listed.stdout) as { functionName: string; Status: string; RequestedProvisionedConcurrentExecutions: number }[]).map((c) => [c.functionName, c.RequestedProvisionedConcurrentExecutions, c.Status]),
      [
        ['warm', 2, 'READY'],
        ['scaled', 1, 'READY'],
      ],
      'the template configs, started by this command',
    );
    const put = cli('provisioned', 'put', 'capped', '2', '--qualifier', 'live');
    assert.equal(put.code, 0, put.stderr);
    assert.match(put.stdout, /^FUNCTION +QUALIFIER +VERSION +REQUESTED +ALLOCATED +STATUS +REASON\ncapped +live +1 +2 +2 +READY\n$/);
    const over = cli('provisioned', 'put', 'capped:live', '3');
    assert.equal(over.code, 2);
    assert.match(over.stderr, /Error \[INVALID_PARAMETER\]: Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution/);
    const failed = cli('provisioned', 'put', 'broken:live', '1', '--json');
    assert.equal(failed.code, 1);
    const f = JSON.parse(failed.stdout);
    assert.equal(f.Status, 'FAILED');
    assert.equal(f.StatusReason, 'Error: the database is unreachable at init');
    assert.equal(JSON.parse(cli('provisioned', 'get', 'capped:live', '--json').stdout).Status, 'READY', 'kept for the next command');

    const inv = cli('invoke', 'capped:live');
    assert.equal(inv.code, 0, inv.stderr);
    assert.equal(JSON.parse(inv.stdout).initType, 'provisioned-concurrency');
    assert.doesNotMatch(inv.stderr, /Init Duration/, 'no cold start on a provisioned environment');
    const load = cli('invoke', 'warm:live', '--concurrency', '3', '--repeat', '3', '-e', 'slow.json', '--json');
    assert.equal(load.code, 0, load.stderr);

    const m = cli('metrics', 'warm:live', '--json');
    assert.equal(m.code, 0, m.stderr);
    const metrics = JSON.parse(m.stdout);
    assert.equal(metrics.Resource, 'warm:live');
    const total = (k: string) => metrics.Datapoints.reduce((n: number, d: Record<string, number>) => n + (d[k] ?? 0), 0);
    assert.equal(total('Invocations'), 3);
    assert.equal(total('ProvisionedConcurrencySpilloverInvocations'), 1);
    assert.match(cli('metrics', 'capped').stdout, /^MINUTE \(UTC\) +Invocations +Errors +Throttles +ConcurrentExecutions/);

    const del = cli('provisioned', 'delete', 'capped:live');
    assert.equal(del.code, 0, del.stderr);
    const gone = cli('provisioned', 'get', 'capped:live');
    assert.equal(gone.code, 2);
    assert.match(gone.stderr, /PROVISIONED_CONFIG_NOT_FOUND/);
  });

  test('autoscaling put/list/delete, kept for the next command', () => {
    const put = cli('autoscaling', 'put', 'warm:live', '--min', '1', '--max', '4', '--target', '0.5', '--json');
    assert.equal(put.code, 0, put.stderr);
    const targets = JSON.parse(cli('autoscaling', 'list', '--json').stdout) as { functionName: string; maxCapacity: number; targetValue: number }[];
    assert.deepEqual(targets.map((t) => [t.functionName, t.maxCapacity, t.targetValue]).sort(), [
      ['scaled', 6, 0.7],
      ['warm', 4, 0.5],
    ]);
    const bad = cli('autoscaling', 'put', 'warm:live', '--min', '1', '--max', '4', '--target', '1.5');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /TargetValue must be between 0.1 and 0.9/);
    assert.equal(cli('autoscaling', 'delete', 'warm:live').code, 0);
    assert.deepEqual((JSON.parse(cli('autoscaling', 'list', '--json').stdout) as { functionName: string }[]).map((t) => t.functionName), ['scaled']);
  });

  test('environments lists this engine\'s provisioned environments, or a running start\'s with --endpoint-url', async () => {
    const own = cli('environments', '--json');
    assert.equal(own.code, 0, own.stderr);
    const envs = JSON.parse(own.stdout) as { functionName: string; state: string; initializationType: string }[];
    assert.ok(envs.length >= 3 && envs.every((e) => e.initializationType === 'provisioned-concurrency' && (e.state === 'idle' || e.state === 'frozen')), own.stdout);

    const server = spawn(process.execPath, [bin, 'start', '--port', '0', '--quiet'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      // Serving starts at once; the provisioned environments are READY a moment later (said on stderr).
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        let err = '';
        const check = () => {
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m && /\[provisioned\] warm:live 2\/2 READY/.test(err)) resolve(m[1]);
        };
        server.stdout.on('data', (c: Buffer) => ((out += c.toString()), check()));
        server.stderr.on('data', (c: Buffer) => ((err += c.toString()), check()));
        server.on('exit', () => reject(new Error(`start exited: ${out}${err}`)));
      });
      const invoked = await fetch(`${url}/2015-03-31/functions/warm/invocations?Qualifier=live`, { method: 'POST', body: '{}' });
      assert.equal(invoked.status, 200);
      const remote = spawnSync(process.execPath, [bin, 'environments', '--endpoint-url', url], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
      assert.equal(remote.status, 0, remote.stderr);
      assert.match(remote.stdout, /^\d+ environments, 0 busy\nFUNCTION +VERSION +ID +STATE +TYPE +AGE +INVOCATIONS +PEAK MEMORY +PID\n/);
      assert.match(remote.stdout, /\nwarm +1 +[0-9a-f]{8} +(?:idle|frozen) +provisioned +\d+s +1 +\d+\/128 MB +\d+\n/, 'the invocation served is counted');
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    const none = cli('environments', '--endpoint-url', 'http://127.0.0.1:9');
    assert.equal(none.code, 2);
    assert.match(none.stderr, /No Lambda Workbench engine answers at http:\/\/127.0.0.1:9/);
  });
});
