// core/api: the engine's own read-only views next to the Lambda API (not AWS operations): its live execution
// environments, so `environments --endpoint-url` and other tools can watch a running `start` or VS Code engine.
import type { Operation } from '../router';

export const WORKBENCH_OPERATIONS: readonly Operation[] = [
  {
    name: 'ListEnvironments',
    method: 'GET',
    path: '/_workbench/environments',
    handler: async (_req, { service }) => ({ status: 200, body: { Environments: service.scaling.environments() } }),
  },
];
