// vscode layer: the "Invoke with Event…" quick pick: the event used last time for this function (first, so
// Enter reuses it), saved events of the function, the project's events/*.json, a file of the user's choice,
// or a built-in sample (saved under a name the user gives, then opened for editing). Remembers the choice.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EventMemory, RememberedEvent } from './eventMemory';
import type { EventStore } from './eventStore';
import { validateEventName } from './eventStore';
import { projectEvents } from './projectEvents';
import type { FunctionEvent } from '../../core/model/functionConfig';
import { generateSampleEvent, SAMPLE_EVENTS, sampleId } from '../../core/samples';
import { samplesForEvents } from '../../core/samples/functionSamples';

/** What to send: the payload text and where it came from (for the result header). */
export interface ChosenEvent {
  payload: string;
  source: string;
}

export interface EventPickerInput {
  store: EventStore;
  memory: EventMemory;
  templatePath: string;
  logicalId: string;
  /** The function's source folder (its `events/` is offered too). */
  codeDir?: string;
  ctx: { region: string; accountId: string };
  /** The function's template events: their matching samples are offered first. */
  events?: readonly FunctionEvent[];
  title?: string;
}

export type EventChoice = vscode.QuickPickItem & { action?: () => Promise<ChosenEvent | undefined>; remember?: RememberedEvent };

const readText = async (file: string): Promise<string> => Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.file(file))).toString('utf8');
const fromFile = (file: string) => async (): Promise<ChosenEvent> => ({ payload: await readText(file), source: file });
const EMPTY: ChosenEvent = { payload: '{}', source: 'empty event' };

/** The picker's items, in order (exported for the tests). */
export async function eventChoices(i: EventPickerInput): Promise<EventChoice[]> {
  const saved = await i.store.list(i.logicalId);
  const project = await projectEvents([path.dirname(i.templatePath), i.codeDir]);
  const items: EventChoice[] = [];
  const last = i.memory.get(i.templatePath, i.logicalId);
  if (last && ('empty' in last || existsSync(last.path))) {
    items.push({ label: 'Last used', kind: vscode.QuickPickItemKind.Separator });
    items.push('empty' in last
      ? { label: '$(history) Empty event {}', description: 'last used', action: () => Promise.resolve(EMPTY), remember: last }
      : { label: `$(history) ${path.basename(last.path, '.json')}`, description: `last used · ${vscode.workspace.asRelativePath(last.path)}`, action: fromFile(last.path), remember: last });
  }
  if (saved.length) items.push({ label: 'Saved events', kind: vscode.QuickPickItemKind.Separator });
  for (const ev of saved) items.push({ label: `$(json) ${ev.name}`, description: 'saved', action: fromFile(ev.path), remember: { path: ev.path } });
  if (project.length) items.push({ label: 'Project events', kind: vscode.QuickPickItemKind.Separator });
  for (const ev of project) items.push({ label: `$(json) ${ev.name}`, description: vscode.workspace.asRelativePath(ev.path), action: fromFile(ev.path), remember: { path: ev.path } });
  items.push({ label: 'Other', kind: vscode.QuickPickItemKind.Separator });
  items.push({ label: '$(file) Choose a JSON file…', action: () => pickFile() });
  items.push({ label: '$(symbol-constant) Empty event {}', action: () => Promise.resolve(EMPTY), remember: { empty: true } });
  const own = samplesForEvents(i.events ?? []);
  if (own.length) items.push({ label: "From the function's events", kind: vscode.QuickPickItemKind.Separator });
  for (const s of own) items.push({ label: `$(add) ${s.label}`, description: s.id, action: () => createFromSample(i.store, i.logicalId, s.id, i.ctx, s.flags) });
  items.push({ label: 'New event from a sample', kind: vscode.QuickPickItemKind.Separator });
  for (const s of SAMPLE_EVENTS) items.push({ label: `$(add) ${s.label}`, description: s.description, action: () => createFromSample(i.store, i.logicalId, sampleId(s), i.ctx) });
  return items;
}

export async function pickEvent(i: EventPickerInput): Promise<ChosenEvent | undefined> {
  const chosen = await vscode.window.showQuickPick(await eventChoices(i), {
    title: i.title ?? `Invoke ${i.logicalId} with event`,
    placeHolder: 'Choose a saved or project event, a file, or create one from a sample',
    matchOnDescription: true,
  });
  const event = chosen?.action ? await chosen.action() : undefined;
  if (!event) return undefined;
  // Files chosen or created (not from the list) are remembered by their path.
  const remember = chosen?.remember ?? (event.source !== EMPTY.source ? { path: event.source } : undefined);
  if (remember) await i.memory.remember(i.templatePath, i.logicalId, remember);
  return event;
}

async function pickFile(): Promise<ChosenEvent | undefined> {
  const [uri] = (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { JSON: ['json'] }, openLabel: 'Invoke with this event' })) ?? [];
  if (!uri) return undefined;
  return { payload: await readText(uri.fsPath), source: uri.fsPath };
}

async function createFromSample(store: EventStore, logicalId: string, id: string, ctx: { region: string; accountId: string }, flags?: Record<string, string>): Promise<ChosenEvent | undefined> {
  const name = await vscode.window.showInputBox({
    title: 'Save the sample event as',
    value: id.replace('/', '-'),
    validateInput: (v) => validateEventName(v),
  });
  if (!name) return undefined;
  const payload = generateSampleEvent(id, { ...ctx, flags });
  const file = await store.save(logicalId, name, payload);
  await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: true, preserveFocus: true });
  return { payload, source: file };
}
