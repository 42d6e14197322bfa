// vscode layer: what Invoke with Event…, Debug with Event… and Invoke Async share to choose an event: the
// function's saved-event store and the event picker's input.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readSettings } from '../settings';
import type { FunctionRef, WorkspaceServices } from '../workspaceServices';
import type { EventMemory } from './eventMemory';
import type { EventPickerInput } from './eventPicker';
import { EventStore } from './eventStore';

/** The saved events of the function's workspace folder (under its state directory). */
export function eventStoreFor(ref: FunctionRef): EventStore {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(ref.templatePath));
  const root = folder ? (readSettings(folder).stateDir(folder) ?? path.join(folder.uri.fsPath, '.lambda-workbench')) : path.join(path.dirname(ref.templatePath), '.lambda-workbench');
  return new EventStore(root);
}

export function pickerInputFor(services: WorkspaceServices, memory: EventMemory, ref: FunctionRef, store: EventStore): EventPickerInput {
  const svc = services.serviceFor(ref.templatePath);
  return {
    store,
    memory,
    templatePath: ref.templatePath,
    logicalId: ref.fn.logicalId,
    codeDir: ref.fn.code.kind === 'directory' ? ref.fn.code.path : undefined,
    ctx: { region: svc.region, accountId: svc.accountId },
    events: ref.fn.events,
  };
}
