// core/runtimes: the runtime table. One entry per runtime family (ARCHITECTURE.md rule 3).
import { WorkbenchError } from '../common/errors';
import { runtimeFamily, SUPPORTED_RUNTIMES, type RuntimeFamily } from '../model/runtimes';
import { NodejsHost } from './nodejs/nodejsHost';
import { ProvidedHost } from './provided/providedHost';
import { PythonHost } from './python/pythonHost';
import type { InterpreterPaths, RuntimeHost } from './runtimeHost';

export type RuntimeTable = Record<RuntimeFamily, RuntimeHost | undefined>;
export { RuntimeLaunchError } from './launchError';

export function createRuntimeTable(paths: InterpreterPaths = {}): RuntimeTable {
  return {
    nodejs: new NodejsHost(paths),
    python: new PythonHost(paths),
    provided: new ProvidedHost(),
  };
}

export function hostFor(table: RuntimeTable, runtime: string): RuntimeHost {
  const family = runtimeFamily(runtime);
  if (!family) {
    throw new WorkbenchError('UNKNOWN_RUNTIME', `Unknown runtime "${runtime}". Use one of: ${Object.keys(SUPPORTED_RUNTIMES).join(', ')}.`);
  }
  const host = table[family];
  if (!host) {
    throw new WorkbenchError('UNKNOWN_RUNTIME', `The ${family} runtimes ("${runtime}") are not available in this version of Lambda Workbench yet. Use a nodejs runtime.`);
  }
  return host;
}

export type { RuntimeHost, LaunchContext, LaunchSpec, InterpreterPaths } from './runtimeHost';
