// core/runtime: lays a function's layers out as its /opt (lambda-semantics.md §7): extracted in the order
// listed, a later layer's file replacing an earlier one's. The merged tree is keyed by the layers' hashes
// and built once (hard links where possible, copies across devices), then shared by environments.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, readdir, readlink, rename, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface LayerTree {
  codeSha256: string;
  dir: string;
}

const COMPLETE = '.lambda-workbench-complete';

/** Assemblies in flight in this process, by folder: concurrent first invokes of functions sharing layers build once. */
const building = new Map<string, Promise<string>>();

/** Returns the merged /opt folder for these layers (an empty folder when there are none). */
export function assembleOpt(optRoot: string, layers: readonly LayerTree[]): Promise<string> {
  const key = layers.length === 0 ? 'empty' : createHash('sha256').update(layers.map((l) => l.codeSha256).join('\n')).digest('hex').slice(0, 32);
  const dir = join(optRoot, key);
  if (existsSync(join(dir, COMPLETE))) return Promise.resolve(dir);
  let p = building.get(dir);
  if (!p) {
    p = build(dir, layers).finally(() => building.delete(dir));
    building.set(dir, p);
  }
  return p;
}

async function build(dir: string, layers: readonly LayerTree[]): Promise<string> {
  // Unique per attempt: other engine processes may build the same folder at the same moment.
  const tmp = `${dir}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await mkdir(tmp, { recursive: true });
  try {
    for (const layer of layers) await mergeTree(layer.dir, tmp);
    await writeFile(join(tmp, COMPLETE), '');
    try {
      await rename(tmp, dir);
    } catch (e) {
      // Another process finished it first (never remove a complete folder: environments run from it), or an
      // interrupted earlier build left an incomplete one, which goes.
      if (existsSync(join(dir, COMPLETE))) {
        await rm(tmp, { recursive: true, force: true });
        return dir;
      }
      if ((e as NodeJS.ErrnoException).code !== 'ENOTEMPTY' && (e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      await rm(dir, { recursive: true, force: true });
      await rename(tmp, dir);
    }
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    if (existsSync(join(dir, COMPLETE))) return dir; // someone else finished it first
    throw e;
  }
  return dir;
}

async function mergeTree(src: string, dst: string): Promise<void> {
  for (const e of await readdir(src, { withFileTypes: true })) {
    const from = join(src, e.name);
    const to = join(dst, e.name);
    if (e.isDirectory()) {
      await mkdir(to, { recursive: true });
      await mergeTree(from, to);
    } else {
      await unlink(to).catch(() => undefined); // later layers win
      if (e.isSymbolicLink()) await symlink(await readlink(from), to);
      else await link(from, to).catch(() => copyFile(from, to));
    }
  }
}
