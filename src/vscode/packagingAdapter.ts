// vscode layer: the one place that talks to the engine's packaging API, which is still being built.
// Assumed surface (to be provided by LambdaService): packageFunction, publishLayerVersion,
// listLayerVersions. Until the service has them, the commands say so instead of failing obscurely.
import type { LambdaService } from '../core/service';

/** Progress as the packager reports it: a message and/or a percentage step. */
export type PackageProgress = string | { message?: string; increment?: number };

export interface PackageResult {
  zipPath: string;
  size: number;
  codeSha256: string;
}

export interface PublishedLayerVersion {
  layerName: string;
  version: number;
  layerVersionArn?: string;
  codeSha256?: string;
}

/** The engine API the VS Code layer codes against. */
interface PackagingApi {
  packageFunction(logicalId: string, options: { onProgress?: (p: PackageProgress) => void }): Promise<PackageResult>;
  publishLayerVersion(logicalId: string): Promise<PublishedLayerVersion>;
  listLayerVersions(): Promise<PublishedLayerVersion[]>;
}

export class PackagingUnavailableError extends Error {
  constructor(what: string) {
    super(`${what} is not available in this build of the Lambda Workbench engine yet. Update the extension, or use the CLI: lambda-workbench package.`);
  }
}

function api(svc: LambdaService): Partial<PackagingApi> {
  return svc as unknown as Partial<PackagingApi>;
}

export function packagingAvailable(svc: LambdaService): boolean {
  return typeof api(svc).packageFunction === 'function';
}

export async function packageFunction(svc: LambdaService, logicalId: string, onProgress: (message: string, increment?: number) => void): Promise<PackageResult> {
  const fn = api(svc).packageFunction;
  if (typeof fn !== 'function') throw new PackagingUnavailableError('Packaging');
  return fn.call(svc, logicalId, {
    onProgress: (p: PackageProgress) => (typeof p === 'string' ? onProgress(p) : onProgress(p.message ?? '', p.increment)),
  });
}

export async function publishLayerVersion(svc: LambdaService, logicalId: string): Promise<PublishedLayerVersion> {
  const fn = api(svc).publishLayerVersion;
  if (typeof fn !== 'function') throw new PackagingUnavailableError('Publishing layer versions');
  return fn.call(svc, logicalId);
}

/** Published local layer versions; empty until the engine supports them. */
export async function listLayerVersions(svc: LambdaService): Promise<PublishedLayerVersion[]> {
  const fn = api(svc).listLayerVersions;
  return typeof fn === 'function' ? fn.call(svc) : [];
}
