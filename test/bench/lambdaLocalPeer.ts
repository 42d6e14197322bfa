// Benchmark peer for a warm invoke: lambda-local (npm, devDependency), which runs a handler inside the
// caller's own process with no isolation at all. Its warmest path: the handler module is loaded once and
// passed as `lambdaFunc`, so each call is lambda-local's per-invoke work (context, timeout, env) + the handler.
import * as lambdaLocal from 'lambda-local';

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

export class LambdaLocalPeer {
  private readonly envBefore: NodeJS.ProcessEnv = { ...process.env };
  private readonly module: { handler: Handler };

  /** `handlerFile` exports `handler` (CommonJS); it is required once, here. */
  constructor(handlerFile: string) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.module = require(handlerFile) as { handler: Handler };
  }

  invoke(event: unknown): Promise<unknown> {
    return lambdaLocal.execute({ event, lambdaFunc: this.module, lambdaHandler: 'handler', timeoutMs: 3000, verboseLevel: 0 });
  }

  /**
   * lambda-local sets AWS_REGION, NODE_PATH, TZ, LAMBDA_TASK_ROOT… in process.env on every call; they would
   * leak into every process the bench starts after it, so the environment is put back as it was.
   */
  dispose(): void {
    for (const key of Object.keys(process.env)) if (!(key in this.envBefore)) delete process.env[key];
    Object.assign(process.env, this.envBefore);
  }
}
