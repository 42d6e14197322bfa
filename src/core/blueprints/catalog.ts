// core/blueprints: the blueprint catalog — every folder under blueprints/ with a blueprint.json, read and
// validated. The CLI's `init --list` and VS Code's picker read it; `init` picks one by name.
import { existsSync, promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';
import { WorkbenchError } from '../common/errors';
import { validateManifest, type BlueprintManifest } from './manifest';

export interface Blueprint {
  /** The blueprint's folder (absolute). */
  dir: string;
  manifest: BlueprintManifest;
}

/** The `blueprints/` folder at or above `from` (dist/, out/…, the repo root), or undefined. */
export function findBlueprintsRoot(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'blueprints');
    if (existsSync(join(candidate, 'hello-world-nodejs', 'blueprint.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Every blueprint under `root`, sorted by name. A folder without blueprint.json is not a blueprint; one whose
 * manifest is broken, whose name differs from its folder, or whose files are missing fails with BLUEPRINT_INVALID.
 */
export async function listBlueprints(root: string): Promise<Blueprint[]> {
  if (!existsSync(root)) throw new WorkbenchError('BLUEPRINT_NOT_FOUND', `No blueprints folder at ${root}.`);
  return readCatalog(root, 'blueprint.json', 'Blueprint', validateManifest, (m) => ['template.yaml', m.handlerFile, ...m.events.map((ev) => ev.file)]);
}

/**
 * The folders under `root` that carry `manifestName`, each manifest parsed and checked by `validate`, its name
 * matching its folder and the files `needs` lists present (BLUEPRINT_INVALID otherwise); sorted by name.
 */
export async function readCatalog<M extends { name: string }>(root: string, manifestName: string, kind: string, validate: (raw: unknown, file: string) => M, needs: (m: M) => string[]): Promise<{ dir: string; manifest: M }[]> {
  const out: { dir: string; manifest: M }[] = [];
  for (const e of await fsp.readdir(root, { withFileTypes: true })) {
    const dir = join(root, e.name);
    const file = join(dir, manifestName);
    if (!e.isDirectory() || !existsSync(file)) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(await fsp.readFile(file, 'utf8'));
    } catch (err) {
      throw new WorkbenchError('BLUEPRINT_INVALID', `${kind} manifest ${file} is not valid JSON: ${(err as Error).message}`, { file, cause: err });
    }
    const manifest = validate(raw, file);
    if (manifest.name !== e.name) throw new WorkbenchError('BLUEPRINT_INVALID', `${kind} manifest ${file}: "name" is "${manifest.name}" but its folder is "${e.name}"; they must match.`, { file });
    for (const rel of needs(manifest)) {
      if (!existsSync(join(dir, rel))) throw new WorkbenchError('BLUEPRINT_INVALID', `${kind} "${manifest.name}" names ${rel}, which is not in ${dir}.`, { file });
    }
    out.push({ dir, manifest });
  }
  return out.sort((a, b) => a.manifest.name.localeCompare(b.manifest.name));
}

/** The blueprint called `name`; BLUEPRINT_NOT_FOUND listing the names otherwise. */
export async function findBlueprint(root: string, name: string): Promise<Blueprint> {
  const all = await listBlueprints(root);
  const found = all.find((b) => b.manifest.name === name);
  if (found) return found;
  throw new WorkbenchError('BLUEPRINT_NOT_FOUND', `No blueprint named "${name}". Blueprints: ${all.map((b) => b.manifest.name).join(', ')} (lambda-workbench init --list describes them).`);
}
