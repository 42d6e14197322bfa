// core/registry: the layer versions the service offers (LambdaService.layers): publishing a template layer
// (built like `sam build` would) or uploaded ZIP bytes, listing, resolving and deleting local versions.
import { WorkbenchError } from '../common/errors';
import type { LayerConfig, TemplateModel } from '../model/functionConfig';
import { buildLayerPackage, type BuiltPackage, type PackageCache, type ProgressListener } from '../packaging';
import type { LayerStore, LayerVersionRecord } from './layerStore';
import { publishUploadedLayer, type LayerUpload } from './layerUploads';

export interface LayersFacadeDeps {
  store: LayerStore;
  packages: PackageCache;
  /** Where uploaded layer ZIPs are kept (the state directory's layers folder). */
  uploadsDir: string;
  template(): Promise<TemplateModel>;
  warn(message: string): void;
}

export class LayersFacade {
  constructor(private readonly d: LayersFacadeDeps) {}

  /** Build (or reuse) a template layer's ZIP — what a layer version publishes, here or on AWS (`sync`). */
  async build(layerLogicalId: string, options: { onProgress?: ProgressListener } = {}): Promise<{ layer: LayerConfig; built: BuiltPackage }> {
    const model = await this.d.template();
    const layer = model.layers.find((l) => l.logicalId === layerLogicalId || l.layerName === layerLogicalId);
    const broken = layer ? undefined : model.broken.find((b) => b.kind === 'layer' && b.logicalId === layerLogicalId);
    if (broken) throw broken.error;
    if (!layer) {
      const known = model.layers.map((l) => l.logicalId).join(', ') || '(none)';
      throw new WorkbenchError('FUNCTION_NOT_FOUND', `Layer not found: "${layerLogicalId}". Layers in ${model.templatePath}: ${known}.`);
    }
    const built = await buildLayerPackage(layer, { cache: this.d.packages, onProgress: options.onProgress, runtime: layer.compatibleRuntimes[0], warn: this.d.warn, retryFailedSteps: true });
    return { layer, built };
  }

  /** Build a template layer and publish it as a new immutable local layer version (1, 2, 3…). */
  async publish(layerLogicalId: string, options: { onProgress?: ProgressListener } = {}): Promise<LayerVersionRecord> {
    const { layer, built } = await this.build(layerLogicalId, options);
    return this.d.store.publish({
      layerName: layer.layerName,
      codeSha256: built.codeSha256,
      codeSize: built.size,
      fromZip: built.zipPath,
      compatibleRuntimes: layer.compatibleRuntimes,
      compatibleArchitectures: layer.compatibleArchitectures,
      description: layer.description,
      sourceLogicalId: layer.logicalId,
    });
  }

  /** Every published local layer version. */
  list(): Promise<LayerVersionRecord[]> {
    return this.d.store.list();
  }

  /** PublishLayerVersion from ZIP bytes (the Lambda API). */
  publishUploaded(upload: LayerUpload): Promise<LayerVersionRecord> {
    return publishUploadedLayer(this.d.store, this.d.uploadsDir, upload);
  }

  versionsOf(layerName: string): Promise<LayerVersionRecord[]> {
    return this.d.store.versions(layerName);
  }

  resolveArn(arn: string): Promise<LayerVersionRecord | undefined> {
    return this.d.store.resolveArn(arn);
  }

  delete(layerName: string, version: number): Promise<boolean> {
    return this.d.store.delete(layerName, version);
  }
}
