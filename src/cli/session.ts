// cli: what every command runs with — its output and its interruption — and the LambdaService lifetime
// that follows: one engine per command, disposed exactly once however the command ends.
import { LambdaService } from '../core/service';
import { AwsProfile } from './awsProfile';
import { FunctionLogs } from './functionLogs';
import type { CliServiceOptions } from './serviceOptions';
import type { CliOutput } from './cliOutput';
import type { Interruption } from './interruption';
import type { HeadStart } from './headStart';
import { runtimeInstallOptions } from './runtimeInstall';

export interface CliContext {
  io: CliOutput;
  interruption: Interruption;
  /** A one-shot `invoke`'s head start, from the entry (headStart.ts). */
  headStart?: HeadStart;
}

/**
 * Runs `work` on a new LambdaService and disposes it afterwards. When the command is interrupted, the
 * service is disposed at once (which ends an invoke in flight) and whatever `work` still does or throws
 * is the cancellation, not a result.
 */
export async function withService(ctx: CliContext, cliOptions: CliServiceOptions, work: (service: LambdaService, logs: FunctionLogs) => Promise<void>): Promise<void> {
  const { io, interruption } = ctx;
  if (interruption.isStopped) return;
  const { aws, logFile, ...options } = cliOptions;
  const install = options.installRuntimes && runtimeInstallOptions(options.installRuntimes.mode, io);
  let profile: AwsProfile | undefined;
  if (aws) {
    profile = new AwsProfile(aws, process.env, (m) => io.warn(m));
    options.region ??= await profile.region();
    const p = profile;
    options.credentials = () => p.credentials();
  }
  const logs = new FunctionLogs(io, logFile);
  const service = new LambdaService(install ? { ...options, installRuntimes: install } : options);
  const subscriptions = [service.onWarning((w) => io.warn(w)), interruption.onForce(() => killEnvironments(service))];
  try {
    await interruption.unlessStopped(work(service, logs));
  } catch (e) {
    if (!interruption.isStopped) throw e;
  } finally {
    await service.dispose();
    await logs.close();
    for (const s of subscriptions) void s.dispose();
  }
}

/** A forced exit cannot wait for dispose(); at least no runtime process may outlive the CLI. */
function killEnvironments(service: LambdaService): void {
  for (const env of service.environments()) {
    try {
      if (env.pid !== undefined) process.kill(env.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}
