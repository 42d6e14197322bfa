// vscode layer: the engine surface debugging would like but LambdaService may not have yet, each behind a
// small check so this layer works before and after the engine grows it (see the debugging notes).
import type { InvokeOptions } from '../../core/invoke/invokeTypes';
import type { LambdaService } from '../../core/service';

interface DebugEngineApi {
  /** The folder the function's environments run its code from (the extracted package), after a build. */
  taskRootOf(logicalId: string): string | undefined | Promise<string | undefined>;
  /** Ends the debug environment listening on `port` (also one still waiting for a debugger). */
  stopDebugEnvironment(port: number): Promise<void> | void;
  /** True when InvokeOptions.environment (per-invoke environment overrides) is honoured. */
  readonly supportsInvokeEnvironment: boolean;
}

function hooks(svc: LambdaService): Partial<DebugEngineApi> {
  return svc as unknown as Partial<DebugEngineApi>;
}

/** Where the code runs from: the engine's answer when it has one, else the source folder (today's behaviour). */
export async function taskRootOf(svc: LambdaService, logicalId: string, codeDir: string): Promise<string> {
  const h = hooks(svc);
  if (typeof h.taskRootOf !== 'function') return codeDir;
  return (await h.taskRootOf.call(svc, logicalId)) ?? codeDir;
}

/** Ends a debug environment that no debugger will attach to; false when the engine cannot do that yet. */
export async function stopDebugEnvironment(svc: LambdaService, port: number): Promise<boolean> {
  const h = hooks(svc);
  if (typeof h.stopDebugEnvironment !== 'function') return false;
  await h.stopDebugEnvironment.call(svc, port);
  return true;
}

export function supportsInvokeEnvironment(svc: LambdaService): boolean {
  return hooks(svc).supportsInvokeEnvironment === true;
}

/** InvokeOptions plus the per-invoke environment the engine may accept (ignored by engines without it). */
export type DebugInvokeOptions = InvokeOptions & { environment?: Record<string, string> };
