// core/api: an engine's one Lambda API listener on 127.0.0.1 (lambdaApiServer.ts), started on first need: by
// `start` or the extension with a port, or on a free port when an environment is created, so that a function's
// own SDK calls reach the engine that runs it (§2.5). Also the variables that point a function's SDK at it.
import { WorkbenchError } from '../common/errors';
import { SERVICE_ENDPOINT_SUFFIXES } from './awsServices/endpoints';
import type { LambdaApiHandle } from './lambdaApiServer';

export class LambdaApiEndpoint {
  private api: Promise<LambdaApiHandle> | undefined;

  /** @param listen starts the server: on `port`, or (undefined) on a free one. */
  constructor(private readonly listen: (port: number | undefined) => Promise<LambdaApiHandle>) {}

  /** The running listener, or a new one; asking for another port than the running one's is refused. */
  get(port?: number): Promise<LambdaApiHandle> {
    const running = this.api;
    if (running) {
      return running.then((a) => {
        if (port && a.port !== port) throw new WorkbenchError('INVALID_PARAMETER', `The Lambda API of this engine already listens on ${a.url}; stop it before starting it on port ${port}.`);
        return a;
      });
    }
    const api = this.listen(port || undefined).then((a) => ({ ...a, close: () => ((this.api = undefined), a.close()) }));
    api.catch(() => (this.api = undefined));
    return (this.api = api);
  }

  /**
   * AWS_ENDPOINT_URL_LAMBDA and the other services this server speaks (SQS, SNS, EventBridge…), for an
   * environment; none when the listener cannot start (`failed` says why).
   */
  async variables(failed: (e: Error) => void): Promise<Record<string, string>> {
    let url: string;
    try {
      url = (await this.get()).url;
    } catch (e) {
      failed(e as Error);
      return {};
    }
    const out: Record<string, string> = { AWS_ENDPOINT_URL_LAMBDA: url };
    for (const suffix of SERVICE_ENDPOINT_SUFFIXES) out[`AWS_ENDPOINT_URL_${suffix}`] = url;
    return out;
  }

  close(): Promise<void> | undefined {
    return this.api?.then((a) => a.close(), () => undefined);
  }
}
