// cli: `lambda-workbench async status <fn>` — a function's asynchronous queue as the state directory holds
// it: events waiting, their attempts so far and when the next is due, and the journal file.
import type { QueueStatus } from '../core/invoke/async/functionQueue';
import { serviceOptions, type CommonOptions } from './serviceOptions';
import { withService, type CliContext } from './session';

export interface AsyncCliOptions extends CommonOptions {
  json?: boolean;
}

export function formatStatus(s: QueueStatus): string {
  const lines = [
    `${s.functionName}\tqueued: ${s.queued}\tin flight: ${s.inFlight}\tnext attempt: ${s.nextAttemptAt === undefined ? '-' : new Date(s.nextAttemptAt).toISOString()}`,
    `journal: ${s.journal}`,
  ];
  for (const e of s.events) lines.push(`  ${e.requestId}\tattempts: ${e.attempts}\t${e.running ? 'running' : `due ${new Date(e.dueAt).toISOString()}`}\taccepted ${new Date(e.acceptedAt).toISOString()}`);
  return lines.join('\n') + '\n';
}

export async function asyncStatusCommand(fn: string, opts: AsyncCliOptions, ctx: CliContext): Promise<void> {
  // Only reads: an engine that ran the queue here would start attempts; `status` just shows the journal.
  await withService(ctx, { ...serviceOptions(opts), asyncParallelism: 0 }, async (service) => {
    const s = await service.async.status(fn);
    ctx.io.out(opts.json ? JSON.stringify(s, null, 2) + '\n' : formatStatus(s));
  });
}
