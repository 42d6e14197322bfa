// vscode layer: Enable / Disable of an event source mapping from its row under a function (issue 16); the
// engine's State transition settles, then the Functions tree shows the new state.
import * as vscode from 'vscode';
import { COMMANDS } from '../ids';
import type { MappingNode } from '../mappings/mappingNodes';
import { guarded, type CommandDeps } from './targets';

function mappingNode(arg: unknown): MappingNode {
  if (arg && typeof arg === 'object' && (arg as MappingNode).kind === 'mapping') return arg as MappingNode;
  throw new Error("Choose an event source mapping under a function in the Functions tree.");
}

export function registerMappingCommands(deps: CommandDeps): vscode.Disposable {
  const { services, logs } = deps;
  const toggle = (enabled: boolean) =>
    guarded(logs, async (arg?: unknown): Promise<string | undefined> => {
      const node = mappingNode(arg);
      const svc = services.serviceFor(node.templatePath);
      const uuid = node.details.config.UUID;
      await (enabled ? svc.mappings.enable(uuid) : svc.mappings.disable(uuid));
      await svc.mappings.settled();
      deps.refreshViews();
      return (await svc.mappings.get(uuid)).State;
    });
  return vscode.Disposable.from(vscode.commands.registerCommand(COMMANDS.mappingEnable, toggle(true)), vscode.commands.registerCommand(COMMANDS.mappingDisable, toggle(false)));
}
