// Integration: crash safety of the local Kinesis-like streams with real processes: a `lambda-workbench start`
// engine is killed with SIGKILL right after it answered PutRecord(s) (more in flight); a new engine on the same
// state directory returns every answered record, with its sequence number and shard, and keeps the stream the
// API created; new records get higher sequence numbers than the old ones. Tables likewise: every answered PutItem
// (through the local DynamoDB item operations) is there after the restart, with its INSERT stream record.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, describe, test } from 'node:test';
import { CreateStreamCommand, GetRecordsCommand, GetShardIteratorCommand, type KinesisClient, ListShardsCommand, PutRecordCommand, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { LambdaService } from '../../src/core/service';
import { tempDir } from '../helpers/tempDirs';
import { kinesisClient } from './helpers/awsClients';
import { fixtures } from './helpers/engine';
import { startProcess, type StartedEngine } from './helpers/startProcess';

const engines: StartedEngine[] = [];

function start(stateDir: string): StartedEngine {
  const e = startProcess(join(fixtures, 'streams'), ['--state-dir', stateDir]);
  engines.push(e);
  return e;
}

async function readAll(k: KinesisClient, stream: string): Promise<Map<string, { shard: string; data: string }>> {
  const out = new Map<string, { shard: string; data: string }>();
  for (const s of (await k.send(new ListShardsCommand({ StreamName: stream }))).Shards!) {
    let it = (await k.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: s.ShardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    for (;;) {
      const r = await k.send(new GetRecordsCommand({ ShardIterator: it, Limit: 50 }));
      for (const x of r.Records!) out.set(`${stream} ${x.SequenceNumber!}`, { shard: s.ShardId!, data: Buffer.from(x.Data!).toString('utf8') });
      if (!r.Records!.length) break;
      it = r.NextShardIterator;
    }
  }
  return out;
}

describe('Kinesis crash safety (kill -9 of a real engine)', () => {
  afterEach(async () => {
    for (const e of engines.splice(0)) {
      if (e.child.exitCode === null && e.child.signalCode === null) e.child.kill('SIGKILL');
      await e.exited;
    }
  });

  test('every PutRecord(s) that was answered is there after kill -9 and a restart', async () => {
    const stateDir = tempDir('lwb-kinesis-crash-');
    const first = start(stateDir);
    const k = kinesisClient(await first.url);
    await k.send(new CreateStreamCommand({ StreamName: 'made-by-api', ShardCount: 2 }));
    const answered = new Map<string, { stream: string; shard: string; data: string }>();
    const puts = Array.from({ length: 40 }, (_, i) => {
      const stream = i % 2 ? 'clicks' : 'made-by-api';
      const p =
        i % 5 === 0
          ? k.send(new PutRecordsCommand({ StreamName: stream, Records: [0, 1, 2].map((j) => ({ PartitionKey: `k${i}-${j}`, Data: Buffer.from(`b${i}-${j}`) })) })).then((r) => r.Records!.forEach((x, j) => answered.set(`${stream} ${x.SequenceNumber!}`, { stream, shard: x.ShardId!, data: `b${i}-${j}` })))
          : k.send(new PutRecordCommand({ StreamName: stream, PartitionKey: `k${i}`, Data: Buffer.from(`r${i}`) })).then((r) => void answered.set(`${stream} ${r.SequenceNumber!}`, { stream, shard: r.ShardId!, data: `r${i}` }));
      return p.catch(() => undefined); // cut off by the kill: never answered, so it may or may not be kept
    });
    while (answered.size < 6) await new Promise((r) => setTimeout(r, 1));
    first.child.kill('SIGKILL');
    await first.exited;
    await Promise.all(puts);
    k.destroy();

    const second = start(stateDir);
    const k2 = kinesisClient(await second.url);
    try {
      const got = new Map([...(await readAll(k2, 'clicks')), ...(await readAll(k2, 'made-by-api'))]);
      const lost = [...answered].filter(([seq, a]) => got.get(seq)?.data !== a.data || got.get(seq)?.shard !== a.shard);
      assert.deepEqual(lost, [], `answered ${answered.size}, found ${got.size} after the restart`);
      const newer = await k2.send(new PutRecordCommand({ StreamName: 'made-by-api', PartitionKey: 'after', Data: Buffer.from('after') }));
      assert.ok([...got.keys()].filter((s) => s.startsWith('made-by-api ')).every((s) => BigInt(s.split(' ')[1]) < BigInt(newer.SequenceNumber!)));
    } finally {
      k2.destroy();
    }
  });
});

describe('table crash safety (kill -9 of a real engine)', () => {
  afterEach(async () => {
    for (const e of engines.splice(0)) {
      if (e.child.exitCode === null && e.child.signalCode === null) e.child.kill('SIGKILL');
      await e.exited;
    }
  });

  const dynamo = async (url: string, op: string, input: Record<string, unknown>) => {
    const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `DynamoDB_20120810.${op}` }, body: JSON.stringify(input) });
    if (!res.ok) throw new Error(`${op}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, any>;
  };

  test('every PutItem that was answered is there after kill -9 — the item and its INSERT stream record', async () => {
    const stateDir = tempDir('lwb-table-crash-');
    const first = start(stateDir);
    const url = await first.url;
    const answered: string[] = [];
    const puts = Array.from({ length: 40 }, (_, i) =>
      dynamo(url, 'PutItem', { TableName: 'orders', Item: { pk: { S: `o${i}` }, sk: { N: '1' }, n: { N: String(i) } } }).then(
        () => void answered.push(`o${i}`),
        () => undefined, // cut off by the kill
      ),
    );
    while (answered.length < 5) await new Promise((r) => setTimeout(r, 1));
    first.child.kill('SIGKILL');
    await first.exited;
    await Promise.all(puts);

    const second = start(stateDir);
    const url2 = await second.url;
    const missing: string[] = [];
    for (const pk of answered) if (!(await dynamo(url2, 'GetItem', { TableName: 'orders', Key: { pk: { S: pk }, sk: { N: '1' } } })).Item) missing.push(pk);
    assert.deepEqual(missing, [], `answered ${answered.length}`);
    second.child.kill('SIGTERM');
    await second.exited;

    const svc = new LambdaService({ cwd: join(fixtures, 'streams'), stateDir });
    try {
      const t = await svc.streams.table('orders');
      const inserted = new Set(t.readAfter(t.shardIds()[0], -1, 1000).filter((r) => r.eventName === 'INSERT').map((r) => (r.keys.pk as { S: string }).S));
      assert.deepEqual(answered.filter((pk) => !inserted.has(pk)), []);
    } finally {
      await svc.dispose();
    }
  });
});
