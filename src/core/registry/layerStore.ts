// core/registry: published local layer versions (lambda-semantics.md §7): immutable, numbered from 1 and
// never reused. Each version is a JSON record <stateDir>/layers/<name>/<version>.json; the ZIP itself is
// stored by content hash under <stateDir>/layers/.blobs/<sha256-hex>.zip (identical versions share it).
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WorkbenchError } from '../common/errors';
import { layerVersionArn } from '../model/arn';

export interface LayerVersionRecord {
  layerName: string;
  version: number;
  layerVersionArn: string;
  layerArn: string;
  codeSha256: string;
  codeSize: number;
  zipPath: string;
  compatibleRuntimes: string[];
  compatibleArchitectures: string[];
  description?: string;
  createdDate: string;
  /** Logical id of the template resource it was published from. */
  sourceLogicalId?: string;
}

export class LayerStore {
  constructor(
    private readonly root: string,
    private readonly region: string,
    private readonly accountId: string,
  ) {}

  /** Store a new version of `layerName` from a built ZIP; returns its record. */
  async publish(input: Omit<LayerVersionRecord, 'version' | 'layerVersionArn' | 'layerArn' | 'zipPath' | 'createdDate'> & { fromZip: string }): Promise<LayerVersionRecord> {
    const dir = join(this.root, input.layerName);
    await mkdir(dir, { recursive: true });
    // Versions are never reused, even after deletion (a deleted version leaves <n>.deleted): the highest number ever given + 1.
    const given = (await readdir(dir)).map((n) => /^(\d+)\.(?:json|deleted)$/.exec(n)).filter((m) => m !== null);
    const version = Math.max(0, ...given.map((m) => Number(m[1]))) + 1;
    const blobs = join(this.root, '.blobs'); // not a valid layer name, so never a layer's folder
    await mkdir(blobs, { recursive: true });
    const zipPath = join(blobs, `${Buffer.from(input.codeSha256, 'base64').toString('hex')}.zip`);
    if (!existsSync(zipPath)) {
      await copyFile(input.fromZip, `${zipPath}.${process.pid}.tmp`);
      await rename(`${zipPath}.${process.pid}.tmp`, zipPath);
    }
    const arn = layerVersionArn(this.region, this.accountId, input.layerName, version);
    const { fromZip: _ignored, ...rest } = input;
    const record: LayerVersionRecord = {
      ...rest,
      version,
      layerVersionArn: arn,
      layerArn: arn.slice(0, arn.lastIndexOf(':')),
      zipPath,
      createdDate: new Date().toISOString(),
    };
    await writeFile(join(dir, `${version}.json.tmp`), JSON.stringify(record, null, 2));
    await rename(join(dir, `${version}.json.tmp`), join(dir, `${version}.json`));
    return record;
  }

  /** All versions of one layer, oldest first. */
  async versions(layerName: string): Promise<LayerVersionRecord[]> {
    const dir = join(this.root, layerName);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return [];
    }
    const records: LayerVersionRecord[] = [];
    for (const n of names.filter((x) => /^\d+\.json$/.test(x))) {
      try {
        records.push(JSON.parse(await readFile(join(dir, n), 'utf8')) as LayerVersionRecord);
      } catch (e) {
        throw new WorkbenchError('INTERNAL', `The layer record ${join(dir, n)} is unreadable (${(e as Error).message}). Delete it or publish the layer again.`, { cause: e });
      }
    }
    return records.sort((a, b) => a.version - b.version);
  }

  /** Every published version of every layer. */
  async list(): Promise<LayerVersionRecord[]> {
    let layers: string[];
    try {
      layers = await readdir(this.root);
    } catch {
      return [];
    }
    return (await Promise.all(layers.filter((l) => !l.startsWith('.')).map((l) => this.versions(l)))).flat();
  }

  /**
   * Deletes one version (DeleteLayerVersion): its record becomes a tombstone so the number is never given
   * again. Its ZIP stays (another version may share it; functions already using it keep working, §7).
   */
  async delete(layerName: string, version: number): Promise<boolean> {
    const file = join(this.root, layerName, `${version}.json`);
    if (!existsSync(file)) return false;
    await rename(file, join(this.root, layerName, `${version}.deleted`));
    return true;
  }

  /** The version a layer version ARN names, or undefined when it was never published here. */
  async resolveArn(arn: string): Promise<LayerVersionRecord | undefined> {
    const m = /^arn:aws[\w-]*:lambda:[\w-]+:\d{12}:layer:([A-Za-z0-9_-]+):(\d+)$/.exec(arn);
    if (!m) return undefined;
    return (await this.versions(m[1])).find((r) => r.version === Number(m[2]));
  }
}
