// vscode layer: Run Pipeline Locally — the core pipeline (Source → Build → Deploy (local)) for a template's git
// repository, with its folder's engine settings: each stage (and build phase) in a cancellable progress
// notification, every line in the "Lambda Pipeline" output channel, a final message with the summary, and
// the Functions tree refreshed to show the versions it published.
import * as vscode from 'vscode';
import { formatEvent, runPipeline, summarySentence, type PipelineEvent, type PipelineResult } from '../../core/pipeline';
import { COMMANDS, PIPELINE_OUTPUT_CHANNEL } from '../ids';
import type { LambdaNode } from '../tree/nodes';
import { guarded, type CommandDeps } from './targets';

/** A template node, `{ templatePath }`, a path, or nothing (one template: that one; several: a quick pick). */
type PipelineArg = LambdaNode | { templatePath: string } | string | undefined;

async function templateOf(deps: CommandDeps, arg: PipelineArg): Promise<string | undefined> {
  if (typeof arg === 'string') return arg;
  if (arg && 'kind' in arg && arg.kind === 'template') return arg.entry.uri.fsPath;
  if (arg && 'templatePath' in arg && typeof arg.templatePath === 'string') return arg.templatePath;
  const entries = await deps.services.templates();
  if (!entries.length) throw new Error('No SAM template in the workspace: the pipeline deploys a template (template.yaml) of a git repository.');
  if (entries.length === 1) return entries[0].uri.fsPath;
  const pick = await vscode.window.showQuickPick(entries.map((e) => ({ label: vscode.workspace.asRelativePath(e.uri), path: e.uri.fsPath })), { title: 'Run the pipeline of which template?' });
  return pick?.path;
}

/** What the progress notification says for an event, if it moves the run on. */
function progressOf(e: PipelineEvent): string | undefined {
  if (e.type === 'stageStarted') return e.stage;
  if (e.type === 'log' && e.kind === 'command' && e.phase) return `Build · ${e.phase}: ${e.text}`;
  return undefined;
}

export function registerPipelineCommands(deps: CommandDeps): vscode.Disposable {
  const channel = vscode.window.createOutputChannel(PIPELINE_OUTPUT_CHANNEL);
  const run = guarded(deps.logs, async (arg?: PipelineArg): Promise<PipelineResult | undefined> => {
    const templatePath = await templateOf(deps, arg);
    if (!templatePath) return undefined;
    const { cwd, options } = deps.services.engineSettingsFor(templatePath);
    const { stateDir, runtimesInstall: _install, ...engine } = options;
    channel.clear();
    channel.show(true);
    channel.appendLine(`Pipeline of ${vscode.workspace.asRelativePath(templatePath)} (state ${stateDir ?? `${cwd}/.lambda-workbench`})`);
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Pipeline', cancellable: true },
      (progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        return runPipeline({
          cwd,
          templatePath,
          stateDir,
          engine,
          signal: abort.signal,
          onEvent: (e) => {
            channel.append(formatEvent(e));
            const message = progressOf(e);
            if (message) progress.report({ message });
          },
        });
      },
    );
    for (const s of result.stages) channel.appendLine(`${s.stage}: ${s.status} (${(s.durationMs / 1000).toFixed(1)} s) ${s.summary}`);
    const sentence = summarySentence(result);
    deps.logs.info(sentence);
    deps.refreshViews();
    if (result.ok) void vscode.window.showInformationMessage(sentence);
    else void vscode.window.showErrorMessage(sentence, 'Show Pipeline Log').then((a) => a && channel.show());
    return result;
  });
  return vscode.Disposable.from(channel, vscode.commands.registerCommand(COMMANDS.pipelineRun, run));
}
