// cli: registers `queues list|create|send|receive|delete|purge|redrive` and `topics list|publish|subscribe`
// (asyncPrograms.ts calls this once). Each takes --endpoint-url to act on a running `start` engine.
import type { Command } from 'commander';
import { queuesCreateCommand, queuesDeleteCommand, queuesRedriveCommand, queuesSendCommand, type QueueActionOptions } from './queueActions';
import { queuesListCommand, queuesPurgeCommand, queuesReceiveCommand, type QueuesCliOptions } from './queuesCommand';
import type { CliContext } from './session';
import { topicsListCommand, topicsPublishCommand, topicsSubscribeCommand, type TopicsCliOptions } from './topicsCommand';

const collect = (v: string, acc: string[]) => [...acc, v];
const ENDPOINT = ['--endpoint-url <url>', 'act on a running `start` (or VS Code) engine instead of this folder\'s state directory'] as const;

export function registerQueueCommands(program: Command, common: (cmd: Command) => Command, ctx: CliContext): void {
  const queues = program.command('queues').description('local SQS-like queues (template, API-created, destinations, dead-letter queues)');
  common(queues.command('list').description('list the local queues with their message counts'))
    .option('--json', 'print JSON')
    .option(...ENDPOINT)
    .action((opts: QueuesCliOptions) => queuesListCommand(opts, ctx));
  common(queues.command('create').description('create a queue (kept in the state directory) and print its URL').argument('<name>', 'queue name (.fifo for a FIFO queue)'))
    .option('--fifo', 'a FIFO queue (the name must end in .fifo)')
    .option('--content-based-deduplication', 'FIFO: deduplicate by the SHA-256 of the body')
    .option('--visibility-timeout <s>', 'seconds a received message stays invisible (default 30)')
    .option('--delay <s>', 'DelaySeconds for every message (0-900)')
    .option('--retention <s>', 'MessageRetentionPeriod in seconds (default 345600)')
    .option('--dlq <queue>', 'redrive to this queue (name or ARN) after --max-receive-count receives')
    .option('--max-receive-count <n>', 'with --dlq (default 5)')
    .option(...ENDPOINT)
    .action((name: string, opts: QueueActionOptions) => queuesCreateCommand(name, opts, ctx));
  common(queues.command('send').description('send a message; prints its MessageId').argument('<queue>', 'queue name, URL or ARN').argument('[body]', 'the message body (or --file)'))
    .option('-f, --file <path>', 'read the body from a file')
    .option('-a, --attribute <name=value>', 'a message attribute (NAME:Number=V for a number); repeatable', collect, [])
    .option('--group-id <id>', 'FIFO MessageGroupId')
    .option('--dedup-id <id>', 'FIFO MessageDeduplicationId')
    .option('--delay <s>', 'DelaySeconds of this message')
    .option(...ENDPOINT)
    .action((q: string, body: string | undefined, opts: QueueActionOptions) => queuesSendCommand(q, body, opts, ctx));
  common(queues.command('receive').description('receive messages (one JSON line each) as ReceiveMessage does').argument('<queue>', 'queue name, logical id, URL or ARN'))
    .option('-n, --max <n>', 'at most N messages (1-10)', '10')
    .option('--visibility-timeout <s>', "seconds the messages stay invisible (default: the queue's)")
    .option('--wait <s>', 'with --endpoint-url: long-poll up to S seconds (0-20)')
    .option('--delete', 'delete the received messages')
    .option(...ENDPOINT)
    .action((q: string, opts: QueuesCliOptions) => queuesReceiveCommand(q, opts, ctx));
  common(queues.command('delete').description('delete a queue and its messages').argument('<queue>', 'queue name, URL or ARN'))
    .option(...ENDPOINT)
    .action((q: string, opts: QueueActionOptions) => queuesDeleteCommand(q, opts, ctx));
  common(queues.command('purge').description('delete every message of a queue').argument('<queue>', 'queue name, logical id, URL or ARN'))
    .option(...ENDPOINT)
    .action((q: string, opts: QueuesCliOptions) => queuesPurgeCommand(q, opts, ctx));
  common(queues.command('redrive').description("move a dead-letter queue's messages back to their source queues (StartMessageMoveTask)").argument('<dlq>', 'dead-letter queue name, URL or ARN'))
    .option('--to <queue>', 'move them to this queue instead')
    .option(...ENDPOINT)
    .action((q: string, opts: QueueActionOptions) => queuesRedriveCommand(q, opts, ctx));

  const topics = program.command('topics').description('local SNS-like topics and their subscriptions');
  common(topics.command('list').description('list the topics with their subscriptions'))
    .option('--json', 'print JSON')
    .option(...ENDPOINT)
    .action((opts: TopicsCliOptions) => topicsListCommand(opts, ctx));
  common(topics.command('publish').description('publish a message to every subscriber; prints its MessageId').argument('<topic>', 'topic name or ARN').argument('<message>', 'the message'))
    .option('-s, --subject <subject>', 'Subject')
    .option('-a, --attribute <name=value>', 'a message attribute (NAME:Number=V for a number); repeatable', collect, [])
    .option('--group-id <id>', 'FIFO topics: MessageGroupId')
    .option('--dedup-id <id>', 'FIFO topics: MessageDeduplicationId')
    .option(...ENDPOINT)
    .action((t: string, m: string, opts: TopicsCliOptions) => topicsPublishCommand(t, m, opts, ctx));
  common(topics.command('subscribe').description('subscribe a queue or a function to a topic; prints the subscription ARN').argument('<topic>', 'topic name or ARN').argument('<endpoint>', 'queue name or ARN, function name or ARN'))
    .option('-p, --protocol <p>', 'sqs or lambda (default: from the ARN, else sqs)')
    .option('--raw', 'RawMessageDelivery: the message alone, not the SNS JSON envelope')
    .option('--filter-policy <json>', 'FilterPolicy (JSON)')
    .option(...ENDPOINT)
    .action((t: string, e: string, opts: TopicsCliOptions) => topicsSubscribeCommand(t, e, opts, ctx));
}
