// core/api: Invoke and InvokeWithResponseStream (lambda-semantics.md §5). Both go through the service's one
// invoke path; `Event` goes to the pluggable asynchronous queue (§9), and without one is refused with a coded
// error rather than a 202 for an event nobody would run.
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { WorkbenchError } from '../../common/errors';
import type { InvokeResult } from '../../invoke/invokeTypes';
import { validateRequestPayload } from '../../invoke/payloadLimits';
import type { LambdaService } from '../../service';
import { invalidParameter } from '../apiErrors';
import type { ApiRequest, ApiResponse, Operation, OperationContext } from '../router';
import { asLambdaNotFound, header, qualifierOf } from './common';

/** Made on the first streamed answer: the one-shot CLI loads this table but never streams (it loads lazily there). */
let codec: EventStreamCodec | undefined;
const eventStreamCodec = (): EventStreamCodec =>
  (codec ??= new EventStreamCodec(
    (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'),
    (text) => Buffer.from(text, 'utf8'),
  ));

interface InvokeParams {
  name: string;
  qualifier?: string;
  type: string;
  logType?: 'None' | 'Tail';
  clientContext?: string;
}

function params(req: ApiRequest, types: readonly string[]): InvokeParams {
  const type = header(req, 'x-amz-invocation-type') ?? 'RequestResponse';
  if (!types.includes(type)) throw invalidParameter(`X-Amz-Invocation-Type must be one of ${types.join(', ')}, got "${type}".`);
  const logType = header(req, 'x-amz-log-type') ?? 'None';
  if (logType !== 'None' && logType !== 'Tail') throw invalidParameter(`X-Amz-Log-Type must be None or Tail, got "${logType}".`);
  const clientContext = header(req, 'x-amz-client-context');
  if (clientContext && clientContext.length > 3583) throw invalidParameter(`X-Amz-Client-Context must be at most 3583 bytes of base64, got ${clientContext.length}.`);
  return { name: req.params.FunctionName, qualifier: qualifierOf(req), type, logType, clientContext };
}

/** DryRun: the function and qualifier exist and the payload would be accepted (204, §5.2). */
async function dryRun(service: LambdaService, p: InvokeParams, body: Buffer): Promise<ApiResponse> {
  await asLambdaNotFound(service, p.name, p.qualifier, () => service.checkInvokable(p.name, p.qualifier));
  validateRequestPayload(body);
  return { status: 204 };
}

async function invoke(req: ApiRequest, { service, asyncInvoke }: OperationContext): Promise<ApiResponse> {
  const p = params(req, ['RequestResponse', 'Event', 'DryRun']);
  if (p.type === 'DryRun') return dryRun(service, p, req.body);
  if (p.type === 'Event') {
    if (!asyncInvoke) {
      throw new WorkbenchError(
        'ASYNC_INVOKE_UNAVAILABLE',
        `InvocationType Event is not available on this local endpoint yet: the engine has no asynchronous invocation queue (§9), and accepting an event that never runs would hide that. Invoke "${p.name}" with RequestResponse instead.`,
      );
    }
    validateRequestPayload(req.body);
    const queued = await asLambdaNotFound(service, p.name, p.qualifier, () => asyncInvoke(p.name, req.body, { qualifier: p.qualifier, clientContext: p.clientContext }));
    return { status: 202, headers: queued?.requestId ? { 'x-amzn-RequestId': queued.requestId } : {} };
  }
  let chunks: Buffer[] | undefined;
  const r = await asLambdaNotFound(service, p.name, p.qualifier, () =>
    service.invoke(p.name, req.body, {
      qualifier: p.qualifier,
      logType: p.logType,
      clientContext: p.clientContext,
      origin: 'api',
      // A streaming function called through Invoke answers buffered, as in Lambda.
      stream: { start: () => undefined, chunk: (c) => (chunks ??= []).push(c) },
    }),
  );
  const headers: Record<string, string> = {
    'x-amzn-RequestId': r.requestId,
    'X-Amz-Executed-Version': r.executedVersion,
    'Content-Type': r.streamed && !r.functionError ? r.contentType : 'application/json',
  };
  if (r.functionError) headers['X-Amz-Function-Error'] = r.functionError;
  if (r.logResult !== undefined) headers['X-Amz-Log-Result'] = r.logResult;
  const body = r.streamed && !r.functionError ? Buffer.concat(chunks ?? []) : r.payload;
  return { status: 200, headers, body };
}

function frame(eventType: string, contentType: string, body: Uint8Array): Buffer {
  const bytes = eventStreamCodec().encode({
    headers: {
      ':event-type': { type: 'string', value: eventType },
      ':content-type': { type: 'string', value: contentType },
      ':message-type': { type: 'string', value: 'event' },
    },
    body,
  });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function completeFrame(r: InvokeResult | undefined, failure?: unknown): Buffer {
  const complete: Record<string, string> = {};
  if (failure !== undefined) {
    complete.ErrorCode = 'ServiceException';
    complete.ErrorDetails = failure instanceof Error ? failure.message : String(failure);
  } else if (r?.functionError) {
    complete.ErrorCode = r.errorType ?? r.functionError;
    complete.ErrorDetails = r.payload.toString('utf8');
  }
  if (r?.logResult !== undefined) complete.LogResult = r.logResult;
  return frame('InvokeComplete', 'application/json', Buffer.from(JSON.stringify(complete)));
}

/** InvokeWithResponseStream (§5.5): PayloadChunk events as the function writes, then InvokeComplete. */
async function invokeStream(req: ApiRequest, { service }: OperationContext): Promise<ApiResponse> {
  const p = params(req, ['RequestResponse', 'DryRun']);
  if (p.type === 'DryRun') return dryRun(service, p, req.body);
  let write: ((b: Buffer) => boolean) | undefined;
  const early: Buffer[] = [];
  let started!: () => void;
  const start = new Promise<void>((resolve) => (started = resolve));
  let executed = '$LATEST';
  const result = asLambdaNotFound(service, p.name, p.qualifier, () =>
    service.invoke(p.name, req.body, {
      qualifier: p.qualifier,
      logType: p.logType,
      clientContext: p.clientContext,
      origin: 'api',
      // Known before the first chunk: the version the alias's routing picked for this request (§6).
      onExecutedVersion: (v) => (executed = v),
      stream: {
        start: () => started(),
        chunk: (c) => {
          const f = frame('PayloadChunk', 'application/octet-stream', c);
          if (write) write(f);
          else early.push(f);
          started();
        },
      },
    }),
  );
  // Errors before the function answers (unknown function, bad payload) are ordinary HTTP errors.
  const first = await Promise.race([start.then(() => undefined), result]);
  return {
    status: 200,
    headers: { 'Content-Type': 'application/vnd.amazon.eventstream', 'X-Amz-Executed-Version': first?.executedVersion ?? executed },
    stream: async (w) => {
      for (const f of early) w(f);
      write = w;
      let r: InvokeResult | undefined;
      try {
        r = await result;
      } catch (e) {
        w(completeFrame(undefined, e));
        return;
      }
      if (!r.streamed && !r.functionError && r.payload.length) w(frame('PayloadChunk', 'application/octet-stream', r.payload));
      w(completeFrame(r));
    },
  };
}

export const INVOKE_OPERATIONS: readonly Operation[] = [
  { name: 'Invoke', method: 'POST', path: '/2015-03-31/functions/{FunctionName}/invocations', handler: invoke },
  { name: 'InvokeWithResponseStream', method: 'POST', path: '/2021-11-15/functions/{FunctionName}/response-streaming-invocations', handler: invokeStream },
];
