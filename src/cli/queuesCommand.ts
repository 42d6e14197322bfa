// cli: `lambda-workbench queues list|receive|purge` — the local queues (template AWS::SQS::Queue, and those
// created for a destination): counts, messages received with a visibility timeout, purge.
import { WorkbenchError } from '../core/common/errors';
import { serviceOptions, type CommonOptions } from './serviceOptions';
import { withService, type CliContext } from './session';
import { printTable } from './table';

export interface QueuesCliOptions extends CommonOptions {
  json?: boolean;
  max?: string;
  visibilityTimeout?: string;
  delete?: boolean;
}

function whole(flag: string, v: string | undefined, min: number, max: number, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max) throw new WorkbenchError('INVALID_PARAMETER', `${flag} must be a whole number from ${min} to ${max}, got "${v}".`);
  return n;
}

export async function queuesListCommand(opts: QueuesCliOptions, ctx: CliContext): Promise<void> {
  await withService(ctx, serviceOptions(opts), async (service) => {
    const queues = await (await service.async.resources()).queues();
    const stats = queues.map((q) => q.stats());
    if (opts.json) return void ctx.io.out(JSON.stringify(stats, null, 2) + '\n');
    if (!stats.length) return void ctx.io.out('No local queues: declare an AWS::SQS::Queue in the template (destinations and dead-letter queues name them by ARN).\n');
    printTable(ctx.io, ['QUEUE', 'VISIBLE', 'IN FLIGHT', 'ARN'], stats.map((s) => [s.name, String(s.visible), String(s.inFlight), s.arn]));
  });
}

export async function queuesReceiveCommand(name: string, opts: QueuesCliOptions, ctx: CliContext): Promise<void> {
  const max = whole('--max', opts.max, 1, 10, 10);
  const visibility = opts.visibilityTimeout === undefined ? undefined : whole('--visibility-timeout', opts.visibilityTimeout, 0, 43_200, 30);
  await withService(ctx, serviceOptions(opts), async (service) => {
    const q = await (await service.async.resources()).queue(name);
    const messages = await q.receive(max, visibility);
    for (const m of messages) {
      ctx.io.out(JSON.stringify({ MessageId: m.messageId, ReceiptHandle: m.receiptHandle, Body: m.body, MD5OfBody: m.md5OfBody, MessageAttributes: m.attributes, ApproximateReceiveCount: m.receiveCount }) + '\n');
      if (opts.delete && m.receiptHandle) await q.delete(m.receiptHandle);
    }
    if (!messages.length) ctx.io.err(`No visible messages in "${q.name}".\n`);
  });
}

export async function queuesPurgeCommand(name: string, opts: QueuesCliOptions, ctx: CliContext): Promise<void> {
  await withService(ctx, serviceOptions(opts), async (service) => {
    const q = await (await service.async.resources()).queue(name);
    const n = await q.purge();
    ctx.io.out(`Purged ${n} message${n === 1 ? '' : 's'} from "${q.name}".\n`);
  });
}
