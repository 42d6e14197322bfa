// core/packaging: a layer's archive — the ContentUri folder as it is (its contents become /opt), or, with
// a runtime BuildMethod, the folder under nodejs/ (plus production node_modules) or python/ (plus pip).
import type { LayerConfig } from '../model/functionConfig';
import { runPlan, type BuildOptions, type BuildPlan } from './buildPipeline';
import { PackagingError } from './errors';
import { buildMethodOf, unsupportedMakefile } from './functionPackage';
import { DEFAULT_IGNORES } from './ignoreRules';
import { folderPlan, nodePlan, pythonPlan, requireDir, userZipPlan } from './sourcePlans';
import { SymlinkPolicy } from './symlinkPolicy';
import type { BuiltPackage } from './types';

/** A layer is taken as it is: the root-level test-folder defaults do not apply. */
export const LAYER_IGNORES = DEFAULT_IGNORES.filter((p) => !/^\/(test|tests|__tests__)\/$/.test(p));

async function layerPlan(layer: LayerConfig, opts: BuildOptions & { runtime?: string }, links: SymlinkPolicy): Promise<BuildPlan> {
  const label = `layer "${layer.logicalId}"`;
  const content = layer.content;
  if (content.kind === 'inline') throw new PackagingError('INVALID_PARAMETER', `${label} has inline content; a layer needs a folder or a ZIP.`);
  if (content.kind === 'zip') return userZipPlan(label, content.path, { kind: 'zip' });
  await requireDir(content.path, label);
  const { method, props } = buildMethodOf(layer.metadata);
  const settings = { kind: 'layer', method, props, runtime: opts.runtime, architectures: layer.compatibleArchitectures };
  if (method === '') return folderPlan(label, content.path, settings, '', LAYER_IGNORES, links);
  if (method === 'makefile') throw unsupportedMakefile(label);
  // As `sam build`: BuildMethod nodejsNN.x puts the folder (and its node_modules) under nodejs/, pythonX.Y under python/.
  if (method.startsWith('nodejs')) return nodePlan(label, content.path, settings, 'nodejs/', links);
  if (method.startsWith('python')) {
    const runtime = /^python\d/.test(method) ? method : (opts.runtime ?? method);
    const architectures = layer.compatibleArchitectures.length > 0 ? layer.compatibleArchitectures : (['x86_64'] as const);
    return pythonPlan(label, content.path, settings, { runtime, architectures, props, python: opts.python, signal: opts.signal, links }, 'python/');
  }
  throw new PackagingError('BUILD_FAILED', `${label}: BuildMethod "${method}" is not supported — use nodejsNN.x, pythonX.Y, or none.`);
}

/** Builds (or reuses) a layer's ZIP and its extracted folder (this layer's contribution to /opt). */
export async function buildLayerPackage(layer: LayerConfig, opts: BuildOptions & { runtime?: string }): Promise<BuiltPackage> {
  const links = SymlinkPolicy.forResource(layer.content.kind === 'inline' ? '' : layer.content.path, layer.templatePath, layer.metadata);
  const plan = await layerPlan(layer, opts, links);
  for (const w of links.warnings(plan.label)) opts.warn?.(w);
  return runPlan(plan, opts);
}
