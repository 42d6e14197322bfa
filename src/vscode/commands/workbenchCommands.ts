// vscode layer: commands about the workbench as a whole: Show Logs, Refresh, Stop All Environments.
import * as vscode from 'vscode';
import { COMMANDS } from '../ids';
import { guarded, type CommandDeps } from './targets';

export function registerWorkbenchCommands(deps: CommandDeps): vscode.Disposable {
  const { services, logs } = deps;
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.showLogs, () => logs.show()),
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
