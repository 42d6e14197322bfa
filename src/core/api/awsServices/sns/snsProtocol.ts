// core/api/awsServices/sns: the SNS row of the service table: the query protocol (`Action=<Op>` form bodies,
// XML answers and `<ErrorResponse>` errors), which @aws-sdk/client-sns and the AWS CLI both send.
import { isWorkbenchError } from '../../../common/errors';
import { TopicError } from '../../../events/topic/topicErrors';
import type { ApiResponse, OperationContext } from '../../router';
import { nestParams, queryAction, queryParams, xmlError, xmlResponse, type XmlShape } from '../queryProtocol';
import type { ServiceProtocol, ServiceRequest } from '../serviceProtocol';
import { SNS_OPERATIONS, type SnsContext } from './snsOperations';

const XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';

const shape: XmlShape = (key) => (key === 'Attributes' ? { map: ['entry', 'key', 'value'] } : undefined);

function wire(e: unknown): { status: number; code: string; message: string; sender: boolean } {
  const message = (e as Error)?.message ?? String(e);
  if (e instanceof TopicError) return { status: e.snsError === 'NotFound' ? 404 : 400, code: e.snsError, message, sender: true };
  if (isWorkbenchError(e) && e.code === 'INVALID_PARAMETER') return { status: 400, code: 'InvalidParameter', message, sender: true };
  if (isWorkbenchError(e) && e.code === 'REQUEST_TOO_LARGE') return { status: 400, code: 'InvalidParameter', message, sender: true };
  if (isWorkbenchError(e) && (e.code === 'RESOURCE_NOT_FOUND' || e.code === 'FUNCTION_NOT_FOUND')) return { status: 404, code: 'NotFound', message, sender: true };
  // Another engine runs this state directory's queues and topics (store/engineLock.ts).
  if (isWorkbenchError(e) && e.code === 'QUEUES_ELSEWHERE') return { status: 503, code: 'ServiceUnavailable', message, sender: false };
  return { status: 500, code: 'InternalError', message, sender: false };
}

/** One SNS action on query parameters, answered as SNS's XML (the wire handler and the CLI's in-process engine call this). */
export async function runSnsAction(params: URLSearchParams, c: SnsContext, requestId: string): Promise<string> {
  const action = params.get('Action') ?? '';
  const op = Object.hasOwn(SNS_OPERATIONS, action) ? SNS_OPERATIONS[action] : undefined;
  if (!op) throw Object.assign(new TopicError('InvalidParameter', `The action ${action || '(none)'} is not valid for this endpoint; the local SNS serves ${Object.keys(SNS_OPERATIONS).join(', ')}.`), { invalidAction: true });
  return xmlResponse(action, XMLNS, await op(nestParams(params), c), requestId, shape);
}

async function handle(req: ServiceRequest, ctx: OperationContext): Promise<ApiResponse & { operation?: string }> {
  const params = queryParams(req);
  const action = params.get('Action') ?? '';
  try {
    const xml = await runSnsAction(params, { resources: await ctx.service.async.resources(), region: ctx.service.region, accountId: ctx.service.accountId }, req.requestId);
    return { status: 200, headers: { 'Content-Type': 'text/xml' }, body: xml, operation: action };
  } catch (e) {
    const w = (e as { invalidAction?: boolean }).invalidAction ? { status: 400, code: 'InvalidAction', message: (e as Error).message, sender: true } : wire(e);
    return { status: w.status, headers: { 'Content-Type': 'text/xml' }, body: xmlError(XMLNS, w.sender ? 'Sender' : 'Receiver', w.code, w.message, req.requestId), operation: action };
  }
}

const SNS_ACTIONS = new Set(Object.keys(SNS_OPERATIONS));

export const snsProtocol: ServiceProtocol = {
  name: 'SNS',
  endpointSuffix: 'SNS',
  matches: (req) => {
    if (req.target) return false;
    if (req.signingService) return req.signingService === 'sns';
    const action = queryAction(req);
    return action !== undefined && SNS_ACTIONS.has(action);
  },
  handle,
};
