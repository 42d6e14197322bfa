// vscode layer: **Sync Code to AWS** on a function — the target (account or endpoint, region) named in a modal,
// then core's CodeSync under a progress notification, one result line per function in the "Lambda" channel.
// The logic is core's (src/core/deploy); this is the glue.
import * as vscode from 'vscode';
import { resolveAwsTarget } from '../../core/deploy/awsTarget';
import { CodeSync, describeResult, type FunctionSyncResult } from '../../core/deploy/codeSync';
import { COMMANDS } from '../ids';
import { readSettings } from '../settings';
import { guarded, resolveFunction, type CommandDeps, type FunctionArg } from './targets';

export function registerSyncCommands(deps: CommandDeps): vscode.Disposable {
  const { services, logs } = deps;
  return vscode.commands.registerCommand(COMMANDS.syncToAws, guarded(logs, async (arg?: FunctionArg): Promise<FunctionSyncResult[] | undefined> => {
    const ref = await resolveFunction(services, arg, 'Sync which function to AWS?');
    if (!ref) return undefined;
    const settings = readSettings(vscode.Uri.file(ref.templatePath));
    const target = await resolveAwsTarget({
      region: settings.region || undefined,
      profile: settings.profile || undefined,
      endpoints: { lambda: settings.deployEndpointUrl || undefined },
    });
    const go = 'Sync';
    const answer = await vscode.window.showWarningMessage(`Sync the code of ${ref.fn.logicalId} to ${target.describe()}?`, { modal: true, detail: 'Creates the function there if it is missing, updates its code and layers when they changed, and moves its AutoPublishAlias.' }, go);
    if (answer !== go) return undefined;
    const { LambdaClient } = await import('@aws-sdk/client-lambda');
    const lambda = new LambdaClient(target.clientConfig('lambda'));
    try {
      const svc = services.serviceFor(ref.templatePath);
      const results = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Syncing ${ref.fn.logicalId} to ${target.describe()}` }, () =>
        new CodeSync({ source: svc, lambda }).sync([ref.fn.logicalId]),
      );
      logs.info(`Sync to ${target.describe()}:`);
      for (const r of results) (r.error ? logs.error : logs.info).call(logs, describeResult(r));
      const failed = results.find((r) => r.error);
      if (failed) throw failed.error!;
      void vscode.window.showInformationMessage(`Lambda: ${describeResult(results[0])}`);
      return results;
    } finally {
      lambda.destroy();
    }
  }));
}
