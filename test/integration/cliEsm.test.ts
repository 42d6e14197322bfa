// Integration: `lambda-workbench esm list|create|update|enable|disable|delete` as users run them — real processes
// over test/fixtures/esm, on the folder's state directory (each command a new engine, so what one creates the
// next one lists), through a running `lambda-workbench start` on that directory, and with --endpoint-url.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { tempDir } from '../helpers/tempDirs';
import { fixtures, repoRoot } from './helpers/engine';
import { startProcess } from './helpers/startProcess';

const bin = join(repoRoot, 'bin', 'lambda-workbench.js');
const cwd = join(fixtures, 'esm');

describe('lambda-workbench esm', () => {
  test('list, create, update, disable, enable, delete on the state directory', () => {
    const stateDir = tempDir('lwb-cli-esm-');
    const cli = (...args: string[]) => {
      const r = spawnSync(process.execPath, [bin, ...args, '--state-dir', stateDir], { cwd, encoding: 'utf8', timeout: 90_000 });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    const list = cli('esm', 'list');
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /^UUID\s+FUNCTION\s+SOURCE\s+STATE\s+BATCH\s+LAST RESULT\n/);
    assert.match(list.stdout, /esm-other\s+esm-plain\s+Disabled\s+5\s+No records processed/);
    assert.equal(list.stdout.trim().split('\n').length, 6, 'a header and the five template mappings');

    const created = cli('esm', 'create', '--function', 'esm-stamp', '--source', 'esm-work', '--batch-size', '20', '--batching-window', '2', '--report-batch-item-failures', '--filter', '{"body":{"kind":["order"]}}', '--json');
    assert.equal(created.code, 0, created.stderr);
    const m = JSON.parse(created.stdout);
    assert.deepEqual([m.State, m.BatchSize, m.MaximumBatchingWindowInSeconds, m.FunctionResponseTypes, m.FilterCriteria, m.EventSourceArn], ['Creating', 20, 2, ['ReportBatchItemFailures'], { Filters: [{ Pattern: '{"body":{"kind":["order"]}}' }] }, 'arn:aws:sqs:us-east-1:123456789012:esm-work']);

    const listed = JSON.parse(cli('esm', 'list', '--function', 'esm-stamp', '--json').stdout);
    assert.deepEqual(listed.map((x: { UUID: string; State: string }) => [x.UUID, x.State]), [[m.UUID, 'Enabled']], 'kept in the state directory, settled');

    const bad = cli('esm', 'update', m.UUID, '--batching-window', '0');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10/);
    const updated = cli('esm', 'update', m.UUID, '--batch-size', '5', '--json');
    assert.equal(updated.code, 0, updated.stderr);
    assert.deepEqual([JSON.parse(updated.stdout).State, JSON.parse(updated.stdout).BatchSize], ['Updating', 5]);
    assert.match(cli('esm', 'disable', m.UUID).stdout, new RegExp(`^${m.UUID}  Disabling  esm-stamp <- arn:aws:sqs:us-east-1:123456789012:esm-work\\n$`));
    assert.match(cli('esm', 'list', '--function', 'esm-stamp').stdout, /Disabled\s+5/);
    assert.match(cli('esm', 'enable', m.UUID).stdout, /Enabling/);
    // A template mapping disabled through the CLI stays so (until the template changes it).
    const plainUuid = /^(\S+)\s+esm-other\s+esm-plain/m.exec(list.stdout)![1];
    assert.equal(cli('esm', 'enable', plainUuid).code, 0);
    assert.match(cli('esm', 'list', '--function', 'esm-other').stdout, /esm-plain\s+Enabled/);
    assert.match(cli('esm', 'delete', m.UUID).stdout, /Deleting/);
    assert.doesNotMatch(cli('esm', 'list').stdout, new RegExp(m.UUID));
    const missing = cli('esm', 'delete', m.UUID);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /The resource you requested does not exist/);
  });

  test('--endpoint-url: a mapping created on a running engine polls at once', async () => {
    const stateDir = tempDir('lwb-cli-esm-remote-');
    const engine = startProcess(cwd, ['--state-dir', stateDir]);
    try {
      const url = await engine.url;
      const run = (...args: string[]) =>
        new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
          const c = spawn(process.execPath, [bin, ...args, '--endpoint-url', url], { cwd });
          let stdout = '';
          let stderr = '';
          c.stdout.on('data', (d: Buffer) => (stdout += d));
          c.stderr.on('data', (d: Buffer) => (stderr += d));
          c.on('exit', (code) => resolve({ code, stdout, stderr }));
        });
      const created = await run('esm', 'create', '--function', 'esm-consumer', '--source', 'esm-plain', '--json');
      assert.equal(created.code, 0, created.stderr);
      const uuid = JSON.parse(created.stdout).UUID as string;
      const sent = await run('queues', 'send', 'esm-plain', '{"via":"cli"}');
      assert.equal(sent.code, 0, sent.stderr);
      let listed = '';
      for (let i = 0; i < 100 && !/OK|No records/.test(listed); i++) listed = (await run('esm', 'list', '--function', 'esm-consumer')).stdout;
      assert.match(listed, new RegExp(`${uuid}\\s+esm-consumer\\s+esm-plain\\s+Enabled`));
      for (let i = 0; i < 100; i++) {
        const q = JSON.parse((await run('queues', 'list', '--json')).stdout) as { name: string; visible: number; inFlight: number }[];
        const plain = q.find((x) => x.name === 'esm-plain')!;
        if (plain.visible + plain.inFlight === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.match(engine.stderr(), /receive counts 1/, 'the function ran');
      // Without --endpoint-url, on the running engine's state directory: the change goes through that engine.
      const local = spawnSync(process.execPath, [bin, 'esm', 'create', '--function', 'esm-stamp', '--source', 'arn:aws:sqs:us-east-1:123456789012:esm-work-dlq', '--json', '--state-dir', stateDir], { cwd, encoding: 'utf8', timeout: 90_000 });
      assert.equal(local.status, 0, local.stderr);
      const viaEngine = JSON.parse((await run('esm', 'list', '--function', 'esm-stamp', '--json')).stdout) as { UUID: string }[];
      assert.deepEqual(viaEngine.map((x) => x.UUID), [JSON.parse(local.stdout).UUID], 'the running engine has it (and polls for it)');
    } finally {
      engine.child.kill('SIGTERM');
      await engine.exited;
    }
  });
});
