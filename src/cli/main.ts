// cli: the command-line front door over the same LambdaService the extension uses. Logs stream to
// stderr, payloads go to stdout. Exit 0 on success, 1 when the function failed, 2 on usage/config errors,
// 128 + N when stopped by signal N (130 for Ctrl-C), 141 when the reader of stdout went away.
import { Command, CommanderError, Option } from 'commander';
import { addCommonFlags, dockerOnlyWarning } from './commonFlags';
import { applySamConfig } from './samConfig';
import { CliOutput } from './cliOutput';
import type * as HistoryCommand from './historyCommand';
import { CLOSED_STDOUT_EXIT_CODE, Interruption } from './interruption';
import { invokeCommand } from './invokeCommand';
import type * as LayersCommand from './layersCommand';
import type * as ListCommand from './listCommand';
import type * as PackageCommand from './packageCommand';
import type * as DeployProgram from './deployProgram';
import type * as SyncCommand from './syncCommand';
import type * as StartCommand from './startCommand';
import type * as RoutesCommand from './routesCommand';
import type * as GenerateEventCommand from './generateEventCommand';
import type * as InitCommand from './initCommand';
import type { CliContext } from './session';
import type { HeadStart } from './headStart';
import type * as VersionsPrograms from './versionsPrograms';
import type * as ConcurrencyPrograms from './concurrencyPrograms';
import type * as ScalingPrograms from './scalingPrograms';
import type * as AsyncPrograms from './asyncPrograms';
import type * as EventsPrograms from './eventsPrograms';
import type * as StreamsPrograms from './streamsPrograms';
import type * as EsmPrograms from './esmPrograms';
import type * as PipelineCommand from './pipelineCommand';

/**
 * The modules of the other commands load when the program is built for them: a one-shot `invoke` neither
 * initialises nor caches the code of the fifty commands it cannot reach (issue 10).
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const loadHistoryCommand = (): typeof HistoryCommand => require('./historyCommand') as typeof HistoryCommand;
const loadLayersCommand = (): typeof LayersCommand => require('./layersCommand') as typeof LayersCommand;
const loadListCommand = (): typeof ListCommand => require('./listCommand') as typeof ListCommand;
const loadPackageCommand = (): typeof PackageCommand => require('./packageCommand') as typeof PackageCommand;
const loadDeployProgram = (): typeof DeployProgram => require('./deployProgram') as typeof DeployProgram;
const loadSyncCommand = (): typeof SyncCommand => require('./syncCommand') as typeof SyncCommand;
const loadStartCommand = (): typeof StartCommand => require('./startCommand') as typeof StartCommand;
const loadRoutesCommand = (): typeof RoutesCommand => require('./routesCommand') as typeof RoutesCommand;
const loadGenerateEventCommand = (): typeof GenerateEventCommand => require('./generateEventCommand') as typeof GenerateEventCommand;
const loadInitCommand = (): typeof InitCommand => require('./initCommand') as typeof InitCommand;
const loadVersionsPrograms = (): typeof VersionsPrograms => require('./versionsPrograms') as typeof VersionsPrograms;
const loadConcurrencyPrograms = (): typeof ConcurrencyPrograms => require('./concurrencyPrograms') as typeof ConcurrencyPrograms;
const loadScalingPrograms = (): typeof ScalingPrograms => require('./scalingPrograms') as typeof ScalingPrograms;
const loadAsyncPrograms = (): typeof AsyncPrograms => require('./asyncPrograms') as typeof AsyncPrograms;
const loadEventsPrograms = (): typeof EventsPrograms => require('./eventsPrograms') as typeof EventsPrograms;
const loadStreamsPrograms = (): typeof StreamsPrograms => require('./streamsPrograms') as typeof StreamsPrograms;
const loadEsmPrograms = (): typeof EsmPrograms => require('./esmPrograms') as typeof EsmPrograms;
const loadPipelineCommand = (): typeof PipelineCommand => require('./pipelineCommand') as typeof PipelineCommand;
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * The whole program, or with `only: 'invoke'` the invoke command alone: a one-shot invoke (the command run most,
 * and timed against `node -e 0`, issue 10) does not build the fifty others it cannot reach.
 */
export function buildProgram(ctx: CliContext, only?: 'invoke'): Command {
  const program = new Command('lambda-workbench')
    .description('Run AWS Lambda functions from a SAM template locally, as Lambda runs them.')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) });

  const common = addCommonFlags;
  // Before each command: samconfig defaults for the options not on the command line, then one warning for
  // SAM's Docker-only options (commonFlags.ts).
  program.hook('preAction', (_program, cmd) => {
    if (cmd.getOptionValueSource('templateFile') === 'cli') cmd.setOptionValueWithSource('template', cmd.getOptionValue('templateFile'), 'cli');
    if (cmd.options.some((o) => o.attributeName() === 'configEnv')) applySamConfig(cmd, process.cwd());
    const docker = dockerOnlyWarning(cmd);
    if (docker) ctx.io.warn(docker);
  });

  common(
    program
      .command('invoke')
      .description('invoke a function; logs to stderr, the response payload to stdout')
      .argument('[function]', 'logical id or function name, optionally with :VERSION or :ALIAS, or an ARN (optional when the template has one function)')
      .option('-q, --qualifier <q>', 'version number, alias or $LATEST to invoke')
      .option('-e, --event <file>', 'event JSON file, - for standard input, or sample:<service>/<event> (see generate-event); default {}')
      .addOption(new Option('--no-event', 'send {} (SAM CLI\'s flag; the default anyway)').hideHelp())
      .option('--repeat <n>', 'invoke N times in a row on the same engine (first cold, the rest warm)', '1')
      .option('-c, --concurrency <n>', 'with --repeat: keep N invocations in flight and print a summary (ok / throttled / errors, p50/p99)')
      .option('--json', 'with --concurrency: print the summary as JSON')
      .option('--log-format <fmt>', 'override LoggingConfig.LogFormat (Text or JSON)')
      .option('-d, --debug-port <port>', 'start with the Node inspector (or debugpy) on 127.0.0.1:PORT and wait for a debugger to attach')
      .option('--async', "invoke asynchronously (InvocationType Event): queue the event durably, print its request id, then run the queue until it is empty")
      .option('--no-wait', 'with --async: queue the event and exit (it runs when an engine next starts on this state directory)'),
  ).action((fn: string | undefined, opts: Parameters<typeof invokeCommand>[1]) => invokeCommand(fn, opts, ctx));
  if (only === 'invoke') return program;

  program
    .command('generate-event')
    .description('print a sample event (as `sam local generate-event`): no arguments lists the services, a service lists its events and flags')
    .argument('[service]', 'apigateway, s3, sqs, sns, dynamodb, kinesis, … (omit to list them)')
    .argument('[event]', 'the event of the service, e.g. aws-proxy, put, receive-message')
    .option('--region <region>', 'region in ARNs and records', process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1')
    .option('--account-id <id>', 'account id in ARNs and records', '123456789012')
    .option('--partition <partition>', 'ARN partition', 'aws')
    .allowUnknownOption()
    .allowExcessArguments()
    .action((service: string | undefined, event: string | undefined, opts: Parameters<typeof GenerateEventCommand.generateEventCommand>[3], cmd: Command) =>
      loadGenerateEventCommand().generateEventCommand(service, event, cmd.args.slice([service, event].filter(Boolean).length), opts, ctx));

  program
    .command('init')
    .description('start from a blueprint: a new project in DIR, or the function added to DIR/template.yaml (comments kept)')
    .argument('[dir]', 'project folder (default: the current folder)')
    .option('-b, --blueprint <name>', 'the blueprint (see --list)')
    .option('-a, --app <name>', 'an application template (see --list): a new project in DIR, which must be new or empty')
    .option('-n, --name <FnName>', "logical id of the new function (default: the blueprint's); with --app, the project's name")
    .option('--runtime <runtime>', "one of the blueprint's runtimes (default: its first)")
    .option('-l, --list', 'list the blueprints and application templates')
    .option('--json', 'print JSON')
    .addOption(new Option('--blueprints-dir <dir>', 'read blueprints from DIR').hideHelp())
    .action((dir: string | undefined, opts: Parameters<typeof InitCommand.initCommand>[1]) => loadInitCommand().initCommand(dir, opts, ctx));

  common(
    program
      .command('list')
      .description('list the functions of the template')
      .option('--json', 'print JSON'),
  ).action((opts: Parameters<typeof ListCommand.listCommand>[0]) => loadListCommand().listCommand(opts, ctx));

  common(
    program
      .command('package')
      .description('write deployment packages (ZIP) and print path, size and CodeSha256')
      .argument('[function]', 'logical id')
      .option('--all', 'package every function of the template')
      .option('-o, --out <dir>', 'where to write <LogicalId>.zip', '.lambda-workbench/dist')
      .option('--output-template <file>', 'with --all: also package the layers and write a template whose code properties point at the ZIPs (for sam deploy)')
      .option('--json', 'print JSON'),
  ).action((fn: string | undefined, opts: Parameters<typeof PackageCommand.packageCommand>[1]) => loadPackageCommand().packageCommand(fn, opts, ctx));

  const syncCmd = common(
    program
      .command('sync')
      .description('create or update the template\'s functions and layers on AWS Lambda or another Lambda API (like `sam sync --code`): only what changed')
      .argument('[functions...]', 'logical ids or function names (default: all)'),
  );
  for (const row of loadSyncCommand().SYNC_FLAGS) syncCmd.option(row.flags, row.description);
  syncCmd.action((fns: string[], opts: Parameters<typeof SyncCommand.syncCommand>[1]) => loadSyncCommand().syncCommand(fns, opts, ctx));

  common(
    program
      .command('start')
      .description("serve the local Lambda API (AWS SDK, AWS CLI: --endpoint-url) and the template's APIs and function URLs on 127.0.0.1 until Ctrl-C")
      .option('-p, --port <port>', 'port on 127.0.0.1 (0 picks a free one)', '3001')
      .option('--api-port <port>', "port of the template's API Gateway APIs (an API whose routes clash gets the next one; 0 picks free ones)", '3000')
      .option('--url-port <port>', 'first port of the function URLs, one port each counting up (0 picks free ones)', '9000')
      .option('--no-apis', "serve the Lambda API only, not the template's APIs and function URLs")
      .option('-d, --debug-port <port>', 'the first invoke of each function waits for a debugger (Node inspector or debugpy) on 127.0.0.1:PORT')
      .option('--debug-function <function>', 'with --debug-port: only this function (logical id or name) is debugged')
      .option('-q, --quiet', 'do not log each API request'),
  ).action((opts: Parameters<typeof StartCommand.startCommand>[0]) => loadStartCommand().startCommand(opts, ctx));

  common(
    program
      .command('routes')
      .description("list the template's API Gateway routes and function URLs (method, path, function, API, auth)")
      .option('--json', 'print JSON'),
  ).action((opts: Parameters<typeof RoutesCommand.routesCommand>[0]) => loadRoutesCommand().routesCommand(opts, ctx));

  const layers = program.command('layers').description('local layer versions');
  common(
    layers
      .command('publish')
      .description('build a LayerVersion of the template and publish it as a new local version')
      .argument('<layer>', 'logical id of the LayerVersion resource')
      .option('--json', 'print JSON'),
  ).action((layer: string, opts: Parameters<typeof LayersCommand.layersPublishCommand>[1]) => loadLayersCommand().layersPublishCommand(layer, opts, ctx));
  common(layers.command('list').description('list published local layer versions').option('--json', 'print JSON')).action((opts: Parameters<typeof LayersCommand.layersListCommand>[0]) => loadLayersCommand().layersListCommand(opts, ctx));

  loadVersionsPrograms().registerVersionCommands(program, common, ctx);
  // `history rerun <id> --state-dir D`: the parent takes the common options too, so subcommands read both.
  const history = common(
    program
      .command('history')
      .description('list past invocations (newest first): from VS Code, the CLI, the API…')
      .argument('[function]', 'only this function')
      .option('--json', 'print JSON records (event, result, logs, durations…)')
      .option('-n, --limit <n>', 'at most N invocations'),
  ).action((fn: string | undefined, opts: Parameters<typeof HistoryCommand.historyCommand>[1]) => loadHistoryCommand().historyCommand(fn, opts, ctx));
  common(history.command('show').description('print one past invocation as JSON').argument('<id>', 'request id (or a unique prefix)'))
    .action((id: string, _opts: unknown, cmd: Command) => loadHistoryCommand().historyShowCommand(id, cmd.optsWithGlobals(), ctx));
  common(history.command('rerun').description('invoke the function of a past invocation again with the same event').argument('<id>', 'request id (or a unique prefix)'))
    .action((id: string, _opts: unknown, cmd: Command) => loadHistoryCommand().historyRerunCommand(id, cmd.optsWithGlobals(), ctx));

  loadConcurrencyPrograms().registerConcurrencyCommands(program, common, ctx);
  loadScalingPrograms().registerScalingCommands(program, common, ctx);
  loadAsyncPrograms().registerAsyncCommands(program, common, ctx);
  loadEventsPrograms().registerEventsCommands(program, common, ctx);
  loadStreamsPrograms().registerStreamsCommands(program, common, ctx);
  loadEsmPrograms().registerEsmCommands(program, common, ctx);
  loadPipelineCommand().registerPipelineCommands(program, common, ctx);
  loadDeployProgram().registerDeployCommand(program, common, ctx);
  return program;
}

/**
 * Runs the CLI and resolves with its exit code once everything it wrote has reached the OS, so the caller
 * may `process.exit()` with it without cutting off output still queued for a pipe.
 */
export async function main(argv: string[], headStart?: HeadStart): Promise<number> {
  const io = new CliOutput();
  const interruption = new Interruption(io);
  const watching = [io.listen(), interruption.listen(), io.onStdoutClosed(() => interruption.stop(CLOSED_STDOUT_EXIT_CODE))];
  let code: number;
  try {
    await buildProgram({ io, interruption, headStart }, argv[0] === 'invoke' ? 'invoke' : undefined).parseAsync(argv, { from: 'user' });
    code = typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit 0; parse errors were already printed by commander.
      code = e.exitCode === 0 ? 0 : 2;
    } else {
      io.error(e);
      code = 2;
    }
  }
  code = interruption.exitCode ?? code;
  interruption.finish();
  await io.flush();
  for (const d of watching) void d.dispose();
  return code;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
