// vscode layer: **Sync Code to AWS** on a function — the target (account or endpoint, region) named in a modal,
// then core's CodeSync under a progress notification, one result line per function in the "Lambda" channel.
// The logic is core's (src/core/deploy); this is the glue.
import * as vscode from 'vscode';
import { resolveAwsTarget } from '../../core/deploy/awsTarget';
import { CodeSync, describeResult, type FunctionSyncResult } from '../../core/deploy/codeSync';
import type { FunctionConfig } from '../../core/model/functionConfig';
import { COMMANDS } from '../ids';
import { readSettings } from '../settings';
import { guarded, resolveFunction, type CommandDeps, type FunctionArg } from './targets';

/** The questions the command asks; tests answer them (the UI tier clicks the real modal). */
export interface SyncQuestions {
  confirm(question: string, detail: string, action: string): Promise<boolean>;
  role(fn: FunctionConfig): Promise<string | undefined>;
}

const ASK: SyncQuestions = {
  confirm: async (question, detail, action) => (await vscode.window.showWarningMessage(question, { modal: true, detail }, action)) === action,
  role: (fn) =>
    Promise.resolve(
      vscode.window.showInputBox({
        title: `Execution role of ${fn.logicalId}`,
        prompt: `${fn.functionName} does not exist on the target yet and the template gives it no Role: the IAM role ARN to create it with`,
        placeHolder: 'arn:aws:iam::123456789012:role/my-function-role',
        ignoreFocusOut: true,
        validateInput: (v) => (/^arn:aws[\w-]*:iam::\d{12}:role\/.+/.test(v.trim()) ? undefined : 'An IAM role ARN: arn:aws:iam::<account>:role/<name>'),
      }),
    ).then((v) => v?.trim() || undefined),
};

export function registerSyncCommands(deps: CommandDeps): vscode.Disposable {
  const { services, logs } = deps;
  return vscode.commands.registerCommand(COMMANDS.syncToAws, guarded(logs, async (arg?: FunctionArg, ask: SyncQuestions = ASK): Promise<FunctionSyncResult[] | undefined> => {
    const ref = await resolveFunction(services, arg, 'Sync which function to AWS?');
    if (!ref) return undefined;
    const settings = readSettings(vscode.Uri.file(ref.templatePath));
    const target = await resolveAwsTarget({
      region: settings.region || undefined,
      profile: settings.profile || undefined,
      endpoints: { lambda: settings.deployEndpointUrl || undefined },
    });
    const detail = 'Creates the function there if it is missing, updates its code and layers when they changed, and moves its AutoPublishAlias.';
    if (!(await ask.confirm(`Sync the code of ${ref.fn.logicalId} to ${target.describe()}?`, detail, 'Sync'))) return undefined;
    const { LambdaClient } = await import('@aws-sdk/client-lambda');
    const lambda = new LambdaClient(target.clientConfig('lambda'));
    try {
      const svc = services.serviceFor(ref.templatePath);
      const results = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Syncing ${ref.fn.logicalId} to ${target.describe()}` }, () =>
        new CodeSync({ source: svc, lambda, askRole: (fn) => ask.role(fn) }).sync([ref.fn.logicalId]),
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
