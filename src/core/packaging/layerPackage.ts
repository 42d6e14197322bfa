// core/packaging: a layer's archive — the ContentUri folder as it is (its contents become /opt), or, with
// a runtime BuildMethod, the folder under nodejs/ (plus production node_modules) or python/ (plus pip).
import type { LayerConfig } from '../model/functionConfig';
import { stagePlan, zipPlan, type BuildOptions, type BuildPlan } from './buildPipeline';
import { PackagingError } from './errors';
import { buildMethodOf, isSamBuilt, unsupportedMakefile } from './functionPackage';
import { DEFAULT_IGNORES } from './ignoreRules';
import { folderPlan, nodePlan, pythonPlan, requireDir, userZipPlan } from './sourcePlans';
import { npmContextFor } from './npmInstall';
import { join } from 'node:path';
import { SymlinkPolicy } from './symlinkPolicy';
import type { BuiltPackage, StagedPackage } from './types';

/** A layer is taken as it is: the root-level test-folder defaults do not apply. */
export const LAYER_IGNORES = DEFAULT_IGNORES.filter((p) => !/^\/(test|tests|__tests__)\/$/.test(p));

async function layerPlan(layer: LayerConfig, opts: LayerOptions, links: SymlinkPolicy): Promise<BuildPlan> {
  const label = `layer "${layer.logicalId}"`;
  const content = layer.content;
  if (content.kind === 'inline') throw new PackagingError('INVALID_PARAMETER', `${label} has inline content; a layer needs a folder or a ZIP.`);
  if (content.kind === 'zip') return userZipPlan(label, content.path, { kind: 'zip' });
  await requireDir(content.path, label);
  const { method, props } = buildMethodOf(layer.metadata);
  const settings = { kind: 'layer', method, props, runtime: opts.runtime, architectures: layer.compatibleArchitectures };
  if (method === '' || isSamBuilt(layer.templatePath, layer.metadata)) return folderPlan(label, content.path, settings, '', LAYER_IGNORES, links, opts.cache.walkMemo);
  if (method === 'makefile') throw unsupportedMakefile(label);
  // As `sam build`: BuildMethod nodejsNN.x puts the folder (and its node_modules) under nodejs/, pythonX.Y under python/.
  const npm = npmContextFor(opts, /^nodejs\d/.test(method) ? method : opts.runtime);
  if (method.startsWith('nodejs')) return nodePlan(label, content.path, settings, 'nodejs/', links, opts.cache.walkMemo, npm);
  if (method.startsWith('python')) {
    const runtime = /^python\d/.test(method) ? method : (opts.runtime ?? method);
    const architectures = layer.compatibleArchitectures.length > 0 ? layer.compatibleArchitectures : (['x86_64'] as const);
    const failures = { dir: join(npm.dir, 'failed'), retry: opts.retryFailedSteps };
    return pythonPlan(label, content.path, settings, { runtime, architectures, props, python: opts.python, signal: opts.signal, links, memo: opts.cache.walkMemo, failures }, 'python/');
  }
  throw new PackagingError('BUILD_FAILED', `${label}: BuildMethod "${method}" is not supported — use nodejsNN.x, pythonX.Y, or none.`);
}

type LayerOptions = BuildOptions & { runtime?: string };

/** Makes the layer's plan for each build attempt, giving the symlink warnings of the last one. */
async function withPlan<T>(layer: LayerConfig, opts: LayerOptions, run: (makePlan: () => Promise<BuildPlan>) => Promise<T>): Promise<T> {
  let links: SymlinkPolicy | undefined;
  try {
    return await run(() => {
      links = SymlinkPolicy.forResource(layer.content.kind === 'inline' ? '' : layer.content.path, layer.templatePath, layer.metadata);
      return layerPlan(layer, opts, links);
    });
  } finally {
    for (const w of links?.warnings(`layer "${layer.logicalId}"`) ?? []) opts.warn?.(w);
  }
}

/** Builds (or reuses) a layer's ZIP: what a layer version publishes. */
export function buildLayerPackage(layer: LayerConfig, opts: LayerOptions): Promise<BuiltPackage> {
  return withPlan(layer, opts, (makePlan) => zipPlan(makePlan, opts));
}

/** Stages (or reuses) a layer's files as its /opt contribution, incrementally as a function's are. */
export function stageLayerPackage(layer: LayerConfig, opts: LayerOptions): Promise<StagedPackage> {
  return withPlan(layer, opts, (makePlan) => stagePlan(makePlan, opts));
}
