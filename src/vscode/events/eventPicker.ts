// vscode layer: the "Invoke with Event…" quick pick: saved events of the function, a file of the
// user's choice, or a built-in sample (saved under a name the user gives, then opened for editing).
import * as vscode from 'vscode';
import type { EventStore } from './eventStore';
import { validateEventName } from './eventStore';
import { generateSampleEvent, SAMPLE_EVENTS } from './sampleEvents';

/** What to send: the payload text and where it came from (for the result header). */
export interface ChosenEvent {
  payload: string;
  source: string;
}

type Pick = vscode.QuickPickItem & { action: () => Promise<ChosenEvent | undefined> };

export async function pickEvent(store: EventStore, logicalId: string, ctx: { region: string; accountId: string }): Promise<ChosenEvent | undefined> {
  const saved = await store.list(logicalId);
  const items: (Pick | vscode.QuickPickItem)[] = [];
  if (saved.length) items.push({ label: 'Saved events', kind: vscode.QuickPickItemKind.Separator });
  for (const ev of saved) {
    items.push({ label: `$(json) ${ev.name}`, description: 'saved', action: async () => ({ payload: await store.read(logicalId, ev.name), source: ev.path }) });
  }
  items.push({ label: 'Other', kind: vscode.QuickPickItemKind.Separator });
  items.push({ label: '$(file) Choose a JSON file…', action: () => pickFile() });
  items.push({ label: '$(symbol-constant) Empty event {}', action: () => Promise.resolve({ payload: '{}', source: 'empty event' }) });
  items.push({ label: 'New event from a sample', kind: vscode.QuickPickItemKind.Separator });
  for (const s of SAMPLE_EVENTS) {
    items.push({ label: `$(add) ${s.label}`, description: s.description, action: () => createFromSample(store, logicalId, s.id, ctx) });
  }
  const chosen = await vscode.window.showQuickPick(items, { title: `Invoke ${logicalId} with event`, placeHolder: 'Choose a saved event, a file, or create one from a sample' });
  return chosen && 'action' in chosen ? chosen.action() : undefined;
}

async function pickFile(): Promise<ChosenEvent | undefined> {
  const [uri] = (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { JSON: ['json'] }, openLabel: 'Invoke with this event' })) ?? [];
  if (!uri) return undefined;
  const payload = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
  return { payload, source: uri.fsPath };
}

async function createFromSample(store: EventStore, logicalId: string, sampleId: string, ctx: { region: string; accountId: string }): Promise<ChosenEvent | undefined> {
  const name = await vscode.window.showInputBox({
    title: 'Save the sample event as',
    value: sampleId,
    validateInput: (v) => validateEventName(v),
  });
  if (!name) return undefined;
  const payload = generateSampleEvent(sampleId, ctx);
  const file = await store.save(logicalId, name, payload);
  await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: true, preserveFocus: true });
  return { payload, source: file };
}
