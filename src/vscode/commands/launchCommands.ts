// vscode layer: Lambda: Convert AWS Toolkit Launch Configurations — each workspace folder's .vscode/launch.json
// gets a `lambda` configuration next to each `aws-sam` template one (originals kept); says what it converted,
// what it left and why, in a message and in the Lambda log channel.
import * as vscode from 'vscode';
import { convertToolkitLaunchJson, type ConversionReport } from '../debug/toolkitConversion';
import { COMMANDS } from '../ids';
import { guarded, type CommandDeps } from './targets';

/** What the command did in one folder (the command returns these, for tests). */
export interface FolderConversion {
  folder: string;
  launchJson: string;
  converted: ConversionReport['converted'];
  skipped: ConversionReport['skipped'];
}

export function registerLaunchCommands(deps: CommandDeps): vscode.Disposable {
  const { logs } = deps;
  return vscode.commands.registerCommand(COMMANDS.convertToolkitLaunchConfigs, guarded(logs, async () => {
    const done: FolderConversion[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const uri = vscode.Uri.joinPath(folder.uri, '.vscode', 'launch.json');
      let doc: vscode.TextDocument;
      try {
        doc = await vscode.workspace.openTextDocument(uri);
      } catch {
        continue; // no launch.json in this folder
      }
      let report: ConversionReport;
      try {
        report = convertToolkitLaunchJson(doc.getText());
      } catch (e) {
        throw new Error(`${vscode.workspace.asRelativePath(uri)}: ${(e as Error).message}`);
      }
      if (report.converted.length) {
        // An edit of the document (an open, even unsaved, editor keeps its undo), then saved.
        const edit = new vscode.WorkspaceEdit();
        edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), report.text);
        if (!(await vscode.workspace.applyEdit(edit)) || !(await doc.save())) throw new Error(`Could not write ${vscode.workspace.asRelativePath(uri)}.`);
      }
      done.push({ folder: folder.uri.fsPath, launchJson: uri.fsPath, converted: report.converted, skipped: report.skipped });
    }
    tell(deps, done);
    return done;
  }));
}

function tell(deps: CommandDeps, done: FolderConversion[]): void {
  const converted = done.flatMap((d) => d.converted);
  const skipped = done.flatMap((d) => d.skipped);
  for (const c of converted) deps.logs.info(`Converted "${c.from}" → "${c.to}"${c.dropped.length ? `; not carried over: ${c.dropped.join(', ')}` : ''}.`);
  for (const s of skipped) deps.logs.warn(`Not converted: "${s.name}": ${s.reason}.`);
  if (!done.length) {
    void vscode.window.showInformationMessage('Lambda: no .vscode/launch.json in the workspace folders: nothing to convert.');
    return;
  }
  if (!converted.length && !skipped.length) {
    void vscode.window.showInformationMessage('Lambda: launch.json has no AWS Toolkit ("aws-sam") configurations.');
    return;
  }
  const head = `Lambda: converted ${converted.length} AWS Toolkit launch configuration${converted.length === 1 ? '' : 's'}`;
  const tail = skipped.length ? `; ${skipped.length} not converted (${skipped.map((s) => `"${s.name}": ${s.reason}`).join('; ')})` : '';
  const show = skipped.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(`${head}${tail}. The originals are kept.`, 'Open launch.json').then((choice) => {
    if (choice) void vscode.window.showTextDocument(vscode.Uri.file(done[0].launchJson));
  });
}
