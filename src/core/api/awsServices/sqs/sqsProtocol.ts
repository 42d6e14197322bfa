// core/api/awsServices/sqs: the SQS row of the service table. One set of operations (JSON-protocol shapes)
// behind both wires: the JSON protocol (`X-Amz-Target: AmazonSQS.<Op>`, application/x-amz-json-1.0, what
// @aws-sdk/client-sqs and the AWS CLI send) and the query protocol (`Action=<Op>` form bodies, XML answers).
import type { ApiResponse, OperationContext } from '../../router';
import { queryAction, queryParams, xmlError, xmlResponse } from '../queryProtocol';
import type { ServiceProtocol, ServiceRequest } from '../serviceProtocol';
import { sqsWireError } from './sqsErrors';
import type { SqsContext, SqsOperation } from './sqsInput';
import { SQS_MESSAGE_OPERATIONS } from './sqsMessageOps';
import { queryInput, sqsXmlShape } from './sqsQuery';
import { SQS_QUEUE_OPERATIONS } from './sqsQueueOps';

const OPERATIONS: Record<string, SqsOperation> = { ...SQS_QUEUE_OPERATIONS, ...SQS_MESSAGE_OPERATIONS };
const TARGET_PREFIX = 'AmazonSQS.';
const XMLNS = 'http://queue.amazonaws.com/doc/2012-11-05/';
const JSON_TYPE = 'application/x-amz-json-1.0';

async function context(req: ServiceRequest, ctx: OperationContext): Promise<SqsContext> {
  return { resources: await ctx.service.async.resources(), localUrl: req.localUrl, region: ctx.service.region, accountId: ctx.service.accountId };
}

function unknownOperation(op: string): never {
  throw Object.assign(new Error(`The action ${op} is not valid for this endpoint; the local SQS serves ${Object.keys(OPERATIONS).join(', ')}.`), { sqsName: 'InvalidAction' });
}

/** One SQS operation on JSON-protocol input (the wire handlers and the CLI's in-process engine call this). */
export function runSqsOperation(op: string, input: Record<string, unknown>, c: SqsContext): Promise<Record<string, unknown>> {
  const f = Object.hasOwn(OPERATIONS, op) ? OPERATIONS[op] : unknownOperation(op);
  return f(input, c);
}

async function run(op: string, input: Record<string, unknown>, req: ServiceRequest, ctx: OperationContext): Promise<Record<string, unknown>> {
  return runSqsOperation(op, input, await context(req, ctx));
}

function wire(e: unknown): ReturnType<typeof sqsWireError> {
  const w = sqsWireError(e);
  if ((e as { sqsName?: string })?.sqsName === 'InvalidAction') return { ...w, name: 'InvalidAction', queryCode: 'InvalidAction', status: 400, sender: true };
  return w;
}

async function handleJson(req: ServiceRequest, ctx: OperationContext): Promise<ApiResponse & { operation?: string }> {
  const op = req.target!.slice(TARGET_PREFIX.length);
  try {
    const input = req.body.length ? (JSON.parse(req.body.toString('utf8')) as Record<string, unknown>) : {};
    const out = await run(op, input, req, ctx);
    return { status: 200, headers: { 'Content-Type': JSON_TYPE }, body: JSON.stringify(out), operation: op };
  } catch (e) {
    const w = e instanceof SyntaxError ? { name: 'InvalidParameterValue', queryCode: 'InvalidParameterValue', status: 400, message: `The request body is not JSON: ${e.message}`, sender: true } : wire(e);
    return {
      status: w.status,
      headers: { 'Content-Type': JSON_TYPE, 'x-amzn-query-error': `${w.queryCode};${w.sender ? 'Sender' : 'Receiver'}` },
      body: JSON.stringify({ __type: `com.amazonaws.sqs#${w.name}`, message: w.message }),
      operation: op,
    };
  }
}

async function handleQuery(req: ServiceRequest, ctx: OperationContext): Promise<ApiResponse & { operation?: string }> {
  const params = queryParams(req);
  const action = params.get('Action') ?? '';
  try {
    const out = await run(action, queryInput(params, req.path, req.localUrl), req, ctx);
    return { status: 200, headers: { 'Content-Type': 'text/xml' }, body: xmlResponse(action, XMLNS, out, req.requestId, sqsXmlShape(action)), operation: action };
  } catch (e) {
    const w = wire(e);
    return { status: w.status, headers: { 'Content-Type': 'text/xml' }, body: xmlError(XMLNS, w.sender ? 'Sender' : 'Receiver', w.queryCode, w.message, req.requestId), operation: action };
  }
}

const SQS_ACTIONS = new Set(Object.keys(OPERATIONS));

export const sqsProtocol: ServiceProtocol = {
  name: 'SQS',
  endpointSuffix: 'SQS',
  matches: (req) => {
    if (req.target) return req.target.startsWith(TARGET_PREFIX);
    if (req.signingService) return req.signingService === 'sqs';
    const action = queryAction(req);
    return action !== undefined && SQS_ACTIONS.has(action);
  },
  handle: (req, ctx) => (req.target?.startsWith(TARGET_PREFIX) ? handleJson(req, ctx) : handleQuery(req, ctx)),
};
