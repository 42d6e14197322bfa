// The extension's composition root: wires the VS Code layer (src/vscode) around one LambdaService per
// template. Nothing here starts the engine; it starts on first use. Holds no module-level state.
import * as vscode from 'vscode';
import type { LambdaWorkbenchApi } from './vscode/api';
import { LocalLambdaApi } from './vscode/api/localLambdaApi';
import { HANDLER_SELECTOR, HandlerCodeLensProvider } from './vscode/codelens/handlerCodeLens';
import { registerInvokeCommands } from './vscode/commands/invokeCommands';
import { registerLaunchCommands } from './vscode/commands/launchCommands';
import { registerLayerVersionCommands } from './vscode/commands/layerVersionCommands';
import { registerResourceCommands } from './vscode/commands/resourceCommands';
import { registerSyncCommands } from './vscode/commands/syncCommands';
import { registerVersionCommands } from './vscode/commands/versionCommands';
import type { CommandDeps } from './vscode/commands/targets';
import { registerWorkbenchCommands } from './vscode/commands/workbenchCommands';
import { registerHistoryCommands } from './vscode/history/historyCommands';
import { registerDebugging } from './vscode/debug/registerDebugging';
import { EventMemory } from './vscode/events/eventMemory';
import { LogChannel } from './vscode/logs/logChannel';
import { RefreshWatcher } from './vscode/refreshWatcher';
import { ResultDocuments } from './vscode/results/resultDocuments';
import { readSettings } from './vscode/settings';
import { LambdaStatusBar } from './vscode/statusBar';
import { LambdaViews } from './vscode/views';
import { WorkspaceServices } from './vscode/workspaceServices';
import { registerEnvironmentsView } from './vscode/environments/environmentsView';
import { AsyncSession } from './vscode/async/asyncSession';
import { registerAsyncCommands } from './vscode/commands/asyncCommands';
import { registerMappingCommands } from './vscode/commands/mappingCommands';
import { registerResourcesView } from './vscode/resources/resourcesView';
import { TemplateDiagnostics } from './vscode/templateDiagnostics';
import { registerApisView } from './vscode/apis/apisView';
import { registerPipelineCommands } from './vscode/commands/pipelineCommands';
import { SavedEventTestController } from './vscode/testing/savedEventTestController';
import { registerDeployCommand } from './vscode/commands/deployCommand';
import { Prompts } from './vscode/blueprints/prompts';
import { registerBlueprintCommands } from './vscode/commands/blueprintCommands';
import { registerApplicationCommands } from './vscode/commands/applicationCommands';

export function activate(context: vscode.ExtensionContext): LambdaWorkbenchApi {
  const started = performance.now();
  const subs = context.subscriptions;

  const services = new WorkspaceServices(vscode.Uri.joinPath(context.extensionUri, 'dist', 'runtimes').fsPath);
  const logs = new LogChannel(() => readSettings().logFormat, (name) => services.sourceDirOf(name));
  const status = new LambdaStatusBar(
    () => services.environmentCount(),
    () => services.running().reduce((n, s) => n + s.scaling.environments().filter((e) => e.state === 'busy').length, 0),
  );
  const results = new ResultDocuments();
  // Before any engine starts: it resumes each engine's journalled async queues and follows their changes.
  const asyncSession = new AsyncSession(services, logs);
  const views = new LambdaViews(services, asyncSession);
  const watcher = new RefreshWatcher(services).start();
  const codeLens = new HandlerCodeLensProvider(services);
  const localApi = new LocalLambdaApi(services, logs);
  const diagnostics = new TemplateDiagnostics(services);
  // The engines first: their dispose() signals every environment's process group synchronously.
  subs.push(services, localApi, diagnostics, watcher, codeLens, views, asyncSession, results, status, logs);

  subs.push(
    services.onLog((e) => {
      logs.append(e);
      if (/^(START|END|REPORT) /.test(e.message)) status.update();
    }),
    services.onWarning((w) => logs.warn(w)),
    results.register(),
    vscode.languages.registerCodeLensProvider(HANDLER_SELECTOR, codeLens),
  );

  const deps: CommandDeps = { services, logs, results, status, eventMemory: new EventMemory(context.workspaceState), refreshViews: () => views.refresh() };
  subs.push(registerInvokeCommands(deps), registerResourceCommands(deps), registerSyncCommands(deps), registerWorkbenchCommands(deps), registerVersionCommands(deps), registerHistoryCommands(deps, views.history), registerLayerVersionCommands(deps), registerLaunchCommands(deps), localApi.register());
  // The `lambda` debug type: configuration provider and the inline adapter that owns a debug invocation.
  subs.push(registerDebugging(services, vscode.Uri.joinPath(context.extensionUri, 'dist', 'runtimes').fsPath));
  const environments = registerEnvironmentsView(deps);
  const resources = registerResourcesView(deps, asyncSession);
  const apis = registerApisView(deps, localApi);
  subs.push(environments, resources, apis, registerAsyncCommands(deps, asyncSession, views), registerMappingCommands(deps));
  subs.push(registerPipelineCommands(deps));
  // Saved events as tests in the Testing view.
  const savedEventTests = new SavedEventTestController(services);
  subs.push(savedEventTests.register());
  subs.push(registerDeployCommand(deps, context.workspaceState));
  const prompts = new Prompts();
  subs.push(prompts, registerBlueprintCommands(deps, { views, prompts, extensionPath: context.extensionPath }), registerApplicationCommands(deps, prompts, context.extensionPath));

  // Templates load in the background (find + parse, no environment): the palette's commands and CodeLens
  // follow the model as soon as it is there, whether or not the Lambda view was ever opened.
  status.update();
  void services.templates();

  const activationMs = performance.now() - started;
  logs.info(`Lambda Workbench activated in ${activationMs.toFixed(1)} ms (${context.extensionMode === vscode.ExtensionMode.Test ? 'test' : 'normal'} mode); the engine starts on first use.`);

  return {
    activationMs,
    service: (templatePath) => services.serviceFor(templatePath),
    runningServices: () => services.running(),
    services,
    logs,
    functionOutput: logs.functions,
    views,
    statusBar: status,
    watcher,
    localApi,
    environments: environments.provider,
    resources: resources.provider,
    apis: apis.provider,
    asyncSession,
    savedEventTests,
    prompts,
  };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions; WorkspaceServices.dispose() ends every environment.
}
