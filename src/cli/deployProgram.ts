// cli: registers `deploy` (main.ts calls this once) with its options as one table, SAM deploy's spellings.
import type { Command } from 'commander';
import { deployCommand, type DeployOptions } from './deployCommand';
import { optionOf, type FlagRow } from './commonFlags';
import type { CliContext } from './session';

const DEPLOY_FLAGS: readonly FlagRow[] = [
  { flags: '--stack-name <name>', description: 'CloudFormation stack to create or update (default: the one this template was last deployed to)' },
  { flags: '--s3-bucket <bucket>', description: 'bucket for the packages (keys <prefix>/<sha256>.zip; uploaded only when not there yet)' },
  { flags: '--s3-prefix <prefix>', description: 'key prefix in the bucket (default: the stack name)' },
  { flags: '--resolve-s3', description: 'use (and create when missing) the managed bucket lambda-workbench-managed-<account>-<region>' },
  { flags: '--capabilities <c...>', description: 'capabilities to acknowledge (default: CAPABILITY_IAM CAPABILITY_AUTO_EXPAND)' },
  { flags: '--no-execute', description: 'create and show the change set, do not execute it' },
  { flags: '--endpoint-url <url>', description: 'S3 and CloudFormation endpoint instead of AWS (e.g. a local emulator)' },
  { flags: '--s3-endpoint-url <url>', description: 'S3 endpoint only' },
  { flags: '--cloudformation-endpoint-url <url>', description: 'CloudFormation endpoint only' },
  { flags: '-y, --yes', description: 'execute the change set without asking (needed without a terminal)' },
  { flags: '--poll-interval <ms>', description: 'how often CloudFormation is asked about the change set and the stack', default: '2000', hidden: true },
];

export function registerDeployCommand(program: Command, common: (cmd: Command) => Command, ctx: CliContext): void {
  const cmd = program
    .command('deploy')
    .description('package every function and layer, upload the ZIPs to S3, and create and execute a CloudFormation change set (as sam deploy)');
  for (const row of DEPLOY_FLAGS) cmd.addOption(optionOf(row, 'deploy'));
  common(cmd).action((opts: DeployOptions) => deployCommand(opts, ctx));
}
