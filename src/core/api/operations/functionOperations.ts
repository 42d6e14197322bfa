// core/api: the function control plane — ListFunctions (Marker/MaxItems), GetFunction,
// GetFunctionConfiguration, CreateFunction and UpdateFunctionCode from ZipFile bytes,
// UpdateFunctionConfiguration, DeleteFunction — over the service's FunctionCatalog.
import type { LambdaService } from '../../service';
import type { CatalogEntry } from '../../registry/functionCatalog';
import { invalidParameter } from '../apiErrors';
import { functionConfiguration, recordFacts, type CodeFacts } from '../shapes';
import type { ApiRequest, Operation, OperationContext } from '../router';
import { codeLocation } from './codeOperations';
import { asLambdaNotFound, jsonBody, qualifierOf } from './common';

/** Template functions have no upload: their facts come from building their package (cached by content). */
const templateFacts = new WeakMap<object, Promise<CodeFacts>>();
const LOADED_AT = new Date().toISOString().replace('Z', '+0000');

async function factsOf(service: LambdaService, e: CatalogEntry): Promise<CodeFacts> {
  const own = recordFacts(e);
  if (own) return own;
  let p = templateFacts.get(e.fn);
  if (!p) {
    p = service.packageFunction(e.fn.logicalId).then(
      (pkg) => ({ codeSha256: pkg.codeSha256, codeSize: pkg.size, lastModified: LOADED_AT, revisionId: pkg.codeSha256, role: `arn:aws:iam::${service.accountId}:role/lambda-workbench-local` }),
      () => ({ codeSha256: '', codeSize: 0, lastModified: LOADED_AT, revisionId: '', role: `arn:aws:iam::${service.accountId}:role/lambda-workbench-local` }),
    );
    templateFacts.set(e.fn, p);
  }
  return p;
}

async function configurationOf(service: LambdaService, e: CatalogEntry): Promise<Record<string, unknown>> {
  const catalog = await service.catalog();
  return functionConfiguration(e.fn, catalog.arnOf(e.fn), await factsOf(service, e));
}

/** The function named, and the published version or alias when the request names one (else undefined: $LATEST). */
async function entryFor(service: LambdaService, req: ApiRequest): Promise<{ e: CatalogEntry; version?: Record<string, unknown> }> {
  const name = req.params.FunctionName;
  const qualifier = qualifierOf(req);
  return asLambdaNotFound(service, name, qualifier, async () => {
    const catalog = await service.catalog();
    const e = catalog.entry(name);
    const q = qualifier ?? catalog.qualifierIn(name);
    if (q === undefined || q === '$LATEST') return { e };
    return { e, version: { ...(await service.versions.getFunctionConfiguration(name, qualifier)) } };
  });
}

async function listFunctions(req: ApiRequest, { service }: OperationContext): Promise<{ status: number; body: object }> {
  const catalog = await service.catalog();
  const all = catalog.list();
  const maxItems = req.query.get('MaxItems');
  const max = maxItems === null ? 50 : Number(maxItems);
  if (!Number.isInteger(max) || max < 1 || max > 10000) throw invalidParameter(`MaxItems must be a whole number from 1 to 10000, got "${maxItems}".`);
  // The marker is the base64 of the last name returned: stable while functions are added or removed.
  const marker = req.query.get('Marker');
  let from = 0;
  if (marker) {
    const after = Buffer.from(marker, 'base64').toString('utf8');
    const i = all.findIndex((e) => e.fn.functionName === after);
    if (i < 0) throw invalidParameter(`Marker "${marker}" does not come from an earlier ListFunctions of this endpoint.`);
    from = i + 1;
  }
  const page = all.slice(from, from + max);
  const body: Record<string, unknown> = { Functions: await Promise.all(page.map((e) => configurationOf(service, e))) };
  if (from + max < all.length) body.NextMarker = Buffer.from(page[page.length - 1].fn.functionName).toString('base64');
  return { status: 200, body };
}

export const FUNCTION_OPERATIONS: readonly Operation[] = [
  { name: 'ListFunctions', method: 'GET', path: '/2015-03-31/functions', handler: listFunctions },
  {
    name: 'CreateFunction',
    method: 'POST',
    path: '/2015-03-31/functions',
    handler: async (req, { service }) => {
      const e = await (await service.catalog()).create(jsonBody(req));
      return { status: 201, body: await configurationOf(service, e) };
    },
  },
  {
    name: 'GetFunction',
    method: 'GET',
    path: '/2015-03-31/functions/{FunctionName}',
    handler: async (req, { service }) => {
      const { e, version } = await entryFor(service, req);
      const configuration = version ?? (await configurationOf(service, e));
      // Lambda's presigned S3 URL; here a URL of this endpoint serving the ZIP that runs (a version: its snapshot).
      const location = codeLocation(req, e.fn.functionName, version ? String(version.Version) : undefined);
      const body: Record<string, unknown> = { Configuration: configuration, Code: { RepositoryType: 'S3', Location: location } };
      if (Object.keys(e.tags).length) body.Tags = e.tags;
      const reserved = await service.concurrency.get(e.fn.functionName);
      if (reserved !== undefined) body.Concurrency = { ReservedConcurrentExecutions: reserved };
      return { status: 200, body };
    },
  },
  {
    name: 'GetFunctionConfiguration',
    method: 'GET',
    path: '/2015-03-31/functions/{FunctionName}/configuration',
    handler: async (req, { service }) => {
      const { e, version } = await entryFor(service, req);
      return { status: 200, body: version ?? (await configurationOf(service, e)) };
    },
  },
  {
    name: 'UpdateFunctionCode',
    method: 'PUT',
    path: '/2015-03-31/functions/{FunctionName}/code',
    handler: async (req, { service }) => {
      const name = req.params.FunctionName;
      const e = await asLambdaNotFound(service, name, undefined, async () => (await service.catalog()).updateCode(name, jsonBody(req)));
      return { status: 200, body: await configurationOf(service, e) };
    },
  },
  {
    name: 'UpdateFunctionConfiguration',
    method: 'PUT',
    path: '/2015-03-31/functions/{FunctionName}/configuration',
    handler: async (req, { service }) => {
      const name = req.params.FunctionName;
      const e = await asLambdaNotFound(service, name, undefined, async () => (await service.catalog()).updateConfiguration(name, jsonBody(req)));
      return { status: 200, body: await configurationOf(service, e) };
    },
  },
  {
    name: 'DeleteFunction',
    method: 'DELETE',
    path: '/2015-03-31/functions/{FunctionName}',
    handler: async (req, { service }) => {
      const name = req.params.FunctionName;
      const qualifier = qualifierOf(req);
      if (qualifier !== undefined && qualifier !== '$LATEST') {
        if (!/^\d+$/.test(qualifier)) throw invalidParameter(`DeleteFunction's Qualifier must be a version number, got "${qualifier}" (delete an alias with DeleteAlias).`);
        await asLambdaNotFound(service, name, qualifier, () => service.versions.deleteVersion(name, qualifier));
        return { status: 200 };
      }
      await asLambdaNotFound(service, name, undefined, async () => {
        const catalog = await service.catalog();
        catalog.assertOwned(name); // template functions are refused before anything is forgotten
        const stored = catalog.entry(name).fn.functionName;
        await service.versions.deleteAllVersions(name);
        await catalog.delete(name);
        await service.stopDeletedFunction(stored);
      });
      // The model's DeleteFunction answers 200 with an empty body (StatusCode comes from the status line).
      return { status: 200 };
    },
  },
];
