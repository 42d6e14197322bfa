// core/runtime: how an execution environment's runtime process is launched: the environment variables and
// the host's launch spec (interpreter, bootstrap, args), the isolation the machine allows (namespaces, or the
// process-tree fallback, announced once), and the command line that contains the process.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runtimeFamily } from '../model/runtimes';
import type { LaunchSpec } from '../runtimes/runtimeHost';
import { buildEnvironmentVariables } from './environmentVariables';
import type { EnvironmentOptions } from './environmentTypes';
import { isolatedLaunch, isolationSupport, plainLaunch, type IsolationMode } from './isolation';
import type { ProcessLaunch } from './runtimeProcess';

/** The process-tree fallback is announced once per engine process, not per environment. */
let fallbackWarned = false;

/** Namespaces where the machine allows and the options do not opt out; otherwise the fallback, said once. */
export async function isolationFor(o: EnvironmentOptions): Promise<IsolationMode> {
  if (o.isolation === 'process-tree') return 'process-tree';
  const support = await isolationSupport();
  if (support.mode === 'namespaces') return 'namespaces';
  if (!fallbackWarned) {
    fallbackWarned = true;
    o.warn(
      `Execution environments are not isolated (${support.reason}): processes a function leaves behind are tracked and killed, ` +
        `but /tmp is a per-environment folder without the EphemeralStorage limit. Enable unprivileged user namespaces to isolate them.`,
    );
  }
  return 'process-tree';
}

export interface LaunchContext {
  /** AWS_LAMBDA_RUNTIME_API of the current generation. */
  runtimeApi: string;
  /** The Runtime API server's abstract Unix socket, when there is one (RuntimeApiServer.localSocket). */
  localSocket: string | undefined;
  /** What the function sees as /tmp (TMPDIR). */
  tmpDir: string;
  logStreamName: string;
}

/** The host's launch spec for this environment's function; throws RuntimeLaunchError for Lambda's entrypoint errors. */
export function prepareRuntimeLaunch(o: EnvironmentOptions, c: LaunchContext): Promise<LaunchSpec> {
  const env = buildEnvironmentVariables({
    fn: o.fn,
    version: o.version,
    region: o.region,
    runtimeApi: c.runtimeApi,
    taskRoot: o.taskRoot,
    runtimeDir: join(o.runtimesDir, runtimeFamily(o.fn.runtime) ?? 'provided'),
    optDir: o.optDir,
    tmpDir: c.tmpDir,
    logStreamName: c.logStreamName,
    executionEnv: o.host.executionEnv(o.fn.runtime),
    initializationType: o.initializationType,
    credentials: o.credentials,
  });
  // Our own runtimes (Node.js, Python) may reach the Runtime API over the server's abstract Unix socket; they
  // remove the variable before user code runs. Custom runtimes get AWS_LAMBDA_RUNTIME_API only (§1.1).
  const family = runtimeFamily(o.fn.runtime);
  if (c.localSocket !== undefined && (family === 'nodejs' || family === 'python')) env.LAMBDA_WORKBENCH_RUNTIME_SOCKET = c.localSocket;
  return o.host.prepareLaunch({ fn: o.fn, taskRoot: o.taskRoot, optDir: o.optDir, runtimesDir: o.runtimesDir, debug: o.debug, warn: o.warn, env });
}

/** The runtime's command line: inside its own namespaces where the machine allows, else plain. */
export function processLaunchOf(o: EnvironmentOptions, isolation: IsolationMode, spec: LaunchSpec): ProcessLaunch {
  if (isolation === 'namespaces') {
    const staging = join(o.envDir, 'ns');
    mkdirSync(staging, { recursive: true });
    const cmd = isolatedLaunch(spec, o.fn.ephemeralStorage, staging, [o.taskRoot, o.optDir, o.runtimesDir, o.envDir], [o.taskRoot, o.optDir]);
    return { ...cmd, cwd: spec.cwd, isolated: true, logSync: spec.logSync === true };
  }
  return { ...plainLaunch(spec), env: spec.env, cwd: spec.cwd, isolated: false, logSync: spec.logSync === true };
}
