// core/registry: PublishLayerVersion from ZipFile bytes — the upload is checked with the safe extractor,
// then stored as a new immutable version of the layer by LayerStore (§7).
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WorkbenchError } from '../common/errors';
import { extractZip } from '../packaging';
import type { LayerStore, LayerVersionRecord } from './layerStore';

export interface LayerUpload {
  layerName: string;
  zip: Buffer;
  description?: string;
  compatibleRuntimes?: string[];
  compatibleArchitectures?: string[];
  licenseInfo?: string;
}

export async function publishUploadedLayer(store: LayerStore, workRoot: string, u: LayerUpload): Promise<LayerVersionRecord> {
  if (!/^[a-zA-Z0-9_-]{1,140}$/.test(u.layerName)) {
    throw new WorkbenchError('INVALID_PARAMETER', `LayerName must be 1 to 140 letters, digits, hyphens or underscores, got ${JSON.stringify(u.layerName)}.`);
  }
  if ((u.compatibleRuntimes?.length ?? 0) > 15) throw new WorkbenchError('INVALID_PARAMETER', 'CompatibleRuntimes may list at most 15 runtimes.');
  const work = join(workRoot, `.upload-${randomUUID()}`);
  await mkdir(work, { recursive: true });
  try {
    const zipPath = join(work, 'layer.zip');
    await writeFile(zipPath, u.zip);
    await extractZip(zipPath, join(work, 'check')).catch((e: unknown) => {
      throw new WorkbenchError('INVALID_PARAMETER', `Could not unzip uploaded file for layer "${u.layerName}": ${(e as Error).message} Check the ZIP, then upload it again.`, { cause: e });
    });
    return await store.publish({
      layerName: u.layerName,
      codeSha256: createHash('sha256').update(u.zip).digest('base64'),
      codeSize: u.zip.length,
      fromZip: zipPath,
      compatibleRuntimes: u.compatibleRuntimes ?? [],
      compatibleArchitectures: u.compatibleArchitectures ?? [],
      description: u.description,
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
