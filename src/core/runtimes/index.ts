// core/runtimes: the runtime table. One entry per runtime family (ARCHITECTURE.md rule 3).
import { WorkbenchError } from '../common/errors';
import { runtimeFamily, supportedRuntimes, type RuntimeFamily } from '../model/runtimes';
import { NodejsHost } from './nodejs/nodejsHost';
import { ProvidedHost } from './provided/providedHost';
import { PythonHost } from './python/pythonHost';
import type { InterpreterPaths, RuntimeHost } from './runtimeHost';
import type { RuntimeInstallOptions } from './nodejs/nodeInstaller';
import type { RuntimeSdk } from './runtimeSdk';
export type { RuntimeInstallMode, RuntimeInstallOptions } from './nodejs/nodeInstaller';

export type RuntimeTable = Record<RuntimeFamily, RuntimeHost | undefined>;
export { RuntimeLaunchError } from './launchError';

/** @param sdk the runtimes' own AWS SDK where the interpreter lacks it (Python's boto3; Node's arrives through the engine). */
export function createRuntimeTable(paths: InterpreterPaths = {}, install?: RuntimeInstallOptions, sdk?: RuntimeSdk): RuntimeTable {
  return {
    nodejs: new NodejsHost(paths, undefined, install),
    python: new PythonHost(paths, {}, sdk),
    provided: new ProvidedHost(),
  };
}

export function hostFor(table: RuntimeTable, runtime: string): RuntimeHost {
  const family = runtimeFamily(runtime);
  if (!family) {
    throw new WorkbenchError('UNKNOWN_RUNTIME', `Unknown runtime "${runtime}". Use one of: ${supportedRuntimes().join(', ')}.`);
  }
  const host = table[family];
  if (!host) {
    throw new WorkbenchError('UNKNOWN_RUNTIME', `The ${family} runtimes ("${runtime}") are not available in this version of Lambda Workbench yet. Use a nodejs runtime.`);
  }
  return host;
}

export type { RuntimeHost, LaunchContext, LaunchSpec, InterpreterPaths } from './runtimeHost';
