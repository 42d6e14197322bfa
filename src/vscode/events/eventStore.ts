// vscode layer, vscode-free: saved test events per function, like the Lambda console's, stored as
// <stateDir>/events/<logicalId>/<name>.json so they can be committed or shared.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mkdirState } from '../../core/store/stateFolders';

export interface SavedEvent {
  name: string;
  path: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Why an event name is not acceptable, or undefined when it is. */
export function validateEventName(name: string): string | undefined {
  if (NAME.test(name)) return undefined;
  return `Event names use letters, digits, ".", "_" and "-" (at most 100, starting with a letter or digit): "${name}"`;
}

export class EventStore {
  /** @param stateDir the workspace's .lambda-workbench folder */
  constructor(private readonly stateDir: string) {}

  folder(logicalId: string): string {
    return join(this.stateDir, 'events', logicalId);
  }

  async list(logicalId: string): Promise<SavedEvent[]> {
    const dir = this.folder(logicalId);
    const names = await readdir(dir).catch(() => [] as string[]);
    return names
      .filter((n) => n.endsWith('.json'))
      .sort()
      .map((n) => ({ name: n.slice(0, -'.json'.length), path: join(dir, n) }));
  }

  async read(logicalId: string, name: string): Promise<string> {
    return readFile(join(this.folder(logicalId), `${name}.json`), 'utf8');
  }

  /** Writes the event after checking that it is JSON; returns its path. */
  async save(logicalId: string, name: string, json: string): Promise<string> {
    const bad = validateEventName(name);
    if (bad) throw new Error(bad);
    JSON.parse(json);
    const dir = this.folder(logicalId);
    await mkdirState(dir);
    const file = join(dir, `${name}.json`);
    await writeFile(file, json.endsWith('\n') ? json : json + '\n');
    return file;
  }
}
