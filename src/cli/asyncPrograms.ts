// cli: registers `async status` and `queues list|receive|purge` on the program (main.ts calls this once).
import type { Command } from 'commander';
import { asyncStatusCommand, type AsyncCliOptions } from './asyncCommand';
import { queuesListCommand, queuesPurgeCommand, queuesReceiveCommand, type QueuesCliOptions } from './queuesCommand';
import type { CliContext } from './session';

export function registerAsyncCommands(program: Command, common: (cmd: Command) => Command, ctx: CliContext): void {
  const asyncCmd = program.command('async').description("functions' asynchronous invocation queues (retries, destinations)");
  common(asyncCmd.command('status').description("a function's async queue: events waiting, attempts, next attempt, journal file").argument('<function>', 'logical id or function name'))
    .option('--json', 'print JSON')
    .action((fn: string, opts: AsyncCliOptions) => asyncStatusCommand(fn, opts, ctx));

  const queues = program.command('queues').description('local SQS-like queues (destinations, dead-letter queues, topic subscriptions)');
  common(queues.command('list').description('list the local queues with their message counts'))
    .option('--json', 'print JSON')
    .action((opts: QueuesCliOptions) => queuesListCommand(opts, ctx));
  common(queues.command('receive').description('receive messages (one JSON line each) as ReceiveMessage does').argument('<queue>', 'queue name, logical id, URL or ARN'))
    .option('-n, --max <n>', 'at most N messages (1-10)', '10')
    .option('--visibility-timeout <s>', "seconds the messages stay invisible (default: the queue's)")
    .option('--delete', 'delete the received messages')
    .action((q: string, opts: QueuesCliOptions) => queuesReceiveCommand(q, opts, ctx));
  common(queues.command('purge').description('delete every message of a queue').argument('<queue>', 'queue name, logical id, URL or ARN'))
    .action((q: string, opts: QueuesCliOptions) => queuesPurgeCommand(q, opts, ctx));
}
