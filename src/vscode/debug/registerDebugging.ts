// vscode layer: registers the `lambda` debug type: its configuration provider (initial and dynamic) and
// the inline adapter factory, one LambdaDebugSession per debug session.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { WorkspaceServices } from '../workspaceServices';
import { DEBUG_TYPE } from './debugConfig';
import { LambdaDebugConfigurationProvider } from './debugConfigurationProvider';
import { LambdaDebugSession } from './lambdaDebugSession';
import { WarmDebugPorts } from './warmDebug';

class LambdaAdapterFactory implements vscode.DebugAdapterDescriptorFactory {
  /** Debug environments left warm by ended sessions, shared by all sessions of this window. */
  private readonly warm = new WarmDebugPorts();

  constructor(
    private readonly services: WorkspaceServices,
    private readonly runtimesDir: string,
  ) {}

  createDebugAdapterDescriptor(session: vscode.DebugSession): vscode.DebugAdapterDescriptor {
    return new vscode.DebugAdapterInlineImplementation(new LambdaDebugSession({ services: this.services, runtimesDir: this.runtimesDir, parent: session, warm: this.warm }));
  }
}

/** @param runtimesDir the extension's dist/runtimes (our bootstraps, skipped when stepping). */
export function registerDebugging(services: WorkspaceServices, runtimesDir = path.join(__dirname, 'runtimes')): vscode.Disposable {
  const provider = new LambdaDebugConfigurationProvider(services);
  return vscode.Disposable.from(
    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, provider, vscode.DebugConfigurationProviderTriggerKind.Initial),
    // Dynamic: listed under "Lambda" when the user picks a configuration to run (no resolve: done once above).
    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, { provideDebugConfigurations: (f) => provider.provideDebugConfigurations(f) }, vscode.DebugConfigurationProviderTriggerKind.Dynamic),
    vscode.debug.registerDebugAdapterDescriptorFactory(DEBUG_TYPE, new LambdaAdapterFactory(services, runtimesDir)),
  );
}
