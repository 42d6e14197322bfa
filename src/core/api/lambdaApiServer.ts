// core/api: the HTTP server speaking the Lambda REST API on 127.0.0.1 (node:http, keep-alive); what it does
// with a request is lambdaApiDispatch.ts, loaded on the first one. SigV4 signatures are accepted unverified.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Server as NetServer } from 'node:net';
import { WorkbenchError } from '../common/errors';
import { Emitter, type Event } from '../common/events';
import type { LambdaService } from '../service';
import type { ServiceProtocol } from './awsServices/serviceProtocol';
import type { AsyncInvokeHook, Operation } from './router';
import type * as Dispatch from './lambdaApiDispatch';

export interface LambdaApiOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Where `Event` invokes go (the asynchronous-invocation issue plugs its queue in here). */
  asyncInvoke?: AsyncInvokeHook;
  /** Extra rows for the operations table (later issues). */
  operations?: readonly Operation[];
  /** The other AWS services served on the same port (default: the AWS_SERVICE_PROTOCOLS table). */
  services?: readonly ServiceProtocol[];
  /** A listener on 127.0.0.1 made already (a CLI's head start, runtime/prelaunch.ts): served instead of `port`. */
  listening?: NetServer;
}

/** One API request, as the CLI and the output channel log it. */
export interface ApiRequestLog {
  operation: string;
  functionName?: string;
  status: number;
  durationMs: number;
  requestId: string;
}

export interface LambdaApiHandle {
  /** http://127.0.0.1:<port> — what `--endpoint-url` and AWS_ENDPOINT_URL_LAMBDA take. */
  readonly url: string;
  readonly port: number;
  readonly onRequest: Event<ApiRequestLog>;
  close(): Promise<void>;
}

export async function listenLambdaApi(service: LambdaService, options: LambdaApiOptions = {}): Promise<LambdaApiHandle> {
  const requests = new Emitter<ApiRequestLog>();
  let dispatch: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server = createServer({ keepAlive: true, keepAliveTimeout: 60_000 }, (req, res) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    dispatch ??= (require('./lambdaApiDispatch') as typeof Dispatch).dispatcher(service, options, requests);
    dispatch(req, res);
  });
  server.headersTimeout = 60_000;
  server.requestTimeout = 0; // an Invoke may run for up to 15 minutes
  const listening = options.listening;
  if (listening) {
    listening.on('connection', (socket) => server.emit('connection', socket));
  } else {
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e: NodeJS.ErrnoException) =>
        reject(e.code === 'EADDRINUSE' ? new WorkbenchError('API_PORT_IN_USE', `Port ${options.port} on 127.0.0.1 is in use; choose another with --port, or stop what listens there.`, { cause: e }) : e),
      );
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
  }
  const port = ((listening ?? server).address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  const closeAll = (): Promise<void> => Promise.all([closeServer(server), listening && new Promise<void>((res) => listening.close(() => res()))]).then(() => undefined);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    onRequest: requests.event,
    close: () => (closing ??= closeAll().finally(() => requests.dispose())),
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    // Requests still running (a long Invoke) end with the engine; their sockets go now.
    setTimeout(() => server.closeAllConnections(), 100).unref();
  });
}

