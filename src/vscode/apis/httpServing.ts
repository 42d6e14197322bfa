// vscode layer, vscode-free: Start Local Lambda API also serves the template's APIs and function URLs (issue 17:
// service.http.listen, the same listener `lambda-workbench start` opens). The ports come from the settings
// (`lambdaWorkbench.http.apiPort` 3000 and `http.urlPort` 9000, as --api-port / --url-port); when another
// template's engine (or anything else) holds the API port, the next free one up is taken, as the Lambda API does.
// Template changes re-route through the engine's reload (the RefreshWatcher reloads it), so the listener does not
// watch the file itself.
import { isWorkbenchError } from '../../core/common/errors';
import type { HttpHandle } from '../../core/http/httpFront';
import type { LambdaService } from '../../core/service';

export interface HttpPorts {
  apiPort: number;
  urlPort: number;
}

const PORT_TRIES = 20;

/** Serves the APIs; resolves with the handle and the API port it got. */
export async function listenHttp(service: LambdaService, ports: HttpPorts): Promise<{ handle: HttpHandle; apiPort: number }> {
  // The model first: were listen() the first to load it, the load's own re-route would take the first try's error
  // (a port in use) and listen() would resolve serving nothing (core/http/httpFront.ts, reported to the lead).
  await service.template();
  let apiPort = ports.apiPort;
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await service.http.listen({ apiPort, urlPort: ports.urlPort, watchTemplate: false });
      return { handle, apiPort };
    } catch (e) {
      if (apiPort === 0 || apiPort >= 65535 || attempt >= PORT_TRIES || !(isWorkbenchError(e) && e.code === 'API_PORT_IN_USE')) throw e;
      apiPort++;
    }
  }
}

/** `[http] GET /hello Hello 200 3.1 ms`, as `start` prints it. */
export function httpLogLine(r: { method: string; path: string; functionName?: string; status: number; gatewayError?: string; durationMs: number }): string {
  return `[http] ${r.method} ${r.path} ${r.functionName ?? '-'} ${r.status}${r.gatewayError ? ` (${r.gatewayError})` : ''} ${r.durationMs.toFixed(1)} ms`;
}
