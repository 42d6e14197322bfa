// cli: `lambda-workbench deploy` — the template to an AWS CloudFormation stack as `sam deploy` takes it, with
// the bytes `package` builds (core/deploy/deployRun.ts). Exit 0 when deployed, up to date or left as a change set;
// 1 when the change set or the stack failed; 2 on usage errors.
import { resolve } from 'node:path';
import type { Capability } from '@aws-sdk/client-cloudformation';
import { WorkbenchError } from '../core/common/errors';
import { resolveAwsTarget } from '../core/deploy/awsTarget';
import { deployClients, destroyClients } from '../core/deploy/deployClients';
import { DEFAULT_CAPABILITIES } from '../core/deploy/changeSet';
import { runDeploy } from '../core/deploy/deployRun';
import { readDeploySettings, rememberDeploySettings } from '../core/deploy/deploySettings';
import { STATE_DIR_NAME } from '../core/store/stateDir';
import { progressReporter } from './progressBar';
import { serviceOptions, type CommonOptions } from './serviceOptions';
import { withService, type CliContext } from './session';
import { confirmTarget } from './confirmTarget';

export interface DeployOptions extends CommonOptions {
  stackName?: string;
  s3Bucket?: string;
  s3Prefix?: string;
  resolveS3?: boolean;
  capabilities?: string[] | string;
  /** commander's --no-execute: false when given. */
  execute?: boolean;
  endpointUrl?: string;
  s3EndpointUrl?: string;
  cloudformationEndpointUrl?: string;
  yes?: boolean;
  pollInterval?: string;
}

/** `--capabilities A B` or samconfig's `capabilities = "A B"`; SAM's two by default. */
function capabilitiesOf(value: string[] | string | undefined): Capability[] {
  if (value === undefined) return [...DEFAULT_CAPABILITIES];
  const list = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(/[\s,]+/)).filter(Boolean);
  for (const c of list) {
    if (!/^CAPABILITY_(IAM|NAMED_IAM|AUTO_EXPAND)$/.test(c)) throw new WorkbenchError('INVALID_PARAMETER', `--capabilities takes CAPABILITY_IAM, CAPABILITY_NAMED_IAM and CAPABILITY_AUTO_EXPAND, got "${c}".`);
  }
  return list as Capability[];
}

function pollMs(value: string | undefined): number {
  const n = Number(value ?? '2000');
  if (!Number.isInteger(n) || n < 0) throw new WorkbenchError('INVALID_PARAMETER', `--poll-interval must be a whole number of milliseconds, got "${value}".`);
  return n;
}

export async function deployCommand(opts: DeployOptions, ctx: CliContext): Promise<void> {
  const { io, interruption } = ctx;
  if (opts.s3Bucket && opts.resolveS3) throw new WorkbenchError('INVALID_PARAMETER', 'Pass either --s3-bucket or --resolve-s3, not both.');
  const capabilities = capabilitiesOf(opts.capabilities);
  const wait = pollMs(opts.pollInterval);
  const options = serviceOptions(opts);
  const stateRoot = resolve(options.cwd, opts.stateDir ?? STATE_DIR_NAME);
  await withService(ctx, { ...options, persistLogs: false }, async (service) => {
    const templatePath = (await service.template()).templatePath;
    const remembered = await readDeploySettings(stateRoot, options.cwd, templatePath);
    const stackName = opts.stackName ?? remembered.stackName;
    if (!stackName) throw new WorkbenchError('INVALID_PARAMETER', `Name the stack to deploy ${templatePath} to: --stack-name NAME (remembered for the next deploy).`);
    const bucketName = opts.s3Bucket ?? (opts.resolveS3 ? undefined : remembered.s3Bucket);
    const resolveS3 = !bucketName && (opts.resolveS3 ?? remembered.resolveS3 ?? false);
    if (!bucketName && !resolveS3) throw new WorkbenchError('INVALID_PARAMETER', 'Say where the packages go: --s3-bucket BUCKET (and --s3-prefix P), or --resolve-s3 for a managed bucket.');
    const s3Prefix = opts.s3Prefix ?? remembered.s3Prefix ?? stackName;
    const endpoints = {
      s3: opts.s3EndpointUrl ?? opts.endpointUrl,
      cloudformation: opts.cloudformationEndpointUrl ?? opts.endpointUrl,
    };
    const target = await resolveAwsTarget({ region: opts.region ?? remembered.region, profile: opts.profile ?? remembered.profile, endpoints, stackName });
    io.err(`Deploying ${templatePath} to ${target.describe()}\n`);
    const clients = deployClients(target);
    const outcome = await runDeploy(
      service,
      clients,
      { stackName, bucket: bucketName ? { name: bucketName } : { resolve: true }, s3Prefix, parameterOverrides: options.parameterOverrides ?? {}, capabilities, noExecute: opts.execute === false },
      {
        print: (text) => io.out(text),
        warn: (m) => io.warn(m),
        // awsTarget's confirmation: --yes skips it; no terminal → CONFIRMATION_REQUIRED (exit 2), no → DEPLOY_CANCELLED.
        confirm: async () => (await confirmTarget(io, 'Execute the change set', target.describe(), { yes: opts.yes }), true),
        poller: { wait: () => new Promise((r) => setTimeout(r, wait)) },
        onProgress: (id) => progressReporter(id, io),
        isStopped: () => interruption.isStopped,
      },
    ).catch((e: unknown) => {
      if (!(e instanceof WorkbenchError)) throw e;
      // Answered no: nothing executed, as the user asked (exit 0); the change set stays for review.
      if (e.code === 'DEPLOY_CANCELLED') return io.warn(`${e.message} The change set is left unexecuted.`), undefined;
      // A failed change set or AWS call is the deploy failing (exit 1), not a usage error (exit 2).
      if (e.code !== 'DEPLOY_FAILED' && e.code !== 'AWS_ERROR') throw e;
      io.error(e);
      process.exitCode = 1;
      return undefined;
    }).finally(() => destroyClients(clients));
    if (!outcome) return;
    await rememberDeploySettings(stateRoot, options.cwd, templatePath, {
      stackName,
      region: target.region,
      profile: opts.profile ?? remembered.profile,
      s3Bucket: bucketName,
      s3Prefix: opts.s3Prefix ?? remembered.s3Prefix,
      resolveS3: resolveS3 || undefined,
    });
    if (outcome.kind === 'failed') process.exitCode = 1;
  });
}
