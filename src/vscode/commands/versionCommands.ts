// vscode layer: Publish Version, Create Alias, Update Alias Routing (pick a version and a weight) and
// Invoke of a version or alias from the Functions tree, over the function's LambdaService.
import * as vscode from 'vscode';
import type { InvokeResult } from '../../core/invoke/invokeTypes';
import type { AliasConfiguration, FunctionConfiguration } from '../../core/model/versions';
import { startFunctionDebugging } from '../debug/debugCommand';
import { COMMANDS } from '../ids';
import type { LambdaNode } from '../tree/nodes';
import type { FunctionRef } from '../workspaceServices';
import { reportCancelled, withInvokeProgress } from './invokeProgress';
import { guarded, resolveFunction, type CommandDeps, type FunctionArg } from './targets';

/** Lets tests (and other commands) skip the prompts. */
export interface AliasCommandOptions {
  name?: string;
  functionVersion?: string;
  /** Additional version and its weight; `{}` removes the routing. */
  routing?: Record<string, number>;
}

async function pickVersion(versions: FunctionConfiguration[], title: string, extra: string[] = []): Promise<string | undefined> {
  const items = [...extra.map((v) => ({ label: v, description: '' })), ...[...versions].reverse().map((v) => ({ label: v.Version, description: [v.Description, v.LastModified.slice(0, 16).replace('T', ' ')].filter(Boolean).join(' · ') }))];
  if (!items.length) throw new Error('No published versions yet: run "Lambda: Publish Version" first.');
  return (await vscode.window.showQuickPick(items, { title }))?.label;
}

export function registerVersionCommands(deps: CommandDeps): vscode.Disposable {
  const { services, logs } = deps;
  const fnOf = (arg: FunctionArg, title: string): Promise<FunctionRef | undefined> => resolveFunction(services, arg, title);

  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.publishVersion, guarded(logs, async (arg?: FunctionArg, opts?: { description?: string }) => {
      const ref = await fnOf(arg, 'Publish a version of which function?');
      if (!ref) return undefined;
      const svc = services.serviceFor(ref.templatePath);
      const before = (await svc.versions.listVersions(ref.fn.logicalId, { includeLatest: false })).at(-1)?.Version;
      const v = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Publishing a version of ${ref.fn.logicalId}` }, () =>
        svc.versions.publishVersion(ref.fn.logicalId, { description: opts?.description }),
      );
      const message = v.Version === before ? `Nothing changed since version ${v.Version} of ${ref.fn.logicalId}; no new version.` : `Published ${ref.fn.logicalId} version ${v.Version}.`;
      logs.info(`${message} (${v.FunctionArn}, CodeSha256 ${v.CodeSha256})`);
      void vscode.window.showInformationMessage(message);
      deps.refreshViews();
      return v;
    })),
    vscode.commands.registerCommand(COMMANDS.createAlias, guarded(logs, async (arg?: FunctionArg, opts?: AliasCommandOptions) => {
      const ref = await fnOf(arg, 'Create an alias of which function?');
      if (!ref) return undefined;
      const svc = services.serviceFor(ref.templatePath);
      const name = opts?.name ?? (await vscode.window.showInputBox({ title: `Alias of ${ref.fn.logicalId}`, prompt: 'Alias name (letters, digits, - and _; not all digits)', placeHolder: 'live' }));
      if (!name) return undefined;
      const functionVersion = opts?.functionVersion ?? (await pickVersion(await svc.versions.listVersions(ref.fn.logicalId, { includeLatest: false }), `Alias "${name}" points to version`, ['$LATEST']));
      if (!functionVersion) return undefined;
      const alias = await svc.versions.createAlias(ref.fn.logicalId, { name, functionVersion, routing: opts?.routing });
      logs.info(`Created alias ${alias.AliasArn} → ${alias.FunctionVersion}`);
      deps.refreshViews();
      return alias;
    })),
    vscode.commands.registerCommand(COMMANDS.updateAliasRouting, guarded(logs, async (arg?: LambdaNode, opts?: AliasCommandOptions) => {
      const ref = await fnOf(arg, 'Update an alias of which function?');
      if (!ref) return undefined;
      const svc = services.serviceFor(ref.templatePath);
      let alias: AliasConfiguration | undefined = arg?.kind === 'alias' ? arg.alias : undefined;
      if (!alias && opts?.name) alias = await svc.versions.getAlias(ref.fn.logicalId, opts.name);
      if (!alias) {
        const all = await svc.versions.listAliases(ref.fn.logicalId);
        if (!all.length) throw new Error(`${ref.fn.logicalId} has no aliases: run "Lambda: Create Alias" first.`);
        alias = (await vscode.window.showQuickPick(all.map((a) => ({ label: a.Name, description: `→ ${a.FunctionVersion}`, a })), { title: 'Update which alias?' }))?.a;
        if (!alias) return undefined;
      }
      let routing = opts?.routing;
      if (!routing) {
        const versions = (await svc.versions.listVersions(ref.fn.logicalId, { includeLatest: false })).filter((v) => v.Version !== alias.FunctionVersion);
        const version = await pickVersion(versions, `Send part of "${alias.Name}" (version ${alias.FunctionVersion}) to`, ['No routing']);
        if (!version) return undefined;
        if (version === 'No routing') routing = {};
        else {
          const current = alias.RoutingConfig?.AdditionalVersionWeights[version];
          const text = await vscode.window.showInputBox({
            title: `Weight of version ${version}`,
            prompt: 'Share of requests, 0.0–1.0 (e.g. 0.1 for 10%)',
            value: current !== undefined ? String(current) : '0.1',
            validateInput: (v) => (/^\s*(0(\.\d+)?|1(\.0+)?|\.\d+)\s*$/.test(v) ? undefined : 'A number from 0.0 to 1.0'),
          });
          if (text === undefined) return undefined;
          routing = { [version]: Number(text) };
        }
      }
      const updated = await svc.versions.updateAlias(ref.fn.logicalId, alias.Name, { routing });
      logs.info(`Alias ${updated.AliasArn} → ${updated.FunctionVersion}${updated.RoutingConfig ? `, routing ${JSON.stringify(updated.RoutingConfig.AdditionalVersionWeights)}` : ''}`);
      deps.refreshViews();
      return updated;
    })),
    // Debug of a version or alias: its published snapshot runs under the debugger (debugRun.ts says which version).
    vscode.commands.registerCommand(COMMANDS.debugQualified, guarded(logs, async (arg?: LambdaNode, payload = '{}') => {
      if (!arg || (arg.kind !== 'version' && arg.kind !== 'alias')) throw new Error('Debug a version or an alias from the Functions tree.');
      const qualifier = arg.kind === 'version' ? arg.config.Version : arg.alias.Name;
      logs.info(`Debugging ${arg.fn.logicalId}:${qualifier}`);
      const session = await startFunctionDebugging({ templatePath: arg.templatePath, fn: arg.fn }, payload, { qualifier });
      return session ? `${arg.fn.logicalId}:${qualifier}` : undefined;
    })),
    vscode.commands.registerCommand(COMMANDS.invokeQualified, guarded(logs, async (arg?: LambdaNode, payload = '{}') => {
      if (!arg || (arg.kind !== 'version' && arg.kind !== 'alias')) throw new Error('Invoke a version or an alias from the Functions tree (or use "invoke Fn:alias" in the CLI).');
      const qualifier = arg.kind === 'version' ? arg.config.Version : arg.alias.Name;
      const svc = services.serviceFor(arg.templatePath);
      const label = `${arg.fn.logicalId}:${qualifier}`;
      logs.info(`Invoking ${label}`);
      let result: InvokeResult;
      try {
        result = await withInvokeProgress({ title: `Invoking ${label}` }, (signal) => svc.invoke(arg.fn.logicalId, payload, { qualifier, logType: 'Tail', signal }));
      } catch (e) {
        const cancelled = reportCancelled(e, (m) => logs.info(m));
        if (cancelled) return cancelled;
        throw e;
      }
      deps.status.invoked(label, result.durationMs, result.status);
      logs.info(`${label} ran version ${result.executedVersion}`);
      await deps.results.show({ functionName: `${label} (version ${result.executedVersion})`, eventSource: 'empty event {}', result });
      return result;
    })),
  );
}
