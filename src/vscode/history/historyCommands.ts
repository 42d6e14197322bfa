// vscode layer: what the History view offers on a past invocation: Open Result, Show Logs of This
// Invocation, Re-run with the Same Event, Debug with the Same Event, Save Event As…; plus Refresh.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HistoryRecord } from '../../core/history/historyRecord';
import type { CommandDeps } from '../commands/targets';
import { guarded, resolveFunction } from '../commands/targets';
import { startFunctionDebugging } from '../debug/debugCommand';
import { EventStore, validateEventName } from '../events/eventStore';
import { COMMANDS } from '../ids';
import { readSettings } from '../settings';
import type { FunctionRef } from '../workspaceServices';
import type { HistoryNode, HistoryTreeProvider } from './historyTreeProvider';

type RecordNode = Extract<HistoryNode, { kind: 'historyRecord' }>;

/** The read-only document of a past invocation: what it was sent, what it answered, how it ran. */
export function renderRecord(r: HistoryRecord): string {
  const head = [
    `// ${r.functionName} · ${r.status.toUpperCase()}${r.errorType ? ` (${r.errorType})` : ''} · request ${r.id}`,
    `// Started ${r.startedAt} from ${r.origin}${r.debug ? ' (debug)' : ''}${r.environmentId ? ` · ${r.coldStart ? 'cold start' : 'warm'} in ${r.environmentId}` : ''}`,
  ];
  if (r.durationMs !== undefined) head.push(`// Duration: ${r.durationMs.toFixed(2)} ms · Billed Duration: ${r.billedDurationMs} ms · Memory: ${r.maxMemoryUsedMB}/${r.memorySizeMB} MB${r.initDurationMs !== undefined ? ` · Init: ${r.initDurationMs.toFixed(2)} ms` : ''}`);
  if (r.errorMessage) head.push(`// ${r.errorCode ?? 'Error'}: ${r.errorMessage.split('\n')[0]}`);
  const pretty = (t: string | undefined): string => {
    if (t === undefined) return 'null';
    try {
      return JSON.stringify(JSON.parse(t), null, 2);
    } catch {
      return JSON.stringify(t);
    }
  };
  return `${head.join('\n')}\n{\n  "event": ${pretty(r.event).split('\n').join('\n  ')},\n  "result": ${pretty(r.result).split('\n').join('\n  ')}\n}\n`;
}

export function registerHistoryCommands(deps: CommandDeps, tree: HistoryTreeProvider): vscode.Disposable {
  const { services, logs, results } = deps;
  const recordOf = async (arg: RecordNode | string | undefined): Promise<{ templatePath: string; record: HistoryRecord } | undefined> => {
    if (arg && typeof arg === 'object') return arg;
    if (typeof arg !== 'string') throw new Error('Choose an invocation in the History view.');
    for (const entry of await services.templates()) {
      const record = await services.serviceFor(entry.uri.fsPath).historyRecord(arg).catch(() => undefined);
      if (record) return { templatePath: entry.uri.fsPath, record };
    }
    throw new Error(`No invocation "${arg}" in the history of the workspace's templates.`);
  };
  const functionOf = async (templatePath: string, record: HistoryRecord): Promise<FunctionRef> => {
    const ref = await resolveFunction(services, { templatePath, logicalId: record.functionName });
    if (!ref) throw new Error(`No function "${record.functionName}" in ${templatePath} any more.`);
    return ref;
  };

  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.historyRefresh, () => tree.refresh()),
    vscode.commands.registerCommand(COMMANDS.historyOpenResult, guarded(logs, async (arg?: RecordNode | string) => {
      const found = await recordOf(arg);
      if (!found) return undefined;
      const r = found.record;
      return (await results.showText(`${r.functionName} ${r.status} ${new Date(r.startedAt).toLocaleTimeString(undefined, { hour12: false })}`, 'jsonc', renderRecord(r))).uri;
    })),
    vscode.commands.registerCommand(COMMANDS.historyShowLogs, guarded(logs, async (arg?: RecordNode | string) => {
      const found = await recordOf(arg);
      if (!found) return undefined;
      const r = found.record;
      const text = r.logs ?? `No log lines: the invocation failed before it ran (${r.errorCode ?? r.status}: ${r.errorMessage ?? ''}).\n`;
      return (await results.showText(`${r.functionName} log ${r.id.slice(0, 8)}`, 'log', text)).uri;
    })),
    vscode.commands.registerCommand(COMMANDS.historyRerun, guarded(logs, async (arg?: RecordNode | string) => {
      const found = await recordOf(arg);
      if (!found) return undefined;
      const ref = await functionOf(found.templatePath, found.record);
      return vscode.commands.executeCommand(COMMANDS.invokeWithEvent, ref, { payload: found.record.event, source: `the event of ${found.record.id}` });
    })),
    vscode.commands.registerCommand(COMMANDS.historyDebug, guarded(logs, async (arg?: RecordNode | string) => {
      const found = await recordOf(arg);
      if (!found) return undefined;
      const ref = await functionOf(found.templatePath, found.record);
      logs.info(`Debugging ${ref.fn.logicalId} with the event of ${found.record.id}`);
      return (await startFunctionDebugging(ref, found.record.event)) ? ref.fn.logicalId : undefined;
    })),
    vscode.commands.registerCommand(COMMANDS.historySaveEvent, guarded(logs, async (arg?: RecordNode | string, givenName?: string) => {
      const found = await recordOf(arg);
      if (!found) return undefined;
      const name = givenName ?? (await vscode.window.showInputBox({ title: `Save the event of ${found.record.id.slice(0, 8)} as`, prompt: `A saved event of ${found.record.functionName}`, validateInput: (v) => validateEventName(v) }));
      if (!name) return undefined;
      const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(found.templatePath));
      const stateDir = folder ? (readSettings(folder).stateDir(folder) ?? path.join(folder.uri.fsPath, '.lambda-workbench')) : path.join(path.dirname(found.templatePath), '.lambda-workbench');
      const file = await new EventStore(stateDir).save(found.record.functionName, name, found.record.event);
      logs.info(`Saved the event of ${found.record.id} as "${name}" (${file})`);
      void vscode.window.showInformationMessage(`Saved the event as "${name}" for ${found.record.functionName}.`);
      return file;
    })),
  );
}
