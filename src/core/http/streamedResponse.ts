// core/http: a function URL with InvokeMode RESPONSE_STREAM: the function's chunks go to the client as they are
// written (§3.4). A handler using awslambda.HttpResponseStream.from sends a JSON prelude (status, headers,
// cookies) and 8 NUL bytes first; a handler that does not stream is answered like a buffered URL.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isWorkbenchError } from '../common/errors';
import type { InvokeOptions, InvokeResult } from '../invoke/invokeTypes';
import { isThrottleError } from '../scheduler/concurrencyLimits';
import type { GatewayError } from './gatewayResponses';
import { responseV2 } from './proxyResponses';

const HTTP_INTEGRATION = 'application/vnd.awslambda.http-integration-response';
const DELIMITER = Buffer.alloc(8);

export interface StreamRequest {
  functionName: string;
  qualifier?: string;
  event: string;
  /** Request id and CORS headers. */
  extra: [string, string][];
  invoke(functionName: string, payload: string, options: InvokeOptions): Promise<InvokeResult>;
  /** Answers with a gateway response (before anything was sent). */
  gateway(error: GatewayError): void;
  onDone(status: number): void;
  warn(message: string): void;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The prelude's status and headers (cookies as Set-Cookie), as a function URL applies them. */
function preludeHead(json: string): { status: number; headers: [string, string][] } {
  let p: unknown;
  try {
    p = JSON.parse(json);
  } catch {
    p = {};
  }
  const o = isRecord(p) ? p : {};
  const status = typeof o.statusCode === 'number' && o.statusCode >= 100 && o.statusCode <= 599 ? o.statusCode : 200;
  const headers: [string, string][] = [];
  if (isRecord(o.headers)) for (const [k, v] of Object.entries(o.headers)) if (typeof v === 'string' || typeof v === 'number') headers.push([k, String(v)]);
  if (Array.isArray(o.cookies)) for (const c of o.cookies) if (typeof c === 'string') headers.push(['set-cookie', c]);
  if (!headers.some(([k]) => k.toLowerCase() === 'content-type')) headers.push(['content-type', 'application/octet-stream']);
  return { status, headers };
}

export async function streamToClient(req: IncomingMessage, res: ServerResponse, o: StreamRequest): Promise<void> {
  let status = 200;
  let prelude: Buffer | undefined;
  const head = (s: number, headers: [string, string][]) => {
    status = s;
    // No Content-Length: chunked transfer, so each chunk reaches the client as it is written.
    res.writeHead(s, [...headers, ...o.extra].flat());
    res.flushHeaders();
  };
  const sink = {
    start: (contentType: string) => {
      if (contentType === HTTP_INTEGRATION) prelude = Buffer.alloc(0);
      else head(200, [['content-type', contentType]]);
    },
    chunk: (data: Buffer) => {
      if (prelude === undefined) {
        if (req.method !== 'HEAD') res.write(data);
        return;
      }
      prelude = Buffer.concat([prelude, data]);
      const at = prelude.indexOf(DELIMITER);
      if (at < 0) return;
      const rest = prelude.subarray(at + DELIMITER.length);
      const h = preludeHead(prelude.subarray(0, at).toString('utf8'));
      prelude = undefined;
      head(h.status, h.headers);
      if (rest.length && req.method !== 'HEAD') res.write(rest);
    },
  };
  let result: InvokeResult;
  try {
    result = await o.invoke(o.functionName, o.event, { qualifier: o.qualifier, origin: 'http', stream: sink });
  } catch (e) {
    if (res.headersSent) {
      res.destroy();
      o.onDone(status);
    } else {
      if (!isThrottleError(e) && !(isWorkbenchError(e) && e.code === 'REQUEST_TOO_LARGE')) o.warn(`Function URL could not invoke "${o.functionName}": ${(e as Error).message}`);
      o.gateway(isThrottleError(e) ? 'throttled' : isWorkbenchError(e) && e.code === 'REQUEST_TOO_LARGE' ? 'tooLarge' : 'invokeFailed');
    }
    return;
  }
  if (!res.headersSent) {
    if (result.functionError) return o.gateway('functionError');
    if (!result.streamed) {
      // A handler that did not stream: its result is converted as a buffered URL's (§12).
      const answer = responseV2(result.payload);
      if (!answer) return o.gateway('functionError');
      res.writeHead(answer.status, [...answer.headers, ...o.extra, ['content-length', String(answer.body.length)]].flat());
      res.end(req.method === 'HEAD' ? undefined : answer.body);
      o.onDone(answer.status);
      return;
    }
    // A prelude that never ended: what arrived is the body.
    head(200, [['content-type', 'application/octet-stream']]);
    if (prelude?.length) res.write(prelude);
  }
  // An error after streaming started ends the response where it is (AWS sends it in trailers, §1.4).
  res.end();
  o.onDone(status);
}
