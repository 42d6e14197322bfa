// vscode layer, vscode-free: the project's own test events: `events/*.json` next to the template (the
// `sam init` layout) and in the function's own folder, offered by the event picker beside the saved ones.
// `<name>.expected.json` files are a test's expected result (testing/savedEventTests.ts), not events.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

export interface ProjectEvent {
  /** File name without `.json`. */
  name: string;
  path: string;
}

/** The `events/*.json` files of each folder (template folder first, then the function's), each file once. */
export async function projectEvents(folders: readonly (string | undefined)[]): Promise<ProjectEvent[]> {
  const seen = new Set<string>();
  const out: ProjectEvent[] = [];
  for (const folder of folders) {
    if (!folder) continue;
    const dir = join(folder, 'events');
    if (seen.has(dir)) continue;
    seen.add(dir);
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries.filter((x) => x.isFile() && x.name.endsWith('.json') && !x.name.endsWith('.expected.json')).sort((a, b) => a.name.localeCompare(b.name))) {
      out.push({ name: e.name.slice(0, -'.json'.length), path: join(dir, e.name) });
    }
  }
  return out;
}
