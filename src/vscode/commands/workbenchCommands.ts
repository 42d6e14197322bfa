// vscode layer: commands about the workbench as a whole: Show Logs, Refresh, Stop All Environments.
import * as vscode from 'vscode';
import { COMMANDS } from '../ids';
import { guarded, resolveFunction, type CommandDeps, type FunctionArg } from './targets';

export function registerWorkbenchCommands(deps: CommandDeps): vscode.Disposable {
  const { services, logs } = deps;
  return vscode.Disposable.from(
    // From a function (tree, CodeLens): that function's recent lines; else the Lambda Functions channel.
    vscode.commands.registerCommand(COMMANDS.showLogs, guarded(logs, async (arg?: FunctionArg) => {
      if (!arg || typeof arg !== 'object') {
        logs.showFunctions();
        return undefined;
      }
      const ref = await resolveFunction(services, arg);
      if (!ref) return undefined;
      const tag = `[${ref.fn.functionName}]`;
      const mine = logs.lines().filter((l) => l.startsWith(tag) || l.includes(`"function":${JSON.stringify(ref.fn.functionName)}`));
      const text = mine.length ? mine.join('\n') + '\n' : `No log lines of ${ref.fn.logicalId} yet: invoke it, then Show Logs again.\n`;
      return (await deps.results.showText(`${ref.fn.logicalId} log`, 'log', text)).uri;
    })),
    vscode.commands.registerCommand(COMMANDS.refresh, guarded(logs, async () => {
      await services.refresh();
      deps.refreshViews();
      return (await services.functions()).length;
    })),
    vscode.commands.registerCommand(COMMANDS.stopAllEnvironments, guarded(logs, async () => {
      const count = services.environmentCount();
      await services.stopAll();
      deps.status.update();
      deps.refreshViews();
      logs.info(`Stopped ${count} execution environment${count === 1 ? '' : 's'}.`);
      void vscode.window.setStatusBarMessage(`Lambda: stopped ${count} environment${count === 1 ? '' : 's'}`, 4000);
      return count;
    })),
  );
}
