// core/scheduler: what an environment runs: the function's deployment package staged as its task root and its
// layers merged as /opt — "what runs is what ships" (ARCHITECTURE.md rule 6). Staging goes through the
// content-addressed package cache: unchanged code is never rebuilt, an edit rewrites only the files it
// changed, and no ZIP is written until something asks for its bytes (`package`, publishing a layer).
import { join } from 'node:path';
import { WorkbenchError } from '../common/errors';
import type { FunctionConfig, LayerConfig } from '../model/functionConfig';
import { checkTotalUnzippedSize, extractZip, stageFunctionPackage, stageLayerPackage, type PackageCache, type ProgressListener } from '../packaging';
import type { LayerStore } from '../registry/layerStore';
import { assembleOpt } from '../runtime/optDirectory';
import { existsSync } from 'node:fs';
import { deprecationOf, deprecationText } from '../model/runtimes';
import { warnOncePerSession } from '../runtimes/sessionWarnings';

export interface ResolvedCode {
  taskRoot: string;
  optDir: string;
  /** The function as it runs: handler and environment as the build left them (esbuild rewrites the handler). */
  fn: FunctionConfig;
  /** Identity of the function's files (its package folder's name): equal for equal packages. */
  treeHash: string;
  /** Identity of code + layers: equal keys run the same bytes. */
  key: string;
  /** Folders a change in which means a rebuild (the function's code, template layers' content). */
  watchRoots: string[];
}

export interface FunctionCodeDeps {
  cache: PackageCache;
  layerStore: LayerStore;
  optRoot: string;
  /** Layers of the loaded template, by logical id. */
  templateLayers(): readonly LayerConfig[];
  warn(message: string): void;
  /** Progress of builds started by invocations (an npm install can take seconds). */
  onProgress?: ProgressListener;
}

export class FunctionCode {
  /** Packaging warnings already given: every cold start walks the files again, the user hears it once. */
  private readonly warned = new Set<string>();
  private readonly warnOnce = (message: string): void => {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.d.warn(message);
  };

  constructor(private readonly d: FunctionCodeDeps) {}

  async resolve(fn: FunctionConfig, onProgress: ProgressListener | undefined = this.d.onProgress): Promise<ResolvedCode> {
    const deprecated = deprecationOf(fn.runtime);
    if (deprecated) {
      // Lambda still invokes functions on deprecated runtimes; said once per session, before anything starts.
      warnOncePerSession(`deprecated:${fn.runtime}`, this.d.warn, `Function "${fn.logicalId}" uses ${fn.runtime}; it still runs, as Lambda still invokes it. ${deprecationText(fn.runtime, deprecated)}.`);
    }
    const pkg = await stageFunctionPackage(fn, { cache: this.d.cache, onProgress, warn: this.warnOnce });
    const layers = await Promise.all(fn.layers.map((ref) => this.resolveLayer(fn, ref, onProgress)));
    // Sizes as the builds recorded them: the folders are walked only to name contributors when over the limit.
    checkTotalUnzippedSize([{ label: `function "${fn.logicalId}"`, dir: pkg.dir, bytes: pkg.unzippedSize }, ...layers.map((l) => ({ label: l.label, dir: l.dir, bytes: l.bytes }))]);
    const optDir = await assembleOpt(this.d.optRoot, layers);
    const running: FunctionConfig = {
      ...fn,
      handler: pkg.handler ?? fn.handler,
      // `sam build` adds NODE_OPTIONS=--enable-source-maps for Sourcemap builds unless the user set it.
      environment: { ...(pkg.environment ?? {}), ...fn.environment },
    };
    const watchRoots = [fn.code.kind === 'directory' ? fn.code.path : undefined, ...layers.map((l) => l.sourceDir)].filter((x): x is string => !!x);
    return {
      taskRoot: pkg.dir,
      optDir,
      fn: running,
      treeHash: pkg.treeHash,
      key: [pkg.treeHash, ...layers.map((l) => l.codeSha256)].join('|'),
      watchRoots,
    };
  }

  private async resolveLayer(fn: FunctionConfig, ref: FunctionConfig['layers'][number], onProgress?: ProgressListener) {
    if (ref.kind === 'logical') {
      const layer = this.d.templateLayers().find((l) => l.logicalId === ref.logicalId);
      if (!layer) {
        throw new WorkbenchError('UNRESOLVED_REFERENCE', `Function "${fn.logicalId}" lists layer "${ref.logicalId}", which is not a LayerVersion in the template. Add the resource or fix Layers.`);
      }
      if (layer.compatibleRuntimes.length && !layer.compatibleRuntimes.includes(fn.runtime)) {
        this.d.warn(`Layer "${layer.logicalId}" lists CompatibleRuntimes ${layer.compatibleRuntimes.join(', ')}, not ${fn.runtime} of function "${fn.logicalId}"; using it anyway.`);
      }
      const staged = await stageLayerPackage(layer, { cache: this.d.cache, onProgress, runtime: fn.runtime, warn: this.warnOnce });
      // assembleOpt keys the merged /opt by its layers' identities; a staged layer's is its tree hash.
      return {
        label: `layer "${layer.logicalId}"`,
        dir: staged.dir,
        codeSha256: `tree:${staged.treeHash}`,
        bytes: staged.unzippedSize as number | undefined,
        sourceDir: layer.content.kind === 'directory' ? layer.content.path : undefined,
      };
    }
    const record = await this.d.layerStore.resolveArn(ref.arn);
    if (!record) {
      throw new WorkbenchError(
        'UNRESOLVED_REFERENCE',
        `Layer ${ref.arn} of function "${fn.logicalId}" is not published locally. Publish it with "lambda-workbench layers publish <LayerLogicalId>", or reference the template's LayerVersion resource with !Ref.`,
      );
    }
    const dir = join(this.d.cache.root, 'published-layers', `${record.layerName}-${record.version}`);
    if (!existsSync(dir)) {
      // Published versions are immutable ZIPs: extracted once, safely and atomically, into place.
      await extractZip(record.zipPath, dir).catch((e: unknown) => {
        if (!existsSync(dir)) throw e;
      });
    }
    return { label: `layer ${record.layerName}:${record.version}`, dir, codeSha256: record.codeSha256, bytes: undefined, sourceDir: undefined };
  }
}
