// vscode layer: New Function from Blueprint… — a blueprint (grouped by runtime, with its event source), a function
// name (a logical id free in the target), the target (the workspace's template.yaml, edited by core so comments
// survive, or a new project), then the handler opened and the function revealed in the Functions tree.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  findBlueprintsRoot, functionNameProblem, groupBlueprints, initBlueprint, listBlueprints, newProjectDir, templateLogicalIds,
  type Blueprint, type InitResult,
} from '../../core/blueprints';
import type { Prompts } from '../blueprints/prompts';
import { COMMANDS } from '../ids';
import type { LambdaViews } from '../views';
import { guarded, type CommandDeps } from './targets';

export interface BlueprintCommandDeps {
  views: LambdaViews;
  prompts: Prompts;
  /** The extension's folder (its blueprints/ ships there). */
  extensionPath: string;
}

/** Where a new function goes: an existing template (added to) or a folder (a new project). */
type Target = { templatePath: string; dir: string } | { templatePath?: undefined; dir: string };

/** The blueprints folder that ships with the extension. */
export function blueprintsRootOf(extensionPath: string): string {
  const root = findBlueprintsRoot(extensionPath);
  if (!root) throw new Error(`The blueprints folder that ships with the extension is missing (looked above ${extensionPath}); reinstall Lambda Workbench.`);
  return root;
}

async function pickBlueprint(prompts: Prompts, root: string): Promise<Blueprint | undefined> {
  type Item = vscode.QuickPickItem & { bp?: Blueprint };
  const items = groupBlueprints(await listBlueprints(root)).flatMap((g): Item[] => [
    { label: g.label, kind: vscode.QuickPickItemKind.Separator },
    ...g.blueprints.map((bp): Item => ({ label: bp.manifest.name, description: `${bp.manifest.source} · ${bp.manifest.runtimes.join(', ')}`, detail: bp.manifest.description, bp })),
  ]);
  const pick = await prompts.quickPick(items, { title: 'New Function from Blueprint', placeHolder: 'Choose a blueprint (type a source such as sqs, s3 or api to filter)', matchOnDescription: true, matchOnDetail: true });
  return pick?.bp;
}

/** The workspace's YAML templates (the root one first); one is the target, several are a choice; none: a folder. */
async function pickTarget(deps: CommandDeps, prompts: Prompts): Promise<Target | undefined> {
  const depth = (p: string) => p.split(path.sep).length;
  const templates = (await deps.services.templates()).map((e) => e.uri.fsPath).filter((p) => /\.ya?ml$/i.test(p)).sort((a, b) => depth(a) - depth(b) || a.localeCompare(b));
  const inTemplate = (templatePath: string): Target => ({ templatePath, dir: path.dirname(templatePath) });
  if (templates.length === 1) return inTemplate(templates[0]);
  if (templates.length > 1) {
    const pick = await prompts.quickPick(templates.map((p) => ({ label: vscode.workspace.asRelativePath(p), templatePath: p })), { title: 'Add the function to which template?' });
    return pick && inTemplate(pick.templatePath);
  }
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (!folders.length) throw new Error('Open a folder first (File > Open Folder…): the new function becomes a project there. Or use "Lambda: New Application from Template…".');
  const folder = folders.length === 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Create the new project in which folder?' });
  return folder && { dir: folder.uri.fsPath };
}

export function registerBlueprintCommands(deps: CommandDeps, bp: BlueprintCommandDeps): vscode.Disposable {
  const { logs } = deps;
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.newFunctionFromBlueprint, guarded(logs, async (): Promise<InitResult | undefined> => {
      const blueprint = await pickBlueprint(bp.prompts, blueprintsRootOf(bp.extensionPath));
      if (!blueprint) return undefined;
      const target = await pickTarget(deps, bp.prompts);
      if (!target) return undefined;
      const taken = target.templatePath ? await templateLogicalIds(target.templatePath) : [];
      const name = await bp.prompts.inputBox({
        title: `Name of the ${blueprint.manifest.name} function`,
        prompt: `Its logical id in ${target.templatePath ? vscode.workspace.asRelativePath(target.templatePath) : 'the new template.yaml'} (letters and digits)`,
        value: blueprint.manifest.function,
        validateInput: (v) => functionNameProblem(v, taken),
      });
      if (!name) return undefined;
      const targetDir = target.templatePath ? target.dir : await newProjectDir(blueprint, target.dir, name);
      const r = await initBlueprint(blueprint, { targetDir, name, templatePath: target.templatePath });
      logs.info(r.mode === 'added'
        ? `Added ${r.functionId} from blueprint "${blueprint.manifest.name}" to ${vscode.workspace.asRelativePath(r.templatePath)} (${r.files.length} files). Next: ${r.nextCommand}`
        : `Created ${r.functionId} from blueprint "${blueprint.manifest.name}" in ${vscode.workspace.asRelativePath(targetDir)} (${r.files.length} files). Next: ${r.nextCommand}`);
      await vscode.window.showTextDocument(vscode.Uri.file(r.handlerPath), { preview: false });
      await revealFunction(deps, bp.views, r);
      return r;
    })),
  );
}

/** Reloads the templates and selects the new function in the Functions tree. */
async function revealFunction(deps: CommandDeps, views: LambdaViews, r: InitResult): Promise<void> {
  await deps.services.refresh();
  deps.refreshViews();
  const ref = (await deps.services.functions()).find((f) => f.templatePath === r.templatePath && f.fn.logicalId === r.functionId);
  if (!ref) {
    deps.logs.warn(`${r.functionId} is not among the workspace's functions yet: is ${vscode.workspace.asRelativePath(r.templatePath)} outside "lambdaWorkbench.templates.globs"?`);
    return;
  }
  await views.functionsView.reveal({ kind: 'function', templatePath: ref.templatePath, fn: ref.fn }, { select: true, focus: false });
}
