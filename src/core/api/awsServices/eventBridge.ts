// core/api/awsServices: EventBridge's API on the local server (one row of AWS_SERVICE_PROTOCOLS). JSON 1.1
// protocol: POST with `X-Amz-Target: AWSEvents.<Operation>` and a JSON body; errors are
// `{"__type": "<Name>Exception", "message": …}` with status 400 (500 for our own faults). When another engine
// runs this state directory's queues and buses, requests are forwarded to it.
import { isWorkbenchError } from '../../common/errors';
import { deleteRule, describeRule, listEventBuses, listRules, listTargetsByRule, putRule, putTargets, removeTargets, testEventPattern } from '../../events/bus/ruleOperations';
import type { LocalEventBridge } from '../../events/bus/localEventBridge';
import type { PutEventsEntry } from '../../events/bus/localBus';
import type { OperationContext, ApiResponse } from '../router';
import type { ServiceProtocol, ServiceRequest } from './serviceProtocol';
import { forwardToOwner, jsonInput } from './jsonForward';

type In = Record<string, unknown>;

const OPERATIONS: Record<string, (eb: LocalEventBridge, input: In) => Promise<In> | In> = {
  PutEvents: (eb, input) => eb.putEvents((input.Entries ?? []) as PutEventsEntry[]) as unknown as Promise<In>,
  ListEventBuses: listEventBuses,
  ListRules: listRules,
  DescribeRule: describeRule,
  PutRule: putRule,
  DeleteRule: deleteRule,
  PutTargets: putTargets,
  RemoveTargets: removeTargets,
  ListTargetsByRule: listTargetsByRule,
  TestEventPattern: (_eb, input) => testEventPattern(input),
};

/** Which EventBridge exception a core error code becomes. */
const EXCEPTION_BY_CODE: Record<string, string> = {
  INVALID_EVENT_PATTERN: 'InvalidEventPatternException',
  RESOURCE_NOT_FOUND: 'ResourceNotFoundException',
  INVALID_PARAMETER: 'ValidationException',
  REQUEST_TOO_LARGE: 'ValidationException',
  UNKNOWN_OPERATION: 'UnknownOperationException',
};

const JSON_11 = 'application/x-amz-json-1.1';

function error(type: string, message: string, status = 400): ApiResponse {
  return { status, headers: { 'Content-Type': JSON_11, 'x-amzn-ErrorType': type }, body: Buffer.from(JSON.stringify({ __type: type, message })) };
}

export const eventBridgeProtocol: ServiceProtocol = {
  name: 'EventBridge',
  endpointSuffix: 'EVENTS',
  matches: (req: ServiceRequest) => req.target?.startsWith('AWSEvents.') === true || (req.signingService === 'events' && req.method === 'POST'),
  async handle(req: ServiceRequest, ctx: OperationContext): Promise<ApiResponse & { operation?: string }> {
    const operation = req.target?.startsWith('AWSEvents.') ? req.target.slice('AWSEvents.'.length) : '';
    const op = OPERATIONS[operation];
    if (!op) return { ...error('UnknownOperationException', `The EventBridge operation "${operation || '(no X-Amz-Target)'}" is not served locally. Served: ${Object.keys(OPERATIONS).join(', ')}.`), operation: operation || undefined };
    const input = jsonInput<In>(req);
    if (!input) return { ...error('SerializationException', 'The request body is not JSON.'), operation };
    // Another engine runs this state directory's queues and buses (store/engineLock.ts): the request is its.
    const owner = await ctx.service.async.owner();
    if (!owner.self) return { ...(await forwardToOwner(owner.holder.url, req, JSON_11, (reason) => error('InternalException', `The event buses of this state directory are run by another engine, which did not answer at ${owner.holder.url}: ${reason}. Nothing was put.`, 500))), operation };
    try {
      const out = await op(await ctx.service.eventBridge.local(), input);
      return { status: 200, headers: { 'Content-Type': JSON_11 }, body: Buffer.from(JSON.stringify(out)), operation };
    } catch (e) {
      if (isWorkbenchError(e) && EXCEPTION_BY_CODE[e.code]) return { ...error(EXCEPTION_BY_CODE[e.code], e.message), operation };
      return { ...error('InternalException', (e as Error).message, 500), operation };
    }
  },
};
