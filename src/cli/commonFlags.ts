// cli: the one table of the options every command takes (SAM CLI's spellings first), and the Docker-only
// options of `sam local` that are accepted, with one warning, so existing scripts keep working.
import { Option, type Command } from 'commander';

export interface FlagRow {
  flags: string;
  description: string;
  default?: string | string[];
  /** Repeatable: each value is appended (commander's variadic `<x...>` also takes several after one flag). */
  repeatable?: boolean;
  /** The short flag (e.g. `-n`) only on these commands; elsewhere it belongs to another option. */
  shortOn?: readonly string[];
  hidden?: boolean;
}

const append = (value: string, previous: string[] | undefined): string[] => (previous ?? []).concat(value);

/** The common options, in help order. `--template-file` is SAM's other name of `--template`. */
export const COMMON_FLAGS: readonly FlagRow[] = [
  { flags: '-t, --template <path>', description: 'SAM template (default: template.yaml|yml|json in the current folder, or its `sam build` output when newer)' },
  { flags: '--template-file <path>', description: 'same as --template (SAM CLI)', hidden: true },
  { flags: '--parameter-overrides <K=V...>', description: 'template parameter values: K=V K2="a b", ParameterKey=K,ParameterValue=V, file://params.json|yaml, AWS::Region=…', repeatable: true },
  { flags: '-n, --env-vars <file>', description: 'environment variables: SAM\'s JSON (keyed by logical id, "Parameters" for all) or a .env file', shortOn: ['invoke', 'start'] },
  { flags: '--config-file <path>', description: 'samconfig file of default option values (default: samconfig.toml|yaml|yml in the current folder)' },
  { flags: '--config-env <name>', description: 'environment of the samconfig file to read', default: 'default' },
  { flags: '--region <region>', description: 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile\'s region, us-east-1)' },
  { flags: '--profile <name>', description: 'profile of ~/.aws/credentials and ~/.aws/config for credentials and region (default: AWS_PROFILE, default)' },
  { flags: '--no-aws-credentials', description: 'give functions placeholder credentials instead of yours' },
  { flags: '-l, --log-file <file>', description: "append the functions' logs to FILE instead of standard error", shortOn: ['invoke', 'start'] },
  { flags: '--state-dir <dir>', description: 'state directory (default: ./.lambda-workbench)' },
  { flags: '--node-path <path>', description: 'node executable to run Node.js functions with (default: node on PATH)' },
  { flags: '--python-path <path>', description: 'python executable to run Python functions with (default: python3.X, then python3)' },
  { flags: '--install-runtimes <mode>', description: 'install a missing Node.js major from the npm registry into the cache: ask (on a terminal), auto or never', default: 'ask' },
  { flags: '--account-concurrency <n>', description: "the account's concurrency limit (Lambda's default 1000); e.g. 10 to rehearse throttling" },
  { flags: '--max-local-environments <n>', description: 'how many environment processes this machine may run (default: free memory by MemorySize); past it requests wait' },
  { flags: '--no-freeze', description: 'keep environments running between invocations (Lambda freezes them: timers and un-awaited work pause)' },
  { flags: '--time-scale <n>', description: "run the engine's timers (async retry delays, event age) N times faster; function timeouts stay real" },
];

/**
 * `sam local invoke` / `start-api` / `start-lambda` options that only steer Docker. No container is used here,
 * so each is accepted and ignored, with one warning naming those given (README "Coming from SAM CLI").
 */
export const DOCKER_ONLY_FLAGS: readonly FlagRow[] = [
  { flags: '--docker-network <network>', description: 'Docker network of the containers' },
  { flags: '--skip-pull-image', description: 'do not pull the latest emulation image' },
  { flags: '--container-host <host>', description: 'host of the containers' },
  { flags: '--container-host-interface <ip>', description: 'interface the container ports bind to' },
  { flags: '-v, --docker-volume-basedir <dir>', description: 'where the code is mounted from, for a remote Docker' },
  { flags: '--invoke-image <image>', description: 'container image per function', repeatable: true },
  { flags: '--warm-containers <mode>', description: 'EAGER or LAZY warm containers (environments here are always kept warm)' },
  { flags: '--container-env-vars <file>', description: 'variables of the debugging container' },
  { flags: '--debugger-path <path>', description: 'debugger to mount into the container' },
  { flags: '--debug-args <args>', description: 'extra arguments of the debugger in the container' },
  { flags: '--layer-cache-basedir <dir>', description: 'where layer images are cached' },
  { flags: '--force-image-build', description: 'rebuild the layer image' },
  { flags: '--add-host <host:ip>', description: 'extra /etc/hosts entries of the container', repeatable: true },
  { flags: '--shutdown', description: 'send a SHUTDOWN event to extensions of the container' },
  { flags: '--mount-symlinks', description: 'mount symlinked folders into the container' },
  { flags: '--no-memory-limit', description: 'run the container without its memory limit' },
];

/** Commands that take SAM's Docker-only options. */
const DOCKER_COMMANDS = new Set(['invoke', 'start']);

/** The commander option of a row (its short flag only on the commands of `shortOn`). */
export function optionOf(row: FlagRow, command: string): Option {
  const flags = row.shortOn && !row.shortOn.includes(command) ? row.flags.replace(/^-\w, /, '') : row.flags;
  const o = new Option(flags, row.description);
  if (row.repeatable) o.argParser(append);
  if (row.default !== undefined) o.default(row.default);
  if (row.hidden) o.hideHelp();
  return o;
}

/** Adds the common options (and, on invoke/start, the hidden Docker-only ones) to `cmd`. */
export function addCommonFlags(cmd: Command): Command {
  for (const row of COMMON_FLAGS) cmd.addOption(optionOf(row, cmd.name()));
  if (DOCKER_COMMANDS.has(cmd.name())) for (const row of DOCKER_ONLY_FLAGS) cmd.addOption(optionOf(row, cmd.name()).hideHelp());
  return cmd;
}

/** The attribute name commander stores an option's value under (`--docker-network` → dockerNetwork). */
export function attributeOf(row: FlagRow): string {
  const long = /--(?:no-)?([\w-]+)/.exec(row.flags)![1];
  return long.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
}

/** One warning naming the Docker-only options given on the command line or by samconfig, or undefined. */
export function dockerOnlyWarning(cmd: Command): string | undefined {
  if (!DOCKER_COMMANDS.has(cmd.name())) return undefined;
  const given = DOCKER_ONLY_FLAGS.filter((row) => {
    const source = cmd.getOptionValueSource(attributeOf(row));
    return source === 'cli' || source === 'config';
  }).map((row) => /--[\w-]+/.exec(row.flags)![0]);
  if (given.length === 0) return undefined;
  return `${given.join(', ')} ${given.length > 1 ? 'are' : 'is'} SAM CLI's Docker-only option${given.length > 1 ? 's' : ''}, ignored: Lambda Workbench runs functions in local processes, not containers`;
}
