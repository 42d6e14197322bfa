// core/api: versions and aliases (lambda-semantics.md §6) — PublishVersion, ListVersionsByFunction,
// CreateAlias, GetAlias, UpdateAlias, DeleteAlias, ListAliases — over the service's version and alias
// managers, which already answer in the model's shapes (FunctionConfiguration, AliasConfiguration).
import { invalidParameter } from '../apiErrors';
import type { ApiRequest, Operation } from '../router';
import { asLambdaNotFound, jsonBody } from './common';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function weights(body: Record<string, unknown>): Record<string, number> | undefined {
  const rc = body.RoutingConfig as { AdditionalVersionWeights?: Record<string, number> } | undefined;
  if (rc === undefined) return undefined;
  return rc?.AdditionalVersionWeights ?? {};
}

/** Marker/MaxItems paging: the marker is the base64 index to continue from. */
function page<T>(req: ApiRequest, items: T[], maxDefault = 50): { items: T[]; NextMarker?: string } {
  const max = req.query.has('MaxItems') ? Number(req.query.get('MaxItems')) : maxDefault;
  if (!Number.isInteger(max) || max < 1 || max > 10000) throw invalidParameter(`MaxItems must be a whole number from 1 to 10000, got "${req.query.get('MaxItems')}".`);
  const from = req.query.has('Marker') ? Number(Buffer.from(req.query.get('Marker')!, 'base64').toString('utf8')) : 0;
  if (!Number.isInteger(from) || from < 0) throw invalidParameter(`Marker "${req.query.get('Marker')}" does not come from an earlier listing of this endpoint.`);
  return { items: items.slice(from, from + max), ...(from + max < items.length ? { NextMarker: Buffer.from(String(from + max)).toString('base64') } : {}) };
}

export const VERSION_OPERATIONS: readonly Operation[] = [
  {
    name: 'PublishVersion',
    method: 'POST',
    path: '/2015-03-31/functions/{FunctionName}/versions',
    handler: async (req, { service }) => {
      const b = jsonBody(req);
      const name = req.params.FunctionName;
      const cfg = await asLambdaNotFound(service, name, undefined, () => service.versions.publishVersion(name, { codeSha256: str(b.CodeSha256), revisionId: str(b.RevisionId), description: str(b.Description) }));
      return { status: 201, body: cfg };
    },
  },
  {
    name: 'ListVersionsByFunction',
    method: 'GET',
    path: '/2015-03-31/functions/{FunctionName}/versions',
    handler: async (req, { service }) => {
      const name = req.params.FunctionName;
      const p = page(req, await asLambdaNotFound(service, name, undefined, () => service.versions.listVersions(name)));
      return { status: 200, body: { Versions: p.items, ...(p.NextMarker ? { NextMarker: p.NextMarker } : {}) } };
    },
  },
  {
    name: 'CreateAlias',
    method: 'POST',
    path: '/2015-03-31/functions/{FunctionName}/aliases',
    handler: async (req, { service }) => {
      const b = jsonBody(req);
      const name = req.params.FunctionName;
      if (typeof b.Name !== 'string' || typeof b.FunctionVersion !== 'string') throw invalidParameter('CreateAlias needs Name and FunctionVersion.');
      const alias = await asLambdaNotFound(service, name, undefined, () =>
        service.versions.createAlias(name, { name: b.Name as string, functionVersion: b.FunctionVersion as string, description: str(b.Description), routing: weights(b) }),
      );
      return { status: 201, body: alias };
    },
  },
  {
    name: 'ListAliases',
    method: 'GET',
    path: '/2015-03-31/functions/{FunctionName}/aliases',
    handler: async (req, { service }) => {
      const name = req.params.FunctionName;
      const all = await asLambdaNotFound(service, name, undefined, () => service.versions.listAliases(name, { functionVersion: req.query.get('FunctionVersion') ?? undefined }));
      const p = page(req, all);
      return { status: 200, body: { Aliases: p.items, ...(p.NextMarker ? { NextMarker: p.NextMarker } : {}) } };
    },
  },
  {
    name: 'GetAlias',
    method: 'GET',
    path: '/2015-03-31/functions/{FunctionName}/aliases/{Name}',
    handler: async (req, { service }) => {
      const { FunctionName: name, Name: alias } = req.params;
      return { status: 200, body: await asLambdaNotFound(service, name, alias, () => service.versions.getAlias(name, alias)) };
    },
  },
  {
    name: 'UpdateAlias',
    method: 'PUT',
    path: '/2015-03-31/functions/{FunctionName}/aliases/{Name}',
    handler: async (req, { service }) => {
      const b = jsonBody(req);
      const { FunctionName: name, Name: alias } = req.params;
      const out = await asLambdaNotFound(service, name, alias, () =>
        service.versions.updateAlias(name, alias, { functionVersion: str(b.FunctionVersion), description: str(b.Description), routing: weights(b), revisionId: str(b.RevisionId) }),
      );
      return { status: 200, body: out };
    },
  },
  {
    name: 'DeleteAlias',
    method: 'DELETE',
    path: '/2015-03-31/functions/{FunctionName}/aliases/{Name}',
    handler: async (req, { service }) => {
      const { FunctionName: name, Name: alias } = req.params;
      await asLambdaNotFound(service, name, alias, () => service.versions.deleteAlias(name, alias));
      return { status: 204 };
    },
  },
];
