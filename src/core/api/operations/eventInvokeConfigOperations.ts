// core/api: asynchronous invocation configuration (lambda-semantics.md §9) — Put/Update/Get/Delete/
// ListFunctionEventInvokeConfigs, rows over the service's event-invoke-config methods (Put replaces, Update patches).
import type { Operation } from '../router';
import { asLambdaNotFound, jsonBody, qualifierOf } from './common';

const PATH = '/2019-09-25/functions/{FunctionName}/event-invoke-config';

export const EVENT_INVOKE_CONFIG_OPERATIONS: readonly Operation[] = [
  {
    name: 'PutFunctionEventInvokeConfig',
    method: 'PUT',
    path: PATH,
    handler: async (req, { service }) => {
      const name = req.params.FunctionName;
      const q = qualifierOf(req);
      const body = jsonBody(req);
      return { status: 200, body: await asLambdaNotFound(service, name, q, () => service.async.putConfig(name, q, body)) };
    },
  },
  {
    name: 'UpdateFunctionEventInvokeConfig',
    method: 'POST',
    path: PATH,
    handler: async (req, { service }) => {
      const name = req.params.FunctionName;
      const q = qualifierOf(req);
      const body = jsonBody(req);
      return { status: 200, body: await asLambdaNotFound(service, name, q, () => service.async.putConfig(name, q, body, true)) };
    },
  },
  {
    name: 'GetFunctionEventInvokeConfig',
    method: 'GET',
    path: PATH,
    handler: async (req, { service }) => {
      const name = req.params.FunctionName;
      const q = qualifierOf(req);
      return { status: 200, body: await asLambdaNotFound(service, name, q, () => service.async.getConfig(name, q)) };
    },
  },
  {
    name: 'DeleteFunctionEventInvokeConfig',
    method: 'DELETE',
    path: PATH,
    handler: async (req, { service }) => {
      const name = req.params.FunctionName;
      const q = qualifierOf(req);
      await asLambdaNotFound(service, name, q, () => service.async.deleteConfig(name, q));
      return { status: 204 };
    },
  },
  {
    name: 'ListFunctionEventInvokeConfigs',
    method: 'GET',
    path: `${PATH}/list`,
    handler: async (req, { service }) => {
      const name = req.params.FunctionName;
      const all = await asLambdaNotFound(service, name, undefined, () => service.async.listConfigs(name));
      const max = Math.min(50, Math.max(1, Number(req.query.get('MaxItems') ?? 50) || 50));
      const start = Number(req.query.get('Marker') ?? 0) || 0;
      const page = all.slice(start, start + max);
      return { status: 200, body: { FunctionEventInvokeConfigs: page, ...(start + max < all.length ? { NextMarker: String(start + max) } : {}) } };
    },
  },
];
