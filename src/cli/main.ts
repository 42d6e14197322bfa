// cli: the command-line front door over the same LambdaService the extension uses. Logs stream to
// stderr, payloads go to stdout. Exit 0 on success, 1 when the function failed, 2 on usage/config errors.
import { Command, CommanderError, Option } from 'commander';
import { invokeCommand } from './invokeCommand';
import { layersListCommand, layersPublishCommand } from './layersCommand';
import { listCommand } from './listCommand';
import { packageCommand } from './packageCommand';
import { reportError } from './output';

function collect(value: string, previous: string[]): string[] {
  return previous.concat(value.split(/\s+/).filter(Boolean));
}

export function buildProgram(): Command {
  const program = new Command('lambda-workbench')
    .description('Run AWS Lambda functions from a SAM template locally, as Lambda runs them.')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  const common = (cmd: Command) =>
    cmd
      .option('-t, --template <path>', 'SAM template (default: template.yaml|yml|json in the current folder)')
      .option('--parameter-overrides <K=V...>', 'template parameter values (K=V or ParameterKey=K,ParameterValue=V)', collect, [])
      .option('--env-vars <file>', 'JSON file of environment variables keyed by logical id, plus "Parameters" for all functions')
      .option('--state-dir <dir>', 'state directory (default: ./.lambda-workbench)')
      .option('--region <region>', 'AWS region the functions believe they run in', 'us-east-1')
      .addOption(new Option('--node-path <path>', 'node executable to run Node.js functions with (default: node on PATH)'))
      .addOption(new Option('--python-path <path>', 'python executable to run Python functions with (default: python3.X, then python3)'));

  common(
    program
      .command('invoke')
      .description('invoke a function; logs to stderr, the response payload to stdout')
      .argument('<function>', 'logical id or function name')
      .option('-e, --event <file>', 'event JSON file, or - for standard input (default: {})')
      .option('-r, --repeat <n>', 'invoke N times in a row on the same engine (first cold, the rest warm)', '1')
      .option('--log-format <fmt>', 'override LoggingConfig.LogFormat (Text or JSON)')
      .option('-d, --debug-port <port>', 'start with the Node inspector (or debugpy) on 127.0.0.1:PORT and wait for a debugger to attach'),
  ).action(invokeCommand);

  common(
    program
      .command('list')
      .description('list the functions of the template')
      .option('--json', 'print JSON'),
  ).action(listCommand);

  common(
    program
      .command('package')
      .description('write deployment packages (ZIP) and print path, size and CodeSha256')
      .argument('[function]', 'logical id')
      .option('--all', 'package every function of the template')
      .option('-o, --out <dir>', 'where to write <LogicalId>.zip', '.lambda-workbench/dist')
      .option('--json', 'print JSON'),
  ).action(packageCommand);

  const layers = program.command('layers').description('local layer versions');
  common(
    layers
      .command('publish')
      .description('build a LayerVersion of the template and publish it as a new local version')
      .argument('<layer>', 'logical id of the LayerVersion resource')
      .option('--json', 'print JSON'),
  ).action(layersPublishCommand);
  common(layers.command('list').description('list published local layer versions').option('--json', 'print JSON')).action(layersListCommand);

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit 0; parse errors were already printed by commander.
      return e.exitCode === 0 ? 0 : 2;
    }
    reportError(e);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      reportError(e);
      process.exit(2);
    },
  );
}
