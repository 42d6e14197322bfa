// Integration: `streams create|put|list` and `tables list|create|put-item|delete-item` as users run them — real
// `lambda-workbench` processes over test/fixtures/streams on the folder's state directory, and `streams put
// --endpoint-url` into a running `lambda-workbench start`, read back through @aws-sdk/client-kinesis.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-kinesis';
import { tempDir } from '../helpers/tempDirs';
import { kinesisClient } from './helpers/awsClients';
import { fixtures, repoRoot } from './helpers/engine';
import { startProcess, type StartedEngine } from './helpers/startProcess';

const bin = join(repoRoot, 'bin', 'lambda-workbench.js');
const cwd = join(fixtures, 'streams');

describe('lambda-workbench streams and tables', () => {
  const stateDir = tempDir('lwb-cli-streams-');
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, [bin, ...args, '--state-dir', stateDir], { cwd, encoding: 'utf8', timeout: 90_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  let engine: StartedEngine | undefined;
  after(async () => {
    if (engine && engine.child.exitCode === null) {
      engine.child.kill('SIGTERM');
      await engine.exited;
    }
  });

  test('streams create, put (the shard its key hashes to), list; errors name what exists', () => {
    const created = cli('streams', 'create', 'logs', '--shards', '2');
    assert.equal(created.code, 0, created.stderr);
    assert.equal(created.stdout, 'arn:aws:kinesis:us-east-1:123456789012:stream/logs\n');
    const put = cli('streams', 'put', 'logs', '{"n":1}', '-k', 'user-1');
    assert.equal(put.code, 0, put.stderr);
    assert.match(JSON.parse(put.stdout).SequenceNumber, /^\d{56}$/);
    const top = cli('streams', 'put', 'arn:aws:kinesis:us-east-1:123456789012:stream/logs', 'x', '--explicit-hash-key', ((1n << 128n) - 1n).toString());
    assert.equal(JSON.parse(top.stdout).ShardId, 'shardId-000000000001');
    const list = JSON.parse(cli('streams', 'list', '--json').stdout) as { name: string; shards: number }[];
    assert.deepEqual(list.map((s) => [s.name, s.shards]), [['clicks', 4], ['logs', 2]]);
    const again = cli('streams', 'create', 'logs');
    assert.notEqual(again.code, 0);
    assert.match(again.stderr, /already exists/);
    const missing = cli('streams', 'put', 'nope', 'x');
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /Stream nope .*not found.*clicks, logs/);
  });

  test('tables put-item / delete-item feed the stream: INSERT, nothing for an unchanged item, MODIFY, REMOVE; bad keys are refused', () => {
    const ins = cli('tables', 'put-item', 'orders', '{"pk":"o1","sk":1,"total":5}');
    assert.equal(ins.code, 0, ins.stderr);
    assert.equal(JSON.parse(ins.stdout).eventName, 'INSERT');
    assert.equal(JSON.parse(cli('tables', 'put-item', 'orders', '{"pk":{"S":"o1"},"sk":{"N":"1"},"total":{"N":"5"}}').stdout).eventName, null);
    assert.equal(JSON.parse(cli('tables', 'put-item', 'orders', '{"pk":"o1","sk":1,"total":6}').stdout).eventName, 'MODIFY');
    assert.equal(JSON.parse(cli('tables', 'delete-item', 'Orders', '{"pk":"o1","sk":1}').stdout).eventName, 'REMOVE');
    const bad = cli('tables', 'put-item', 'orders', '{"pk":"o2"}');
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /range key "sk"/);
    const notJson = cli('tables', 'put-item', 'orders', '{pk:');
    assert.match(notJson.stderr, /not JSON/);
    const made = cli('tables', 'create', 'events-table', '--key', 'id', '--stream-view', 'KEYS_ONLY');
    assert.equal(made.code, 0, made.stderr);
    assert.match(made.stdout, /^arn:aws:dynamodb:us-east-1:123456789012:table\/events-table\/stream\/\d{4}-/);
    const tables = JSON.parse(cli('tables', 'list', '--json').stdout) as { name: string; items: number; streamViewType?: string }[];
    assert.deepEqual(tables.find((t) => t.name === 'events-table'), { name: 'events-table', arn: 'arn:aws:dynamodb:us-east-1:123456789012:table/events-table', keys: ['id'], items: 0, streamArn: made.stdout.trim(), streamViewType: 'KEYS_ONLY' });
    assert.equal(tables.find((t) => t.name === 'orders')?.items, 0);
  });

  test('streams put --endpoint-url: into a running engine, read back with the Kinesis SDK', async () => {
    const sd = tempDir('lwb-cli-streams-start-');
    engine = startProcess(cwd, ['--state-dir', sd]);
    const url = await engine.url;
    const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const c = spawn(process.execPath, [bin, 'streams', 'put', 'clicks', 'from the cli', '-k', 'p1', '--endpoint-url', url], { cwd });
      let stdout = '';
      let stderr = '';
      c.stdout.on('data', (d: Buffer) => (stdout += d));
      c.stderr.on('data', (d: Buffer) => (stderr += d));
      c.on('exit', (code) => resolve({ code, stdout, stderr }));
    });
    assert.equal(r.code, 0, r.stderr);
    const { ShardId, SequenceNumber } = JSON.parse(r.stdout) as { ShardId: string; SequenceNumber: string };
    const k = kinesisClient(url);
    try {
      const it = await k.send(new GetShardIteratorCommand({ StreamName: 'clicks', ShardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: SequenceNumber }));
      const got = await k.send(new GetRecordsCommand({ ShardIterator: it.ShardIterator }));
      assert.equal(Buffer.from(got.Records![0].Data!).toString('utf8'), 'from the cli');
      assert.equal(got.Records![0].PartitionKey, 'p1');
    } finally {
      k.destroy();
    }
    const item = spawnSync(process.execPath, [bin, 'tables', 'put-item', 'orders', '{"pk":"cli","sk":1}', '--endpoint-url', url], { cwd, encoding: 'utf8' });
    assert.equal(item.status, 0, item.stderr);
    assert.equal(JSON.parse(item.stdout).eventName, 'INSERT');
  });

  test('the AWS CLI v1 on the running engine: dynamodb put-item, get-item, describe-table; tables delete-item --endpoint-url', { skip: spawnSync('aws', ['--version']).status !== 0 && 'no aws CLI' }, async () => {
    const url = await engine!.url;
    const env = { ...process.env, AWS_ACCESS_KEY_ID: 'AKIDLOCAL', AWS_SECRET_ACCESS_KEY: 'local', AWS_DEFAULT_REGION: 'us-east-1', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
    const aws = (...args: string[]) =>
      new Promise<Record<string, any>>((resolve, reject) => {
        const c = spawn('aws', ['dynamodb', ...args, '--endpoint-url', url, '--output', 'json'], { env });
        let out = '';
        let err = '';
        c.stdout.on('data', (d: Buffer) => (out += d));
        c.stderr.on('data', (d: Buffer) => (err += d));
        c.on('exit', (code) => (code === 0 ? resolve(out.trim() ? (JSON.parse(out) as Record<string, any>) : {}) : reject(new Error(err))));
      });
    await aws('put-item', '--table-name', 'orders', '--item', '{"pk":{"S":"aws"},"sk":{"N":"2"},"v":{"S":"one"}}');
    assert.deepEqual((await aws('get-item', '--table-name', 'orders', '--key', '{"pk":{"S":"aws"},"sk":{"N":"2"}}')).Item, { pk: { S: 'aws' }, sk: { N: '2' }, v: { S: 'one' } });
    const d = (await aws('describe-table', '--table-name', 'orders')).Table;
    assert.equal(d.StreamSpecification.StreamViewType, 'NEW_AND_OLD_IMAGES');
    assert.equal(d.ItemCount, 2);
    await assert.rejects(aws('get-item', '--table-name', 'nope', '--key', '{"k":{"S":"1"}}'), /ResourceNotFoundException/);
    const del = spawnSync(process.execPath, [bin, 'tables', 'delete-item', 'orders', '{"pk":"aws","sk":2}', '--endpoint-url', url], { cwd, encoding: 'utf8' });
    assert.equal(JSON.parse(del.stdout).eventName, 'REMOVE', del.stderr);
  });
});
