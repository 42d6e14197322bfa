// core/api: event source mappings (lambda-semantics.md §11) — Create/Get/Update/Delete/ListEventSourceMappings,
// rows over service.mappings, with the real API's paths, statuses (202 for Create/Update/Delete) and paging.
import { LambdaApiError } from '../apiErrors';
import type { Operation } from '../router';
import { asLambdaNotFound, jsonBody } from './common';

const PATH = '/2015-03-31/event-source-mappings';

export const EVENT_SOURCE_MAPPING_OPERATIONS: readonly Operation[] = [
  {
    name: 'CreateEventSourceMapping',
    method: 'POST',
    path: PATH,
    handler: async (req, { service }) => {
      const body = jsonBody(req);
      const name = typeof body.FunctionName === 'string' ? body.FunctionName : '';
      return { status: 202, body: await asLambdaNotFound(service, name, undefined, () => service.mappings.create(body)) };
    },
  },
  {
    name: 'ListEventSourceMappings',
    method: 'GET',
    path: PATH,
    handler: async (req, { service }) => {
      const functionName = req.query.get('FunctionName') ?? undefined;
      const eventSourceArn = req.query.get('EventSourceArn') ?? undefined;
      const maxRaw = req.query.get('MaxItems');
      const max = maxRaw === null ? 100 : Number(maxRaw);
      if (!Number.isInteger(max) || max < 1 || max > 10_000) throw new LambdaApiError('InvalidParameterValueException', `MaxItems must be a whole number from 1 to 10000, got "${maxRaw}".`);
      const all = await asLambdaNotFound(service, functionName ?? '', undefined, () => service.mappings.list({ functionName, eventSourceArn }));
      const marker = req.query.get('Marker');
      const start = marker ? Number(marker) : 0;
      if (!Number.isInteger(start) || start < 0) throw new LambdaApiError('InvalidParameterValueException', `Marker "${marker}" is not one this API handed out (NextMarker).`);
      const page = all.slice(start, start + max);
      return { status: 200, body: { EventSourceMappings: page, ...(start + max < all.length ? { NextMarker: String(start + max) } : {}) } };
    },
  },
  {
    name: 'GetEventSourceMapping',
    method: 'GET',
    path: `${PATH}/{UUID}`,
    handler: async (req, { service }) => ({ status: 200, body: await service.mappings.get(req.params.UUID) }),
  },
  {
    name: 'UpdateEventSourceMapping',
    method: 'PUT',
    path: `${PATH}/{UUID}`,
    handler: async (req, { service }) => {
      const body = jsonBody(req);
      const name = typeof body.FunctionName === 'string' ? body.FunctionName : '';
      return { status: 202, body: await asLambdaNotFound(service, name, undefined, () => service.mappings.update(req.params.UUID, body)) };
    },
  },
  {
    name: 'DeleteEventSourceMapping',
    method: 'DELETE',
    path: `${PATH}/{UUID}`,
    handler: async (req, { service }) => ({ status: 202, body: await service.mappings.delete(req.params.UUID) }),
  },
];
