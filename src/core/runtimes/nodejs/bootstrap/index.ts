// In-environment Node.js runtime entry (bundled to dist/runtimes/nodejs/bootstrap.js): patches console, loads the
// handler, reports init errors, then runs the invoke loop (lambda-semantics.md §1.7, §3.1, §3.2; RIC src/index.mjs).
// Imports nothing from the host: only node: built-ins and files in this folder.
// First: node's built-in code cache is usable again before any other built-in loads (heapFlags.ts).
import './heapFlags';
import { invokeBeforeExit, resetBeforeExit } from './beforeExit';
import { readEnvironmentData } from './context';
import { CALLBACK_ERROR_NODEJS24, CALLBACK_WARNING, CallbackHandlerDeprecated, UnhandledPromiseRejection } from './errors';
import { handlerMetadata, loadHandler } from './handlerResolver';
import { Runtime, type ErrorCallbacks } from './invoke';
import { logError, patchConsole } from './logPatch';
import { RuntimeClient } from './runtimeClient';
import { installRuntimeModulePaths } from './runtimeModulePaths';
import { installAwsLambdaGlobal } from './streaming';
import { passGate } from './gate';

/** nodejs24.x and later (from AWS_EXECUTION_ENV, which the host always sets for managed runtimes). */
function isNode24OrLater(env: NodeJS.ProcessEnv): boolean {
  const m = /^AWS_Lambda_nodejs(\d+)/.exec(env.AWS_EXECUTION_ENV ?? '');
  return m !== null && parseInt(m[1], 10) >= 24;
}

async function main(): Promise<void> {
  const env = process.env;
  patchConsole(env);
  installAwsLambdaGlobal(env);
  // `import` of packages from the layers and the runtime's SDK, as NODE_PATH gives require() (§2.5).
  installRuntimeModulePaths(env, __dirname);
  const node24 = isNode24OrLater(env);
  // Not a Lambda variable: the host's faster local channel to the same Runtime API; hidden from user code.
  const localSocket = env.LAMBDA_WORKBENCH_RUNTIME_SOCKET;
  delete env.LAMBDA_WORKBENCH_RUNTIME_SOCKET;
  const client = new RuntimeClient(env.AWS_LAMBDA_RUNTIME_API ?? '127.0.0.1:9001', localSocket);
  if (env.LAMBDA_WORKBENCH_GATE_FD !== undefined) {
    // Started ahead by the CLI (gate.ts): the bootstrap's own setup above and its connection to the Runtime API
    // are done while the engine loads; the function's code waits for the engine's go (issue 10).
    client.preconnect();
    await passGate(env);
  }
  if (env.LAMBDA_WORKBENCH_DEBUG_WAIT === '1') {
    // Debug mode (host started us with --inspect): block until the debugger says "run", so breakpoints in
    // the handler module's top-level code bind before it loads. Not a Lambda variable: hide it from user code.
    delete env.LAMBDA_WORKBENCH_DEBUG_WAIT;
    // Required only here: node:inspector (with worker_threads) costs every other start ~12 ms (issue 10).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require('node:inspector') as typeof import('node:inspector')).waitForDebugger();
    await client.postDebuggerAttached();
  }

  // Until the first event, failures are init errors: exit 129 (uncaught) / 128 (unhandled rejection) (§3.1 step 7).
  const errorCallbacks: ErrorCallbacks = {
    uncaughtException: (error) => client.postInitError(error, () => process.exit(129)),
    unhandledRejection: (error) => client.postInitError(error, () => process.exit(128)),
  };
  process.on('uncaughtException', (error) => {
    logError('Uncaught Exception', error);
    errorCallbacks.uncaughtException(error);
  });
  process.on('unhandledRejection', (reason, promise) => {
    const error = new UnhandledPromiseRejection(reason, promise);
    logError('Unhandled Promise Rejection', error);
    errorCallbacks.unhandledRejection(error);
  });
  resetBeforeExit();
  process.on('beforeExit', invokeBeforeExit);

  // LAMBDA_TASK_ROOT is also the cwd the host starts us in.
  const handler = await loadHandler(env.LAMBDA_TASK_ROOT || process.cwd(), env._HANDLER ?? '');
  const metadata = handlerMetadata(handler);
  if (node24) {
    // RIC 4.x rejects callback-style handlers at init on Node.js 24+ (src/function/callback-deprecation.ts).
    if (metadata.argsNum >= 3 && !metadata.streaming) throw new CallbackHandlerDeprecated(CALLBACK_ERROR_NODEJS24);
  } else if (env.AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING === undefined && metadata.argsNum === 3 && !metadata.isAsync && !metadata.streaming) {
    // RIC 3.3 (nodejs22.x and earlier) warns about callback handlers (src/WarningForCallbackHandlers.js).
    console.warn(CALLBACK_WARNING);
  }
  new Runtime({ client, handler, metadata, errorCallbacks, envData: readEnvironmentData(env), node24 }).scheduleIteration();
}

// A rejected init (module not found, syntax error, handler not found, …) surfaces as an uncaught exception:
// logged as "Uncaught Exception", posted to /init/error, exit 129 — as on Lambda.
main().catch((err: unknown) => {
  process.nextTick(() => {
    throw err;
  });
});
