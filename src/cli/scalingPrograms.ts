// cli: registers `provisioned …`, `autoscaling …`, `metrics` and `environments` on the program (kept here so
// main.ts only calls one function).
import type { Command } from 'commander';
import { autoScalingDeleteCommand, autoScalingListCommand, autoScalingPutCommand, type AutoScalingCliOptions } from './autoScalingCommand';
import { environmentsCommand, type EnvironmentsCliOptions } from './environmentsCommand';
import { metricsCommand, type MetricsCliOptions } from './metricsCommand';
import { provisionedDeleteCommand, provisionedGetCommand, provisionedListCommand, provisionedPutCommand, type ProvisionedCliOptions } from './provisionedCommand';
import type { CliContext } from './session';

const FN = 'function with its version or alias (fn:live), or use --qualifier';

export function registerScalingCommands(program: Command, common: (cmd: Command) => Command, ctx: CliContext): void {
  const provisioned = program.command('provisioned').description('provisioned concurrency of a version or alias: environments initialised ahead of requests');
  const pc = (name: string, description: string) => common(provisioned.command(name).description(description)).option('-q, --qualifier <q>', 'version number or alias').option('--json', 'print JSON');
  pc('put', 'keep N environments initialised ahead (waits for READY or FAILED unless --no-wait)')
    .argument('<function>', FN)
    .argument('<n>', 'provisioned concurrent executions')
    .option('--no-wait', 'print the IN_PROGRESS status without waiting')
    .action((fn: string, n: string, opts: ProvisionedCliOptions) => provisionedPutCommand(fn, n, opts, ctx));
  pc('get', 'show one config and its status').argument('<function>', FN).action((fn: string, opts: ProvisionedCliOptions) => provisionedGetCommand(fn, opts, ctx));
  pc('list', "list a function's configs (every function's without one)").argument('[function]', 'logical id or function name').action((fn: string | undefined, opts: ProvisionedCliOptions) => provisionedListCommand(fn, opts, ctx));
  pc('delete', 'remove the config (its environments shut down)').argument('<function>', FN).action((fn: string, opts: ProvisionedCliOptions) => provisionedDeleteCommand(fn, opts, ctx));

  const scaling = program.command('autoscaling').description('auto scaling of provisioned concurrency (target tracking on its utilization)');
  const as = (name: string, description: string) => common(scaling.command(name).description(description)).option('-q, --qualifier <q>', 'version number or alias').option('--json', 'print JSON');
  as('put', 'track a target utilization between --min and --max provisioned environments')
    .argument('<function>', FN)
    .option('--min <n>', 'MinCapacity')
    .option('--max <n>', 'MaxCapacity')
    .option('--target <u>', 'target utilization, 0.1–0.9', '0.7')
    .option('--scale-in-cooldown <s>', 'seconds after a scale-in before the next')
    .option('--scale-out-cooldown <s>', 'seconds after a scale-out before the next')
    .action((fn: string, opts: AutoScalingCliOptions) => autoScalingPutCommand(fn, opts, ctx));
  as('list', 'list the scaling targets (template and CLI)').action((opts: AutoScalingCliOptions) => autoScalingListCommand(opts, ctx));
  as('delete', 'stop scaling (the provisioned concurrency stays as it is)').argument('<function>', FN).action((fn: string, opts: AutoScalingCliOptions) => autoScalingDeleteCommand(fn, opts, ctx));

  common(
    program
      .command('metrics')
      .description('per-minute metrics of a function or of one version/alias (CloudWatch names), from every engine on this folder')
      .argument('<function>', 'logical id or function name, optionally with :VERSION or :ALIAS')
      .option('-q, --qualifier <q>', 'version number or alias')
      .option('-n, --minutes <n>', 'only the last N minutes')
      .option('--json', 'print JSON datapoints'),
  ).action((fn: string, opts: MetricsCliOptions) => metricsCommand(fn, opts, ctx));

  common(
    program
      .command('environments')
      .description("execution environments: state, initialisation type, age, invocations, peak memory (this engine's, or a running one's with --endpoint-url)")
      .option('-w, --watch', 'print again every second until Ctrl-C')
      .option('--interval <ms>', 'with --watch: how often', '1000')
      .option('--endpoint-url <url>', 'the Lambda API of a running `start` or VS Code engine')
      .option('--json', 'print JSON'),
  ).action((opts: EnvironmentsCliOptions) => environmentsCommand(opts, ctx));
}
