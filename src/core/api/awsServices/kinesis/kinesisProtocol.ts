// core/api/awsServices/kinesis: the Kinesis row of the service table. JSON 1.1 protocol: POST with
// `X-Amz-Target: Kinesis_20131202.<Operation>`; errors are `{"__type": "<Name>", "message": …}` with status 400
// (500 for our own faults), the names Kinesis uses (ResourceNotFoundException, InvalidArgumentException,
// ExpiredIteratorException, …). When another engine runs this state directory's resources, requests go to it.
import { isWorkbenchError } from '../../../common/errors';
import { StreamError } from '../../../events/stream/streamErrors';
import type { ApiResponse, OperationContext } from '../../router';
import type { ServiceProtocol, ServiceRequest } from '../serviceProtocol';
import { forwardToOwner, jsonInput } from '../jsonForward';
import { KINESIS_OPERATIONS } from './kinesisOperations';

const TARGET_PREFIX = 'Kinesis_20131202.';
const JSON_11 = 'application/x-amz-json-1.1';

function error(type: string, message: string, status = 400): ApiResponse {
  return { status, headers: { 'Content-Type': JSON_11, 'x-amzn-ErrorType': type }, body: Buffer.from(JSON.stringify({ __type: type, message })) };
}

/** Which Kinesis exception a core error becomes. */
function wireError(e: unknown): ApiResponse {
  if (e instanceof StreamError) return error(e.awsError, e.message);
  if (isWorkbenchError(e)) return error(e.code === 'RESOURCE_NOT_FOUND' ? 'ResourceNotFoundException' : e.code === 'RESOURCE_CONFLICT' ? 'ResourceInUseException' : 'InvalidArgumentException', e.message);
  return error('InternalFailure', (e as Error).message, 500);
}

export const kinesisProtocol: ServiceProtocol = {
  name: 'Kinesis',
  endpointSuffix: 'KINESIS',
  matches: (req) => req.target?.startsWith(TARGET_PREFIX) === true || (req.signingService === 'kinesis' && req.method === 'POST'),
  async handle(req: ServiceRequest, ctx: OperationContext): Promise<ApiResponse & { operation?: string }> {
    const operation = req.target?.startsWith(TARGET_PREFIX) ? req.target.slice(TARGET_PREFIX.length) : '';
    const op = Object.hasOwn(KINESIS_OPERATIONS, operation) ? KINESIS_OPERATIONS[operation] : undefined;
    if (!op) return { ...error('UnknownOperationException', `The Kinesis operation "${operation || '(no X-Amz-Target)'}" is not served locally. Served: ${Object.keys(KINESIS_OPERATIONS).join(', ')}.`), operation: operation || undefined };
    const input = jsonInput<Record<string, unknown>>(req);
    if (!input) return { ...error('SerializationException', 'The request body is not JSON.'), operation };
    const owner = await ctx.service.async.owner();
    if (!owner.self) return { ...(await forwardToOwner(owner.holder.url, req, JSON_11, (reason) => error('InternalFailure', `The streams of this state directory are run by another engine, which did not answer at ${owner.holder.url}: ${reason}. Nothing was done.`, 500))), operation };
    try {
      const out = await op(ctx.service.streams, input);
      return { status: 200, headers: { 'Content-Type': JSON_11 }, body: Buffer.from(JSON.stringify(out)), operation };
    } catch (e) {
      return { ...wireError(e), operation };
    }
  },
};
