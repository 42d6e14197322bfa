// core/api: GetAccountSettings (the default quotas of a Lambda account, §2.3/§8, and this engine's usage)
// and the tag operations on functions — TagResource, UntagResource, ListTags.
import { statSync } from 'node:fs';
import type { Operation } from '../router';
import { asLambdaNotFound, jsonBody } from './common';

export const ACCOUNT_OPERATIONS: readonly Operation[] = [
  {
    name: 'GetAccountSettings',
    method: 'GET',
    path: '/2016-08-19/account-settings',
    handler: async (_req, { service }) => {
      const entries = (await service.catalog()).list();
      const codeSize = entries.reduce((n, e) => n + (e.record?.codeSize ?? 0), 0);
      const concurrency = await service.concurrency.account();
      const layers = (await service.layers.list()).reduce((n, r) => n + (statSync(r.zipPath, { throwIfNoEntry: false })?.size ?? 0), 0);
      return {
        status: 200,
        body: {
          AccountLimit: { TotalCodeSize: 80530636800, CodeSizeUnzipped: 262144000, CodeSizeZipped: 52428800, ConcurrentExecutions: concurrency.limit, UnreservedConcurrentExecutions: concurrency.unreserved },
          AccountUsage: { TotalCodeSize: codeSize + layers, FunctionCount: entries.length },
        },
      };
    },
  },
  {
    name: 'ListTags',
    method: 'GET',
    path: '/2017-03-31/tags/{Resource}',
    handler: async (req, { service }) => {
      const arn = req.params.Resource;
      const tags = await asLambdaNotFound(service, arn, undefined, async () => (await service.catalog()).listTags(arn));
      return { status: 200, body: { Tags: tags } };
    },
  },
  {
    name: 'TagResource',
    method: 'POST',
    path: '/2017-03-31/tags/{Resource}',
    handler: async (req, { service }) => {
      const arn = req.params.Resource;
      const tags = (jsonBody(req).Tags ?? {}) as Record<string, string>;
      await asLambdaNotFound(service, arn, undefined, async () => (await service.catalog()).tagResource(arn, tags));
      return { status: 204 };
    },
  },
  {
    name: 'UntagResource',
    method: 'DELETE',
    path: '/2017-03-31/tags/{Resource}',
    handler: async (req, { service }) => {
      const arn = req.params.Resource;
      await asLambdaNotFound(service, arn, undefined, async () => (await service.catalog()).untagResource(arn, req.query.getAll('tagKeys')));
      return { status: 204 };
    },
  },
];
