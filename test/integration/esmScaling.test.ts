// Integration: SQS poller scaling and throttling on a real engine with a virtual engine clock (§11.2, §8) — a
// mapping starts 5 pollers (or MaximumConcurrency when lower), adds pollers while every one is busy with full
// batches as engine time passes, never beyond ScalingConfig.MaximumConcurrency; a throttled function (reserved
// concurrency 0) leaves the messages in the queue and reports "PROBLEM: Function call throttled".
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { VirtualClock } from '../../src/core/common/clock';
import { fixtures, startEngine, type TestEngine } from './helpers/engine';

describe('SQS poller scaling and throttling', () => {
  const clock = new VirtualClock(Date.UTC(2026, 5, 1));
  let e: TestEngine;
  const arn = (q: string) => `arn:aws:sqs:us-east-1:123456789012:${q}`;
  const details = async (uuid: string) => (await e.service.mappings.details()).find((d) => d.config.UUID === uuid)!;
  /** The pollers a mapping starts with: its poller opens the queue a moment after the mapping settles to Enabled. */
  const startingConcurrency = async (uuid: string): Promise<number | undefined> => {
    for (let i = 0; i < 100; i++) {
      const n = (await details(uuid)).stats?.concurrency;
      if (n) return n;
      await new Promise((r) => setTimeout(r, 20));
    }
    return (await details(uuid)).stats?.concurrency;
  };

  before(async () => {
    e = startEngine(join(fixtures, 'esm'), { engineClock: clock });
    await e.service.mappings.start();
  });
  after(() => e.dispose());

  test('MaximumConcurrency below 5 is where the pollers start', async () => {
    const m = await e.service.mappings.create({ FunctionName: 'esm-stamp', EventSourceArn: arn('esm-work-dlq'), ScalingConfig: { MaximumConcurrency: 2 } });
    await e.service.mappings.settled();
    assert.equal(await startingConcurrency(m.UUID), 2);
    await e.service.mappings.delete(m.UUID);
    await e.service.mappings.settled();
  });

  test('busy pollers with full batches grow one per 200 ms of engine time, up to MaximumConcurrency', async () => {
    const q = await (await e.service.async.resources()).queue('esm-plain');
    for (let i = 0; i < 60; i++) await q.send('{"sleepMs":400}');
    const m = await e.service.mappings.create({ FunctionName: 'esm-consumer', EventSourceArn: arn('esm-plain'), BatchSize: 1, ScalingConfig: { MaximumConcurrency: 7 } });
    await e.service.mappings.settled();
    assert.equal(await startingConcurrency(m.UUID), 5, 'five at first');
    let most = 0;
    for (let i = 0; i < 200 && most < 7; i++) {
      clock.advance(250);
      await new Promise((r) => setTimeout(r, 50));
      most = Math.max(most, (await details(m.UUID)).stats?.concurrency ?? 0);
      assert.ok(most <= 7, `never more than MaximumConcurrency (saw ${most})`);
    }
    assert.equal(most, 7, 'grew to MaximumConcurrency');
    await e.service.mappings.disable(m.UUID);
    await e.service.mappings.settled();
    await q.purge();
    await e.service.mappings.delete(m.UUID);
    await e.service.mappings.settled();
  });

  test('a throttled function keeps the messages in the queue', async () => {
    await e.service.concurrency.put('esm-other', 0);
    const resources = await e.service.async.resources();
    await resources.create({ kind: 'queue', name: 'throttled', arn: arn('throttled'), fifo: false, visibilityTimeout: 30 });
    const q = await resources.queue('throttled');
    const m = await e.service.mappings.create({ FunctionName: 'esm-other', EventSourceArn: arn('throttled'), BatchSize: 10 });
    await e.service.mappings.settled();
    await q.send('throttled');
    let d = await details(m.UUID);
    for (let i = 0; i < 100 && !d.recent.length; i++) {
      await new Promise((r) => setTimeout(r, 50));
      d = await details(m.UUID);
    }
    assert.equal(d.recent[0]?.outcome, 'throttled');
    assert.equal(d.lastProcessingResult, 'PROBLEM: Function call throttled');
    assert.equal(q.peek().length, 1, 'the message stays (visible again after the visibility timeout)');
    await e.service.concurrency.delete('esm-other');
  });
});
