// Test helper: starts an in-environment bootstrap (Node.js or Python) against a FakeRuntimeApi with a
// fixture folder as task root, with the variables the host sets (§2.5), collecting its stdout as log lines.
import { spawn, type ChildProcess } from 'node:child_process';
import { LOG_SYNC_PREFIX } from '../../../src/core/runtimes/nodejs/bootstrap/logSync';
import { FakeRuntimeApi } from './fakeRuntimeApi';

export interface BootstrapEnv {
  api: FakeRuntimeApi;
  child: ChildProcess;
  taskRoot: string;
  /** stdout split on '\n', as the host splits it into log events. */
  lines: string[];
  stderr: () => string;
  exit: Promise<number | null>;
}

export interface BootstrapLaunch {
  command: string;
  args: string[];
  taskRoot: string;
  runtimeDir: string;
  handler: string;
  executionEnv: string;
  env?: Record<string, string>;
}

const running: BootstrapEnv[] = [];

/** Kills every bootstrap started here and closes its fake API (call from after()). */
export function stopBootstraps(): void {
  for (const e of running.splice(0)) {
    if (e.child.exitCode === null) e.child.kill();
    e.api.close();
  }
}

export async function startBootstrap(o: BootstrapLaunch): Promise<BootstrapEnv> {
  const api = new FakeRuntimeApi();
  const child = spawn(o.command, o.args, {
    cwd: o.taskRoot,
    env: {
      PATH: process.env.PATH,
      AWS_LAMBDA_RUNTIME_API: await api.start(),
      _HANDLER: o.handler,
      LAMBDA_TASK_ROOT: o.taskRoot,
      LAMBDA_RUNTIME_DIR: o.runtimeDir,
      AWS_EXECUTION_ENV: o.executionEnv,
      AWS_LAMBDA_FUNCTION_NAME: 'fixture-fn',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/fixture-fn',
      AWS_LAMBDA_LOG_STREAM_NAME: '2026/01/01/[$LATEST]0123456789abcdef0123456789abcdef',
      AWS_REGION: 'us-east-1',
      TZ: 'UTC',
      // The task root is a fixture folder in the source tree: leave no __pycache__ behind in it.
      PYTHONDONTWRITEBYTECODE: '1',
      ...o.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let buffered = '';
  child.stdout!.on('data', (d: Buffer) => {
    buffered += d.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    // The host takes the runtimes' log-sync marks out of the stream (RuntimeProcess); so does this helper.
    lines.push(...parts.filter((l) => !l.includes(LOG_SYNC_PREFIX)));
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString().split('\n').filter((l) => !l.includes(LOG_SYNC_PREFIX)).join('\n')));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const env = { api, child, taskRoot: o.taskRoot, lines, stderr: () => stderr, exit };
  running.push(env);
  return env;
}
