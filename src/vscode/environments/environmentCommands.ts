// vscode layer: the Environments view's actions — Stop Environment, Force Cold Start (an environment, or every
// idle one of a function: its next invocation starts cold) — and the concurrency settings of the Functions
// tree: Set Reserved Concurrency… on a function, Set Provisioned Concurrency… on an alias or version.
import * as vscode from 'vscode';
import type { ProvisionedConfigView } from '../../core/scheduler/provisionedConcurrency';
import { COMMANDS } from '../ids';
import type { VersionNode } from '../tree/versionNodes';
import { guarded, resolveFunction, type CommandDeps, type FunctionArg } from '../commands/targets';
import type { EnvironmentNode, EnvironmentsTreeProvider } from './environmentsTreeProvider';

/** A whole number typed by the user (or passed by a test); undefined when cancelled, null when emptied. */
async function askNumber(given: number | null | undefined, prompt: string, value: string | undefined, allowEmpty: boolean): Promise<number | null | undefined> {
  if (given !== undefined) return given;
  const text = await vscode.window.showInputBox({
    prompt,
    value,
    validateInput: (v) => (v === '' && allowEmpty) || /^\d+$/.test(v.trim()) ? undefined : allowEmpty ? 'A whole number, or empty to remove it' : 'A whole number',
  });
  if (text === undefined) return undefined;
  return text.trim() === '' ? null : Number(text.trim());
}

export function registerEnvironmentCommands(deps: CommandDeps, view: EnvironmentsTreeProvider): vscode.Disposable {
  const { services, logs } = deps;
  const after = () => {
    view.refresh();
    deps.status.update();
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.stopEnvironment, guarded(logs, async (node?: EnvironmentNode) => {
      if (node?.kind !== 'environment') throw new Error('Choose an environment in the Environments view.');
      const stopped = await node.service.scaling.stopEnvironment(node.env.id);
      logs.info(`Stopped execution environment ${node.env.id} of ${node.env.functionName}:${node.env.version}.`);
      after();
      return stopped;
    })),
    // An environment: stopped now. A function: its idle environments stop; busy ones finish first.
    vscode.commands.registerCommand(COMMANDS.forceColdStart, guarded(logs, async (arg?: EnvironmentNode | FunctionArg) => {
      let stopped = 0;
      if (arg && typeof arg === 'object' && 'kind' in arg && arg.kind === 'environment') {
        if (await arg.service.scaling.stopEnvironment(arg.env.id)) stopped++;
      } else {
        const ref = await resolveFunction(services, arg as FunctionArg, 'Force a cold start of');
        if (!ref) return undefined;
        const svc = services.serviceFor(ref.templatePath);
        for (const env of svc.scaling.environments()) {
          if (env.functionName === ref.fn.functionName && (env.state === 'idle' || env.state === 'frozen') && (await svc.scaling.stopEnvironment(env.id))) stopped++;
        }
      }
      logs.info(`Force Cold Start: stopped ${stopped} idle environment${stopped === 1 ? '' : 's'}; the next invocation starts cold.`);
      after();
      return stopped;
    })),
    vscode.commands.registerCommand(COMMANDS.setReservedConcurrency, guarded(logs, async (arg?: FunctionArg, value?: number | null) => {
      const ref = await resolveFunction(services, arg, 'Set reserved concurrency of');
      if (!ref) return undefined;
      const svc = services.serviceFor(ref.templatePath);
      const current = await svc.concurrency.get(ref.fn.functionName);
      const n = await askNumber(value, `Reserved concurrency of ${ref.fn.logicalId}: a cap and a guarantee for all its versions (0 throttles every invocation; empty removes it)`, current === undefined ? '' : String(current), true);
      if (n === undefined) return undefined;
      if (n === null) await svc.concurrency.delete(ref.fn.functionName);
      else await svc.concurrency.put(ref.fn.functionName, n);
      const now = await svc.concurrency.get(ref.fn.functionName);
      logs.info(`Reserved concurrency of ${ref.fn.logicalId}: ${now ?? 'none'} (account unreserved: ${(await svc.concurrency.account()).unreserved}).`);
      return now ?? null;
    })),
    vscode.commands.registerCommand(COMMANDS.setProvisionedConcurrency, guarded(logs, async (node?: VersionNode, value?: number) => {
      if (!node || (node.kind !== 'alias' && node.kind !== 'version')) throw new Error('Choose an alias or a published version in the Functions tree: provisioned concurrency is never on $LATEST.');
      const qualifier = node.kind === 'alias' ? node.alias.Name : node.config.Version;
      const svc = services.serviceFor(node.templatePath);
      const name = `${node.fn.functionName}:${qualifier}`;
      const existing = (await svc.scaling.listProvisioned(node.fn.functionName)).find((c) => c.qualifier === qualifier);
      const n = await askNumber(value, `Provisioned concurrency of ${name}: environments initialised ahead of requests (0 removes it)`, existing ? String(existing.RequestedProvisionedConcurrentExecutions) : '1', false);
      if (n === undefined || n === null) return undefined;
      if (n === 0) {
        await svc.scaling.deleteProvisioned(name);
        logs.info(`Provisioned concurrency of ${name} removed.`);
        after();
        return null;
      }
      await svc.scaling.putProvisioned(name, undefined, n);
      view.refresh();
      const settled = await vscode.window.withProgress<ProvisionedConfigView>(
        { location: vscode.ProgressLocation.Notification, title: `Provisioning ${n} environment${n === 1 ? '' : 's'} of ${name}…` },
        () => svc.scaling.provisionedSettled(name),
      );
      logs.info(`Provisioned concurrency of ${name}: ${settled.AllocatedProvisionedConcurrentExecutions}/${settled.RequestedProvisionedConcurrentExecutions} ${settled.Status}${settled.StatusReason ? ` (${settled.StatusReason})` : ''}.`);
      if (settled.Status === 'FAILED') void vscode.window.showErrorMessage(`Lambda: provisioned concurrency of ${name} FAILED: ${settled.StatusReason ?? ''}`);
      after();
      return settled;
    })),
  );
}
