// core/deploy: every deployment package of a template — each function's and each layer's ZIP, the same bytes
// `package` writes and invocations run (ARCHITECTURE.md rule 6) — built once for `package --output-template`
// and `deploy`. Inline code stays in the template; broken resources are reported, not skipped silently.
import { relative, dirname } from 'node:path';
import type { LambdaService } from '../service';
import type { ProgressListener } from '../packaging';
import { copyInto } from '../packaging/userPackage';
import { WorkbenchError } from '../common/errors';
import type { CodeArtifact, CodeLocation } from './codeProperties';

export interface BuiltArtifact {
  logicalId: string;
  kind: 'function' | 'layer';
  resourceType: string;
  /** The ZIP (in the package cache, or copied to the output folder). */
  zipPath: string;
  size: number;
  /** Base64 SHA-256 of the ZIP (lambda-semantics.md §6). */
  codeSha256: string;
  handler?: string;
  environment?: Record<string, string>;
}

export interface BuildArtifactsOptions {
  /** Copy each ZIP to `<outDir>/<LogicalId>.zip`. */
  outDir?: string;
  onProgress?(logicalId: string): ProgressListener | undefined;
  /** Broken functions and layers: false (deploy) fails with the first one's error; true names each. */
  tolerateBroken: boolean;
  warn(message: string): void;
  isStopped?(): boolean;
}

/** Builds the ZIPs of the template's functions (except inline code) and layers, in template order. */
export async function buildArtifacts(service: LambdaService, o: BuildArtifactsOptions): Promise<BuiltArtifact[]> {
  const model = await service.template();
  for (const b of model.broken) {
    if (!o.tolerateBroken) throw new WorkbenchError(b.error.code, `${b.kind === 'function' ? 'Function' : 'Layer'} ${b.logicalId} cannot be packaged, so the template cannot be deployed: ${b.error.message}`, { cause: b.error });
    o.warn(`${b.kind === 'function' ? 'Function' : 'Layer'} ${b.logicalId} is not packaged: [${b.error.code}] ${b.error.message}`);
  }
  const out: BuiltArtifact[] = [];
  for (const fn of model.functions) {
    if (o.isStopped?.()) return out;
    if (fn.code.kind === 'inline') continue;
    const info = await service.packageFunction(fn.logicalId, { outDir: o.outDir, onProgress: o.onProgress?.(fn.logicalId) });
    out.push({ logicalId: fn.logicalId, kind: 'function', resourceType: fn.resourceType, zipPath: info.zipPath, size: info.size, codeSha256: info.codeSha256, handler: info.handler, environment: info.environment });
  }
  for (const layer of model.layers) {
    if (o.isStopped?.()) return out;
    const { built } = await service.layers.build(layer.logicalId, { onProgress: o.onProgress?.(layer.logicalId) });
    const zipPath = o.outDir ? await copyInto(built.zipPath, o.outDir, `${layer.logicalId}.zip`) : built.zipPath;
    out.push({ logicalId: layer.logicalId, kind: 'layer', resourceType: layer.resourceType, zipPath, size: built.size, codeSha256: built.codeSha256 });
  }
  return out;
}

/** The template's view of an artifact at `location`. */
export function codeArtifact(a: BuiltArtifact, location: CodeLocation): CodeArtifact {
  return { logicalId: a.logicalId, location, handler: a.handler, environment: a.environment };
}

/** A ZIP's path as written into a template at `templateFile`: relative to its folder, '/'-separated. */
export function pathFromTemplate(templateFile: string, zipPath: string): string {
  return relative(dirname(templateFile), zipPath).split('\\').join('/');
}
