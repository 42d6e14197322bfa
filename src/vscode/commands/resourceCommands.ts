// vscode layer: commands about a function's or layer's resources: Package, Publish Layer Version,
// Open Handler, Open Template at this resource.
import * as vscode from 'vscode';
import { findExportLine, locateHandler } from '../codelens/handlerLocator';
import { COMMANDS } from '../ids';
import type { LambdaNode } from '../tree/nodes';
import { openAt } from './invokeCommands';
import { guarded, resolveFunction, resolveLayer, type CommandDeps, type FunctionArg } from './targets';

const formatSize = (bytes: number): string => (bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(2)} MB`);

export function registerResourceCommands(deps: CommandDeps): vscode.Disposable {
  const { services, logs } = deps;
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.packageFunction, guarded(logs, async (arg?: FunctionArg) => {
      const ref = await resolveFunction(services, arg, 'Package which function?');
      if (!ref) return undefined;
      const svc = services.serviceFor(ref.templatePath);
      const out = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Packaging ${ref.fn.logicalId}` },
        (progress) => {
          let reported = 0;
          return svc.packageFunction(ref.fn.logicalId, {
            onProgress: (p) => {
              // Percent of the current phase; VS Code wants increments.
              const pct = p.total > 0 ? Math.round((p.done / p.total) * 100) : reported;
              progress.report({ message: `${p.phase}: ${p.message}`, increment: Math.max(0, pct - reported) });
              reported = p.phase === 'done' ? 100 : pct;
            },
          });
        },
      );
      logs.info(`Packaged ${ref.fn.logicalId}: ${out.zipPath} (${formatSize(out.size)}, CodeSha256 ${out.codeSha256})`);
      void vscode.window.showInformationMessage(`Packaged ${ref.fn.logicalId} (${formatSize(out.size)}).`, 'Reveal ZIP').then((choice) => {
        if (choice) void vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(out.zipPath));
      });
      return out;
    })),
    vscode.commands.registerCommand(COMMANDS.publishLayerVersion, guarded(logs, async (arg?: LambdaNode | string) => {
      const ref = await resolveLayer(services, arg);
      if (!ref) return undefined;
      const svc = services.serviceFor(ref.templatePath);
      const published = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Publishing a version of ${ref.layer.logicalId}` },
        () => svc.layers.publish(ref.layer.logicalId),
      );
      logs.info(`Published ${published.layerName} version ${published.version} (${published.layerVersionArn})`);
      void vscode.window.showInformationMessage(`Published ${published.layerName} version ${published.version}.`);
      deps.refreshViews();
      return published;
    })),
    vscode.commands.registerCommand(COMMANDS.openHandler, guarded(logs, async (arg?: FunctionArg) => {
      const ref = await resolveFunction(services, arg, 'Open the handler of which function?');
      if (!ref) return undefined;
      const target = locateHandler(ref.fn);
      if (!target) {
        const where = ref.fn.code.kind === 'directory' ? ref.fn.code.path : `${ref.fn.code.kind} code`;
        throw new Error(`Cannot find the handler file of "${ref.fn.logicalId}": handler "${ref.fn.handler ?? '(none)'}" in ${where}. Check Handler and CodeUri in the template.`);
      }
      const text = Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.file(target.file))).toString('utf8');
      const line = findExportLine(text, target.exportName, target.file.endsWith('.py'));
      await openAt(target.file, line);
      return { file: target.file, line };
    })),
    vscode.commands.registerCommand(COMMANDS.openTemplate, guarded(logs, async (arg?: LambdaNode | FunctionArg) => {
      let file: string | undefined;
      let line: number | undefined;
      const node = arg && typeof arg === 'object' && 'kind' in arg ? arg : undefined;
      if (node?.kind === 'layer') ({ templatePath: file, templateLine: line } = node.layer);
      else if (node?.kind === 'template') file = node.entry.uri.fsPath;
      else {
        const ref = await resolveFunction(services, arg as FunctionArg, 'Open the template at which function?');
        if (!ref) return undefined;
        ({ templatePath: file, templateLine: line } = ref.fn);
      }
      await openAt(file, (line ?? 1) - 1);
      return { file, line };
    })),
  );
}
