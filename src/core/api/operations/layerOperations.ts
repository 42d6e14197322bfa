// core/api: layers (§7) — PublishLayerVersion from ZipFile bytes, ListLayers, ListLayerVersions,
// GetLayerVersion, GetLayerVersionByArn, DeleteLayerVersion — over the service's local layer store.
import { WorkbenchError } from '../../common/errors';
import type { LayerVersionRecord } from '../../registry/layerStore';
import { invalidParameter, LambdaApiError } from '../apiErrors';
import { layerVersionFull, layerVersionItem } from '../shapes';
import type { ApiRequest, Operation } from '../router';
import { jsonBody } from './common';

function versionNumber(req: ApiRequest): number {
  const n = Number(req.params.VersionNumber);
  if (!Number.isInteger(n) || n < 1) throw invalidParameter(`VersionNumber must be a positive whole number, got "${req.params.VersionNumber}".`);
  return n;
}

function layerNotFound(what: string): LambdaApiError {
  return new LambdaApiError('ResourceNotFoundException', `The resource you requested does not exist. (${what})`, 'RESOURCE_NOT_FOUND');
}

/** Filters of ListLayers/ListLayerVersions: CompatibleRuntime, CompatibleArchitecture. */
function matches(req: ApiRequest, r: LayerVersionRecord): boolean {
  const runtime = req.query.get('CompatibleRuntime');
  const arch = req.query.get('CompatibleArchitecture');
  return (!runtime || r.compatibleRuntimes.includes(runtime)) && (!arch || r.compatibleArchitectures.includes(arch));
}

/** Marker/MaxItems paging over an ordered list; the marker is the index to continue from. */
function page<T>(req: ApiRequest, items: T[]): { items: T[]; next?: string } {
  const max = req.query.has('MaxItems') ? Number(req.query.get('MaxItems')) : 50;
  if (!Number.isInteger(max) || max < 1 || max > 50) throw invalidParameter(`MaxItems must be a whole number from 1 to 50, got "${req.query.get('MaxItems')}".`);
  const from = req.query.has('Marker') ? Number(Buffer.from(req.query.get('Marker')!, 'base64').toString('utf8')) : 0;
  if (!Number.isInteger(from) || from < 0) throw invalidParameter(`Marker "${req.query.get('Marker')}" does not come from an earlier listing of this endpoint.`);
  const slice = items.slice(from, from + max);
  return { items: slice, next: from + max < items.length ? Buffer.from(String(from + max)).toString('base64') : undefined };
}

export const LAYER_OPERATIONS: readonly Operation[] = [
  {
    name: 'PublishLayerVersion',
    method: 'POST',
    path: '/2018-10-31/layers/{LayerName}/versions',
    handler: async (req, { service }) => {
      const b = jsonBody(req);
      const zip = (b.Content as { ZipFile?: unknown } | undefined)?.ZipFile;
      if (typeof zip !== 'string' || !zip) throw new WorkbenchError('INVALID_PARAMETER', 'Content.ZipFile is required: the layer archive as ZIP bytes (S3 locations are not available locally).');
      const r = await service.layers.publishUploaded({
        layerName: req.params.LayerName,
        zip: Buffer.from(zip, 'base64'),
        description: typeof b.Description === 'string' ? b.Description : undefined,
        compatibleRuntimes: Array.isArray(b.CompatibleRuntimes) ? (b.CompatibleRuntimes as string[]) : undefined,
        compatibleArchitectures: Array.isArray(b.CompatibleArchitectures) ? (b.CompatibleArchitectures as string[]) : undefined,
      });
      return { status: 201, body: layerVersionFull(r) };
    },
  },
  {
    name: 'ListLayers',
    method: 'GET',
    path: '/2018-10-31/layers',
    handler: async (req, { service }) => {
      const byName = new Map<string, LayerVersionRecord>();
      for (const r of (await service.layers.list()).filter((x) => matches(req, x))) {
        const seen = byName.get(r.layerName);
        if (!seen || seen.version < r.version) byName.set(r.layerName, r);
      }
      const latest = [...byName.values()].sort((a, b) => a.layerName.localeCompare(b.layerName));
      const p = page(req, latest);
      return {
        status: 200,
        body: { Layers: p.items.map((r) => ({ LayerName: r.layerName, LayerArn: r.layerArn, LatestMatchingVersion: layerVersionItem(r) })), ...(p.next ? { NextMarker: p.next } : {}) },
      };
    },
  },
  {
    name: 'ListLayerVersions',
    method: 'GET',
    path: '/2018-10-31/layers/{LayerName}/versions',
    handler: async (req, { service }) => {
      // Newest first, as Lambda lists them.
      const versions = (await service.layers.versionsOf(req.params.LayerName)).filter((x) => matches(req, x)).reverse();
      const p = page(req, versions);
      return { status: 200, body: { LayerVersions: p.items.map(layerVersionItem), ...(p.next ? { NextMarker: p.next } : {}) } };
    },
  },
  {
    name: 'GetLayerVersionByArn',
    method: 'GET',
    path: '/2018-10-31/layers?find=LayerVersion',
    handler: async (req, { service }) => {
      const arn = req.query.get('Arn') ?? '';
      if (!/^arn:aws[\w-]*:lambda:[\w-]+:\d{12}:layer:[a-zA-Z0-9_-]+:\d+$/.test(arn)) throw invalidParameter(`Arn must be a layer version ARN (arn:aws:lambda:<region>:<account>:layer:<name>:<version>), got "${arn}".`);
      const r = await service.layers.resolveArn(arn);
      if (!r) throw layerNotFound(arn);
      return { status: 200, body: layerVersionFull(r) };
    },
  },
  {
    name: 'GetLayerVersion',
    method: 'GET',
    path: '/2018-10-31/layers/{LayerName}/versions/{VersionNumber}',
    handler: async (req, { service }) => {
      const n = versionNumber(req);
      const r = (await service.layers.versionsOf(req.params.LayerName)).find((x) => x.version === n);
      if (!r) throw layerNotFound(`${req.params.LayerName}:${n}`);
      return { status: 200, body: layerVersionFull(r) };
    },
  },
  {
    name: 'DeleteLayerVersion',
    method: 'DELETE',
    path: '/2018-10-31/layers/{LayerName}/versions/{VersionNumber}',
    handler: async (req, { service }) => {
      // Deleting a version that does not exist succeeds, as in Lambda.
      await service.layers.delete(req.params.LayerName, versionNumber(req));
      return { status: 204 };
    },
  },
];
