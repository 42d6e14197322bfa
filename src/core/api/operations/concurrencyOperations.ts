// core/api: reserved concurrency (lambda-semantics.md §8) — PutFunctionConcurrency,
// GetFunctionConcurrency, DeleteFunctionConcurrency — over the engine's concurrency limits.
import { invalidParameter } from '../apiErrors';
import type { Operation } from '../router';
import { asLambdaNotFound, jsonBody } from './common';

export const CONCURRENCY_OPERATIONS: readonly Operation[] = [
  {
    name: 'PutFunctionConcurrency',
    method: 'PUT',
    path: '/2017-10-31/functions/{FunctionName}/concurrency',
    handler: async (req, { service }) => {
      const value = jsonBody(req).ReservedConcurrentExecutions;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        throw invalidParameter(`ReservedConcurrentExecutions must be a whole number of at least 0, got ${JSON.stringify(value)}.`);
      }
      const name = req.params.FunctionName;
      const reserved = await asLambdaNotFound(service, name, undefined, () => service.concurrency.put(name, value));
      return { status: 200, body: { ReservedConcurrentExecutions: reserved } };
    },
  },
  {
    name: 'GetFunctionConcurrency',
    method: 'GET',
    path: '/2019-09-30/functions/{FunctionName}/concurrency',
    handler: async (req, { service }) => {
      const name = req.params.FunctionName;
      const reserved = await asLambdaNotFound(service, name, undefined, () => service.concurrency.get(name));
      return { status: 200, body: reserved === undefined ? {} : { ReservedConcurrentExecutions: reserved } };
    },
  },
  {
    name: 'DeleteFunctionConcurrency',
    method: 'DELETE',
    path: '/2017-10-31/functions/{FunctionName}/concurrency',
    handler: async (req, { service }) => {
      const name = req.params.FunctionName;
      await asLambdaNotFound(service, name, undefined, () => service.concurrency.delete(name));
      return { status: 204 };
    },
  },
];
