// Benchmark case (registered in cases.ts): SendMessage to a local queue through @aws-sdk/client-sqs (JSON
// protocol, its MD5 check on) against the engine's API server — sequential p50/p99 (each answer after the
// journal fsync), and messages/s from 8 concurrent callers (group commit).
import { CreateQueueCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { withService } from './benchService';
import type { BenchCase, BenchContext, Metrics } from './cases';
import { median, nowMs, percentile } from './stats';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

async function send(ctx: BenchContext): Promise<Metrics> {
  return withService(ctx, {}, async (svc) => {
    const api = await svc.lambdaApi();
    const sqs = new SQSClient({ endpoint: api.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' }, maxAttempts: 1 });
    try {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'bench' }));
      const body = JSON.stringify({ order: 42, items: ['a', 'b'], note: 'x'.repeat(200) });
      const one = () => sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body, MessageAttributes: { kind: { DataType: 'String', StringValue: 'bench' } } }));
      for (let i = 0; i < ctx.n(100, 20); i++) await one();
      const samples: number[] = [];
      for (let i = 0; i < ctx.n(500, 100); i++) {
        const t0 = nowMs();
        await one();
        samples.push(nowMs() - t0);
      }
      const total = ctx.n(4000, 800);
      let sent = 0;
      const t0 = nowMs();
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (sent < total) {
            sent++;
            await one();
          }
        }),
      );
      const elapsed = nowMs() - t0;
      return {
        sqs_send_p50_ms: { value: median(samples), unit: 'ms' },
        sqs_send_p99_ms: { value: percentile(samples, 99), unit: 'ms' },
        sqs_send_per_s: { value: (total * 1000) / elapsed, unit: 'messages/s' },
      };
    } finally {
      sqs.destroy();
    }
  });
}

export const sqsCases: BenchCase[] = [{ name: 'sqs_send', description: 'SendMessage through @aws-sdk/client-sqs to a local queue: sequential p50/p99 (answer after fsync), and messages/s from 8 concurrent callers', run: send }];
