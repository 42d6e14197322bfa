// core/api: what the Lambda API server (lambdaApiServer.ts) does with a request: reads it, finds the
// operation's row in the table (or the other AWS service claiming it), runs it, and writes the answer or the
// error exactly as §5.4 has it, with `x-amzn-RequestId` on every response. Loaded on the first request: an
// engine that only listens (every invoke's AWS_ENDPOINT_URL_LAMBDA) does not initialise the whole API (issue 10).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { WorkbenchError } from '../common/errors';
import type { Emitter } from '../common/events';
import type { LambdaService } from '../service';
import { toWireError } from './apiErrors';
import { LAMBDA_OPERATIONS } from './operations';
import { AWS_SERVICE_PROTOCOLS, signingServiceOf, type ServiceProtocol, type ServiceRequest } from './awsServices';
import { Router, type ApiRequest, type ApiResponse, type AsyncInvokeHook } from './router';
import type { ApiRequestLog, LambdaApiOptions } from './lambdaApiServer';

/** Largest request body read: a 50 MB ZIP as base64 inside JSON, with room to spare. */
const MAX_BODY_BYTES = 80 * 1024 * 1024;

/** The request handler of one server: its operations table, the service behind it and where requests are logged. */
export function dispatcher(
  service: LambdaService,
  options: Pick<LambdaApiOptions, 'asyncInvoke' | 'operations' | 'services'>,
  requests: Emitter<ApiRequestLog>,
): (req: IncomingMessage, res: ServerResponse) => void {
  const router = new Router([...(options.operations ?? []), ...LAMBDA_OPERATIONS]);
  const ctx = { service, asyncInvoke: options.asyncInvoke, services: options.services ?? AWS_SERVICE_PROTOCOLS };
  return (req, res) => void handle(req, res, router, ctx, requests);
}

interface ServerContext {
  service: LambdaService;
  asyncInvoke?: AsyncInvokeHook;
  services: readonly ServiceProtocol[];
}

async function handle(req: IncomingMessage, res: ServerResponse, router: Router, ctx: ServerContext, log: Emitter<ApiRequestLog>): Promise<void> {
  const started = performance.now();
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  let requestId: string = randomUUID();
  let operation = 'Unknown';
  let functionName: string | undefined;
  let status = 500;
  try {
    const route = router.match(req.method ?? 'GET', url.pathname, url.searchParams);
    const body = await readBody(req);
    const other = route || ctx.services.length === 0 ? undefined : serviceRequest(req, url, body, requestId, ctx.services);
    if (other) {
      operation = other.protocol.name;
      const out = await other.protocol.handle(other.req, ctx);
      if (out.operation) operation = `${other.protocol.name}.${out.operation}`;
      status = out.status;
      await send(res, out, requestId);
      if (log.hasListeners) log.fire({ operation, status, durationMs: performance.now() - started, requestId });
      return;
    }
    if (!route) throw new WorkbenchError('UNKNOWN_OPERATION', `No Lambda API operation for ${req.method} ${url.pathname}. This local endpoint serves the operations listed in the Lambda Workbench README.`);
    operation = route.op.name;
    functionName = route.params.FunctionName ?? route.params.LayerName;
    const apiReq: ApiRequest = { method: req.method!, path: url.pathname, params: route.params, query: url.searchParams, headers: req.headers, body, requestId, localUrl: `http://127.0.0.1:${req.socket.localPort}` };
    const out = await route.op.handler(apiReq, ctx);
    requestId = out.headers?.['x-amzn-RequestId'] ?? requestId;
    status = out.status;
    await send(res, out, requestId);
  } catch (e) {
    const wire = toWireError(e);
    status = wire.status;
    if (!res.headersSent) {
      const body = JSON.stringify(wire.body);
      res.writeHead(wire.status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'x-amzn-RequestId': requestId, 'x-amzn-ErrorType': wire.type, ...wire.headers });
      res.end(body);
    } else {
      res.destroy();
    }
  }
  if (log.hasListeners) log.fire({ operation, functionName, status, durationMs: performance.now() - started, requestId });
}

/** The request as another AWS service's row sees it, when one claims it. */
function serviceRequest(req: IncomingMessage, url: URL, body: Buffer, requestId: string, services: readonly ServiceProtocol[]): { protocol: ServiceProtocol; req: ServiceRequest } | undefined {
  const target = req.headers['x-amz-target'];
  const r: ServiceRequest = {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    body,
    requestId,
    localUrl: `http://127.0.0.1:${req.socket.localPort}`,
    signingService: signingServiceOf(req.headers),
    target: typeof target === 'string' ? target : undefined,
  };
  const protocol = services.find((p) => p.matches(r));
  return protocol ? { protocol, req: r } : undefined;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new WorkbenchError('REQUEST_TOO_LARGE', `Request must be smaller than ${MAX_BODY_BYTES} bytes.`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function send(res: ServerResponse, out: ApiResponse, requestId: string): Promise<void> {
  const headers: Record<string, string | number> = { 'x-amzn-RequestId': requestId, ...out.headers };
  if ('stream' in out) {
    res.writeHead(out.status, headers);
    await out.stream((chunk) => res.write(chunk));
    res.end();
    return;
  }
  let body: Buffer | string = '';
  if (Buffer.isBuffer(out.body) || typeof out.body === 'string') body = out.body;
  else if (out.body !== undefined) {
    body = JSON.stringify(out.body);
    headers['Content-Type'] ??= 'application/json';
  }
  headers['Content-Length'] = Buffer.byteLength(body);
  res.writeHead(out.status, headers);
  res.end(body);
}
