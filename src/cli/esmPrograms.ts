// cli: registers `esm list|create|update|enable|disable|delete` (main.ts calls this once). Each takes
// --endpoint-url to act on a running `start` (or VS Code) engine.
import type { Command } from 'commander';
import { esmCreateCommand, esmDeleteCommand, esmEnableCommand, esmListCommand, esmUpdateCommand, type EsmCliOptions } from './esmCommand';
import type { CliContext } from './session';

const collect = (v: string, acc: string[]) => [...acc, v];
const ENDPOINT = ['--endpoint-url <url>', "act on a running `start` (or VS Code) engine instead of this folder's state directory"] as const;

function settings(cmd: Command): Command {
  return cmd
    .option('--batch-size <n>', 'BatchSize (SQS 1-10000, FIFO 1-10, default 10; streams default 100)')
    .option('--batching-window <s>', 'MaximumBatchingWindowInSeconds (0-300; SQS BatchSize > 10 needs at least 1)')
    .option('--report-batch-item-failures', 'FunctionResponseTypes ReportBatchItemFailures (partial batch responses)')
    .option('--filter <pattern>', 'a FilterCriteria pattern (JSON); repeatable, up to 5, ORed', collect, [])
    .option('--maximum-concurrency <n>', 'SQS ScalingConfig.MaximumConcurrency (2-1000)')
    .option('--input <json|file>', 'more CreateEventSourceMapping members as JSON (or a JSON file), e.g. streams settings')
    .option('--json', 'print the mapping as the API returns it')
    .option(...ENDPOINT);
}

export function registerEsmCommands(program: Command, common: (cmd: Command) => Command, ctx: CliContext): void {
  const esm = program.command('esm').description('event source mappings: queues and streams that invoke functions in batches');
  common(esm.command('list').description('list the mappings with state, batch size and last processing result'))
    .option('-f, --function <name>', 'only the mappings of this function')
    .option('--json', 'print JSON')
    .option(...ENDPOINT)
    .action((opts: EsmCliOptions) => esmListCommand(opts, ctx));
  settings(
    common(esm.command('create').description('create a mapping (kept in the state directory) and print its UUID'))
      .requiredOption('-f, --function <name>', 'the function (name, name:alias or ARN)')
      .requiredOption('-s, --source <queue|arn>', 'the event source: a queue name, or a queue/stream ARN')
      .option('--starting-position <p>', 'streams: TRIM_HORIZON, LATEST or AT_TIMESTAMP')
      .option('--disabled', 'create it disabled'),
  ).action((opts: EsmCliOptions) => esmCreateCommand(opts, ctx));
  settings(common(esm.command('update').description("change a mapping's settings").argument('<uuid>', 'the mapping UUID')).option('-f, --function <name>', 'point it at another function'))
    .action((uuid: string, opts: EsmCliOptions) => esmUpdateCommand(uuid, opts, ctx));
  common(esm.command('enable').description('enable a mapping (its poller starts)').argument('<uuid>', 'the mapping UUID'))
    .option('--json', 'print the mapping as JSON')
    .option(...ENDPOINT)
    .action((uuid: string, opts: EsmCliOptions) => esmEnableCommand(uuid, true, opts, ctx));
  common(esm.command('disable').description('disable a mapping (its poller stops; messages stay in the source)').argument('<uuid>', 'the mapping UUID'))
    .option('--json', 'print the mapping as JSON')
    .option(...ENDPOINT)
    .action((uuid: string, opts: EsmCliOptions) => esmEnableCommand(uuid, false, opts, ctx));
  common(esm.command('delete').description('delete a mapping').argument('<uuid>', 'the mapping UUID'))
    .option('--json', 'print the mapping as JSON')
    .option(...ENDPOINT)
    .action((uuid: string, opts: EsmCliOptions) => esmDeleteCommand(uuid, opts, ctx));
}
