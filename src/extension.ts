// The extension's composition root: builds the LambdaService lazily on first use and registers the
// commands. The tree views, events and debugging arrive with their issues (src/vscode).
import * as vscode from 'vscode';
import { LambdaService } from './core/service';

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Lambda', { log: true });
  context.subscriptions.push(output);
  let service: LambdaService | undefined;
  const getService = (): LambdaService | undefined => {
    if (service) return service;
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) {
      void vscode.window.showErrorMessage('Lambda: open a folder that contains a SAM template.yaml first.');
      return undefined;
    }
    service = new LambdaService({ cwd: folder.uri.fsPath, runtimesDir: vscode.Uri.joinPath(context.extensionUri, 'dist', 'runtimes').fsPath });
    service.onLog((e) => output.info(e.message));
    service.onWarning((w) => output.warn(w));
    return service;
  };
  context.subscriptions.push({ dispose: () => void service?.dispose() });

  context.subscriptions.push(
    vscode.commands.registerCommand('lambdaWorkbench.function.invoke', async (logicalId?: string) => {
      const svc = getService();
      if (!svc) return;
      try {
        const fns = await svc.listFunctions();
        const id = logicalId ?? (await vscode.window.showQuickPick(fns.map((f) => ({ label: f.logicalId, description: f.runtime }))))?.label;
        if (!id) return;
        output.show(true);
        const result = await svc.invoke(id, '{}');
        output.info(`Response: ${result.payload.toString('utf8')}`);
        return { payload: result.payload.toString('utf8'), functionError: result.functionError };
      } catch (e) {
        void vscode.window.showErrorMessage(`Lambda: ${(e as Error).message}`);
      }
    }),
  );
}

export function deactivate(): void {
  // Disposables registered on the context shut the service down.
}
