// core/api: provisioned concurrency (lambda-semantics.md §8) — Put/Get/Delete/ListProvisionedConcurrencyConfigs
// over the engine's scaling controls. Put answers 202 with Status IN_PROGRESS; the environments initialise in
// the background and Get shows READY (or FAILED with the init error as StatusReason).
import { functionArn } from '../../model/arn';
import type { ProvisionedConfigView } from '../../scheduler/provisionedConcurrency';
import { invalidParameter } from '../apiErrors';
import type { ApiRequest, Operation } from '../router';
import { asLambdaNotFound, jsonBody, qualifierOf } from './common';

const PATH = '/2019-09-30/functions/{FunctionName}/provisioned-concurrency';

function requiredQualifier(req: ApiRequest): string {
  const q = qualifierOf(req);
  if (q === undefined) throw invalidParameter('The Qualifier parameter is required: name a published version or an alias.');
  return q;
}

/** The response shape (Put/Get): Lambda's fields only. */
function body(v: ProvisionedConfigView): Record<string, unknown> {
  const out: Record<string, unknown> = {
    RequestedProvisionedConcurrentExecutions: v.RequestedProvisionedConcurrentExecutions,
    AvailableProvisionedConcurrentExecutions: v.AvailableProvisionedConcurrentExecutions,
    AllocatedProvisionedConcurrentExecutions: v.AllocatedProvisionedConcurrentExecutions,
    Status: v.Status,
    LastModified: v.LastModified,
  };
  if (v.StatusReason !== undefined) out.StatusReason = v.StatusReason;
  return out;
}

export const PROVISIONED_OPERATIONS: readonly Operation[] = [
  {
    name: 'PutProvisionedConcurrencyConfig',
    method: 'PUT',
    path: PATH,
    handler: async (req, { service }) => {
      const qualifier = requiredQualifier(req);
      const value = jsonBody(req).ProvisionedConcurrentExecutions;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
        throw invalidParameter(`ProvisionedConcurrentExecutions must be a whole number of at least 1, got ${JSON.stringify(value)}.`);
      }
      const name = req.params.FunctionName;
      const v = await asLambdaNotFound(service, name, qualifier, () => service.scaling.putProvisioned(name, qualifier, value));
      return { status: 202, body: body(v) };
    },
  },
  {
    name: 'GetProvisionedConcurrencyConfig',
    method: 'GET',
    path: PATH,
    handler: async (req, { service }) => {
      const qualifier = requiredQualifier(req);
      const name = req.params.FunctionName;
      return { status: 200, body: body(await asLambdaNotFound(service, name, qualifier, () => service.scaling.getProvisioned(name, qualifier))) };
    },
  },
  {
    name: 'DeleteProvisionedConcurrencyConfig',
    method: 'DELETE',
    path: PATH,
    handler: async (req, { service }) => {
      const qualifier = requiredQualifier(req);
      const name = req.params.FunctionName;
      await asLambdaNotFound(service, name, qualifier, () => service.scaling.deleteProvisioned(name, qualifier));
      return { status: 204 };
    },
  },
  {
    name: 'ListProvisionedConcurrencyConfigs',
    method: 'GET',
    path: `${PATH}?List=ALL`,
    handler: async (req, { service }) => {
      const name = req.params.FunctionName;
      const all = await asLambdaNotFound(service, name, undefined, () => service.scaling.listProvisioned(name));
      const max = Number(req.query.get('MaxItems') ?? 50);
      const start = Number(req.query.get('Marker') ?? 0);
      const page = all.slice(start, start + max);
      const items = page.map((v) => ({ FunctionArn: functionArn(service.region, service.accountId, v.functionName, v.qualifier), ...body(v) }));
      const out: Record<string, unknown> = { ProvisionedConcurrencyConfigs: items };
      if (start + max < all.length) out.NextMarker = String(start + max);
      return { status: 200, body: out };
    },
  },
];
