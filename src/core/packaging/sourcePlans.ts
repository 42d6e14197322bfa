// core/packaging: build plans shared by functions and layers — a folder as it is, a Node.js folder with its
// production node_modules, a Python folder with pip-installed requirements, and a user's ZIP.
import { readFileSync } from 'node:fs';
import { copyFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Architecture } from '../model/functionConfig';
import type { BuildPlan, Produced } from './buildPipeline';
import { WorkbenchError } from '../common/errors';
import { extractZip } from './extractZip';
import { byName, toSourceFile, walkFiles, type SourceFile, type WalkMemo } from './fileTree';
import { DEFAULT_IGNORES, IgnoreMatcher } from './ignoreRules';
import { MissingDependencyError, productionDependencyFiles } from './nodeDependencies';
import { installedDependencies, type NpmContext } from './npmInstall';
import { stepKey, unlessFailedBefore, type FailedStepsOptions } from './failedSteps';
import { hasRequirements, pipInstall, pipSettings } from './pipInstall';
import type { SymlinkPolicy } from './symlinkPolicy';
import type { PackageFile } from './types';
import { TimeSlicer } from './timeSlicer';

export const isNodeModules = (rel: string): boolean => basename(rel) === 'node_modules';

export async function requireDir(dir: string, label: string): Promise<void> {
  const ok = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (!ok) throw new WorkbenchError('CODE_URI_NOT_FOUND', `Code folder of ${label} not found: "${dir}" — check CodeUri / ContentUri.`, { file: dir });
}

/** The folder's files, ignore rules applied, named with `prefix`; `links` decides on symlinks out of it. */
export function folderFiles(root: string, prefix = '', defaults = DEFAULT_IGNORES, skipNodeModules = false, links?: SymlinkPolicy, memo?: WalkMemo): Promise<SourceFile[]> {
  return walkFiles(root, { prefix, ignore: IgnoreMatcher.forFolder(root, defaults), skipDir: skipNodeModules ? isNodeModules : undefined, links, listings: memo?.listings });
}

/** A folder zipped as it is. */
export async function folderPlan(label: string, root: string, settings: unknown, prefix = '', defaults = DEFAULT_IGNORES, links?: SymlinkPolicy, memo?: WalkMemo): Promise<BuildPlan> {
  const files = await folderFiles(root, prefix, defaults, false, links, memo);
  return { label, settings, inputs: files, produce: async () => ({ files }), filesAreInputs: true };
}

/**
 * A Node.js folder: its sources (without any node_modules) plus the production dependency closure — from the
 * folder's own node_modules when everything is installed there, else (with `npm`) installed as `sam build`
 * does into a build folder of the state directory (npmInstall.ts), the user's folder untouched.
 */
export async function nodePlan(label: string, root: string, settings: unknown, prefix = '', links?: SymlinkPolicy, memo?: WalkMemo, npm?: NpmContext): Promise<BuildPlan> {
  const slicer = new TimeSlicer();
  const own = await walkFiles(root, { prefix, ignore: IgnoreMatcher.forFolder(root, DEFAULT_IGNORES), skipDir: isNodeModules, links, slicer, listings: memo?.listings });
  let deps: SourceFile[];
  try {
    deps = await productionDependencyFiles(root, prefix, links, slicer, memo);
  } catch (e) {
    if (!(e instanceof MissingDependencyError) || !npm) throw e;
    const installed = await installedDependencies(root, label, npm);
    deps = await productionDependencyFiles(installed, prefix, undefined, slicer, memo);
  }
  const files = [...own, ...deps].sort(byName);
  return { label, settings, inputs: files, produce: async () => ({ files }), filesAreInputs: true };
}

export interface PythonTarget {
  runtime: string;
  architectures: readonly Architecture[];
  props: Record<string, unknown>;
  python?: string;
  signal?: AbortSignal;
  links?: SymlinkPolicy;
  memo?: WalkMemo;
  /** Where failed pip installs are remembered, so an unchanged function does not retry on every invoke. */
  failures?: FailedStepsOptions;
}

/** A Python folder; with a non-empty requirements.txt (and no `PipInstall: false`) pip installs it alongside. */
export async function pythonPlan(label: string, root: string, settings: unknown, t: PythonTarget, prefix = ''): Promise<BuildPlan> {
  const own = await folderFiles(root, prefix, DEFAULT_IGNORES, false, t.links, t.memo);
  const usePip = hasRequirements(root) && t.props.PipInstall !== false && t.props.PipInstall !== 'false';
  if (!usePip) return { label, settings, inputs: own, produce: async () => ({ files: own }), filesAreInputs: true };
  const pip = pipSettings(t.runtime, t.architectures, t.props, t.python);
  return {
    label,
    settings: { settings, pip },
    inputs: own,
    async produce(work): Promise<Produced> {
      const target = join(work, 'deps');
      const install = (): Promise<void> => pipInstall(root, target, pip, label, t.signal);
      const requirements = readFileSync(join(root, 'requirements.txt'), 'utf8');
      if (t.failures) await unlessFailedBefore(t.failures, stepKey({ pip, requirements, root }), `"${join(root, 'requirements.txt')}"`, install);
      else await install();
      const deps = await walkFiles(target, { prefix, ignore: new IgnoreMatcher(['__pycache__/', '*.pyc']) });
      // As `sam build`: sources first, then dependencies installed over them.
      const byPath = new Map<string, PackageFile>(own.map((f) => [f.name, f]));
      for (const d of deps) byPath.set(d.name, d);
      return { files: [...byPath.values()] };
    },
  };
}

/** A user's ZIP is the package as it is, once it extracts safely. */
export async function userZipPlan(label: string, zipPath: string, settings: unknown): Promise<BuildPlan> {
  const st = await stat(zipPath).catch(() => undefined);
  if (!st?.isFile()) throw new WorkbenchError('CODE_URI_NOT_FOUND', `ZIP of ${label} not found: "${zipPath}".`, { file: zipPath });
  return {
    label,
    settings,
    inputs: [toSourceFile('package.zip', zipPath, st)],
    async produce(work): Promise<Produced> {
      const check = join(work, 'check');
      await extractZip(zipPath, check);
      const copy = join(work, 'package.zip');
      await copyFile(zipPath, copy);
      return { zipPath: copy, extractedDir: check, files: await walkFiles(check) };
    },
  };
}
