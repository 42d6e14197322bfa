// core/api: the public surface of the local Lambda API, for the CLI's `start` and the VS Code extension.
import type { LambdaService } from '../service';
import type { LambdaApiHandle } from './lambdaApiServer';

export type { ApiRequestLog, LambdaApiHandle, LambdaApiOptions } from './lambdaApiServer';
export type { AsyncInvokeHook, Operation } from './router';

/**
 * Starts (or returns) the service's Lambda API on 127.0.0.1:`port` (0 or absent: a free port). The same
 * listener is the one functions reach through AWS_ENDPOINT_URL_LAMBDA. `close()` stops listening.
 */
export function startLambdaApi(service: LambdaService, options: { port?: number } = {}): Promise<LambdaApiHandle> {
  return service.lambdaApi(options);
}
