// In-environment Node.js runtime: response streaming — the chunked `/response` writer with error trailers, and
// the `awslambda` global (streamifyResponse, HttpResponseStream) (lambda-semantics.md §1.4, §3.4;
// RIC src/ResponseStream.js, src/HttpResponseStream.js).
import { LOG_SYNC_HEADER, syncLogs } from './logSync';
import type { ClientRequest } from 'node:http';
import { InvalidStreamingOperation, toRapidResponse } from './errors';
import { HANDLER_HIGHWATERMARK, HANDLER_STREAMING, STREAM_RESPONSE, type UserHandler } from './handlerResolver';
import type { RuntimeClient } from './runtimeClient';

const TRAILER_ERROR_TYPE = 'Lambda-Runtime-Function-Error-Type';
const TRAILER_ERROR_BODY = 'Lambda-Runtime-Function-Error-Body';
const HTTP_INTEGRATION_CONTENT_TYPE = 'application/vnd.awslambda.http-integration-response';

/** The writable handed to streaming handlers: a Writable-shaped facade over the chunked HTTP request. */
export type ResponseStream = Record<string, any> & {
  write(chunk: unknown, encoding?: BufferEncoding, cb?: () => void): boolean;
  end(...args: unknown[]): unknown;
  setContentType(contentType: string): void;
  readonly writableFinished: boolean;
  _onBeforeFirstWrite?: (write: (chunk: string | Uint8Array) => void) => void;
};

export interface StreamKit {
  stream: ResponseStream;
  /** Resolves when the Runtime API has answered the streamed POST. */
  responseDone: Promise<void>;
  /** Ends the stream with the error in trailers (§1.4 "Mid-stream failure"). */
  fail(err: unknown, done: () => void): void;
}

// Methods and properties exposed to the handler, as the RIC's writableStreamOnly() does.
const METHODS = ['cork', 'destroy', 'uncork', 'addListener', 'emit', 'eventNames', 'getMaxListeners', 'listenerCount', 'listeners', 'off', 'on', 'once', 'prependListener', 'prependOnceListener', 'rawListeners', 'removeAllListeners', 'removeListener', 'setMaxListeners'];
const READ_WRITE = ['destroyed', 'writable'];
const READ_ONLY = ['writableFinished', 'writableObjectMode', 'writableBuffer', 'writableEnded', 'writableNeedDrain', 'writableHighWaterMark', 'writableCorked', 'writableLength'];

/** Opens the streaming POST for one invocation. Nothing is sent until the first write or end. */
export function createResponseStream(client: RuntimeClient, requestId: string): StreamKit {
  const req: ClientRequest = client.streamRequest(requestId, {
    'Lambda-Runtime-Function-Response-Mode': 'streaming',
    'Transfer-Encoding': 'chunked',
    Trailer: `${TRAILER_ERROR_TYPE}, ${TRAILER_ERROR_BODY}`,
    'Content-Type': 'application/octet-stream',
    // The headers go out with the first chunk, before the handler's last line: both streams get a mark.
    [LOG_SYNC_HEADER]: 3,
  });
  let started = false;
  const responseDone = new Promise<void>((resolve, reject) => {
    req.on('response', (res) => {
      res.on('end', () => resolve());
      res.on('aborted', () => reject(new Error('Runtime API aborted the streaming response')));
      res.resume();
    });
    req.on('error', (err) => {
      reject(err);
      req.destroy(err);
    });
  });
  responseDone.catch(() => undefined); // observed by the invoke loop; never an unhandled rejection of ours

  const stream = Object.fromEntries(METHODS.map((m) => [m, (req as any)[m].bind(req)])) as ResponseStream;
  for (const p of READ_WRITE) Object.defineProperty(stream, p, { get: () => (req as any)[p], set: (v) => ((req as any)[p] = v), enumerable: true });
  for (const p of READ_ONLY) Object.defineProperty(stream, p, { get: () => (req as any)[p], enumerable: true });

  const rawWrite = (chunk: string | Uint8Array): boolean => req.write(chunk);
  stream.write = (chunk: unknown, encoding?: BufferEncoding, cb?: () => void): boolean => {
    // Non-string/Buffer/Uint8Array chunks are JSON.stringify'd (§3.4).
    const data = typeof chunk === 'string' || chunk instanceof Uint8Array ? chunk : JSON.stringify(chunk);
    if (!started && typeof stream._onBeforeFirstWrite === 'function') stream._onBeforeFirstWrite(rawWrite);
    started = true;
    return encoding === undefined ? req.write(data, cb) : req.write(data, encoding, cb);
  };
  stream.end = (...args: unknown[]): ResponseStream => {
    const cb = typeof args[args.length - 1] === 'function' ? (args.pop() as () => void) : undefined;
    if (args[0] !== undefined && args[0] !== null) stream.write(args[0], args[1] as BufferEncoding | undefined);
    else if (!started && typeof stream._onBeforeFirstWrite === 'function') stream._onBeforeFirstWrite(rawWrite);
    started = true;
    syncLogs(requestId, true);
    req.end(cb);
    return stream;
  };
  stream.setContentType = (contentType: string): void => {
    if (started) throw new InvalidStreamingOperation('Cannot set content-type, too late.');
    req.setHeader('Content-Type', contentType);
  };

  const fail = (err: unknown, done: () => void): void => {
    const error = toRapidResponse(err);
    syncLogs(requestId, true);
    if (!req.writableEnded) {
      req.addTrailers({ [TRAILER_ERROR_TYPE]: error.errorType, [TRAILER_ERROR_BODY]: Buffer.from(JSON.stringify(error)).toString('base64') });
      req.end(done);
    } else {
      done();
    }
  };
  return { stream, responseDone, fail };
}

/** awslambda.HttpResponseStream: a JSON prelude and 8 NUL bytes before the body (§1.4). */
export class HttpResponseStream {
  static from(underlying: ResponseStream, prelude: unknown): ResponseStream {
    underlying.setContentType(HTTP_INTEGRATION_CONTENT_TYPE);
    const metadata = JSON.stringify(prelude);
    underlying._onBeforeFirstWrite = (write) => {
      write(metadata);
      write(new Uint8Array(8));
    };
    return underlying;
  }
}

/** Injects `globalThis.awslambda` before user code loads, unless AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA is 1|true (§3.4). */
export function installAwsLambdaGlobal(env: NodeJS.ProcessEnv): void {
  const off = env.AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA;
  if (off === '1' || off === 'true') return;
  const g = globalThis as Record<string, unknown>;
  g.awslambda = {
    ...(g.awslambda as object | undefined),
    streamifyResponse: (handler: UserHandler, options?: { highWaterMark?: unknown }) => {
      handler[HANDLER_STREAMING] = STREAM_RESPONSE;
      if (typeof options?.highWaterMark === 'number') handler[HANDLER_HIGHWATERMARK] = Math.trunc(options.highWaterMark);
      return handler;
    },
    HttpResponseStream,
  };
}
