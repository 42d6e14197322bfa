// cli: `lambda-workbench sync [FUNCTION…] [--watch]`, like `sam sync --code` — the template's functions and
// layers, packaged as `package` packages them, brought onto AWS Lambda or any endpoint that speaks the Lambda
// API (another `lambda-workbench start`), after the target was shown and confirmed (issue 20).
import { WorkbenchError } from '../core/common/errors';
import { resolveAwsTarget } from '../core/deploy/awsTarget';
import { CodeSync, describeResult, selectFunctions, type FunctionSyncResult } from '../core/deploy/codeSync';
import { SyncWatcher, watchRoots } from '../core/deploy/syncWatcher';
import { confirmTarget } from './confirmTarget';
import type { CliOutput } from './cliOutput';
import { serviceOptions, type CommonOptions } from './serviceOptions';
import { withService, type CliContext } from './session';

export interface SyncCliOptions extends CommonOptions {
  watch?: boolean;
  endpointUrl?: string;
  role?: string;
  yes?: boolean;
}

/** The sync's option rows (the common ones are added by main.ts). */
export const SYNC_FLAGS: readonly { flags: string; description: string }[] = [
  { flags: '--watch', description: 'keep watching the code folders and sync each function again when its code or layers change' },
  { flags: '--endpoint-url <url>', description: 'a Lambda API endpoint instead of AWS (e.g. another `lambda-workbench start`)' },
  { flags: '--role <arn>', description: 'execution role of functions created on the target whose template gives no Role' },
  { flags: '-y, --yes', description: 'do not ask before changing the target (needed without a terminal)' },
];

function print(io: CliOutput, results: FunctionSyncResult[]): number {
  for (const r of results) io.out(`${describeResult(r)}\n`);
  return results.filter((r) => r.error).length;
}

export async function syncCommand(names: string[], opts: SyncCliOptions, ctx: CliContext): Promise<void> {
  const { io, interruption } = ctx;
  const target = await resolveAwsTarget({ region: opts.region, profile: opts.profile, endpoints: { lambda: opts.endpointUrl } });
  // Local packaging only: the engine here invokes nothing, and its functions need no credentials.
  await withService(ctx, { ...serviceOptions(opts), persistLogs: false }, async (service) => {
    const model = await service.template();
    const fns = selectFunctions(model, names);
    await confirmTarget(io, `Sync ${fns.length} function${fns.length === 1 ? '' : 's'} (${fns.map((f) => f.logicalId).join(', ')}) to`, target.describe(), { yes: opts.yes });
    const { LambdaClient } = await import('@aws-sdk/client-lambda');
    const lambda = new LambdaClient(target.clientConfig('lambda'));
    try {
      const sync = new CodeSync({ source: service, lambda, role: opts.role });
      const failed = print(io, await sync.sync(fns.map((f) => f.logicalId)));
      if (!opts.watch) {
        if (failed > 0) throw new WorkbenchError('AWS_ERROR', `${failed} of ${fns.length} function${fns.length === 1 ? '' : 's'} could not be synced (see above).`);
        return;
      }
      const watcher = new SyncWatcher(sync, watchRoots(model, fns), (results, _changed, error) => {
        if (error !== undefined) io.error(error);
        print(io, results);
      });
      io.err('Watching for changes; press Ctrl-C to stop.\n');
      // The watchers do not keep the process alive by themselves (they are the engine's, non-persistent).
      const keepAlive = setInterval(() => undefined, 1 << 30);
      try {
        await interruption.unlessStopped(new Promise<never>(() => undefined));
      } finally {
        clearInterval(keepAlive);
        watcher.dispose();
      }
    } finally {
      lambda.destroy();
    }
  });
}
