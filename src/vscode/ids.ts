// vscode layer: every command, view, context key and URI scheme id in one place. Imports nothing from
// 'vscode' so plain node:test can check it against package.json (test/unit/vscode/manifest.test.ts).

/** Command ids, `lambdaWorkbench.<noun>.<verb>`; each one is contributed in package.json and registered. */
export const COMMANDS = {
  invoke: 'lambdaWorkbench.function.invoke',
  invokeWithEvent: 'lambdaWorkbench.function.invokeWithEvent',
  debug: 'lambdaWorkbench.function.debug',
  packageFunction: 'lambdaWorkbench.function.package',
  syncToAws: 'lambdaWorkbench.function.syncToAws',
  openHandler: 'lambdaWorkbench.function.openHandler',
  openTemplate: 'lambdaWorkbench.resource.openTemplate',
  publishLayerVersion: 'lambdaWorkbench.layer.publishVersion',
  layerVersionCopyArn: 'lambdaWorkbench.layer.copyVersionArn',
  layerVersionDelete: 'lambdaWorkbench.layer.deleteVersion',
  publishVersion: 'lambdaWorkbench.function.publishVersion',
  createAlias: 'lambdaWorkbench.function.createAlias',
  updateAliasRouting: 'lambdaWorkbench.alias.updateRouting',
  invokeQualified: 'lambdaWorkbench.version.invoke',
  debugQualified: 'lambdaWorkbench.version.debug',
  showLogs: 'lambdaWorkbench.logs.show',
  refresh: 'lambdaWorkbench.view.refresh',
  stopAllEnvironments: 'lambdaWorkbench.environments.stopAll',
  debugWithEvent: 'lambdaWorkbench.function.debugWithEvent',
  historyRefresh: 'lambdaWorkbench.history.refresh',
  historyOpenResult: 'lambdaWorkbench.history.openResult',
  historyShowLogs: 'lambdaWorkbench.history.showLogs',
  historyRerun: 'lambdaWorkbench.history.rerun',
  historyDebug: 'lambdaWorkbench.history.debug',
  historySaveEvent: 'lambdaWorkbench.history.saveEvent',
  apiStart: 'lambdaWorkbench.api.start',
  apiStop: 'lambdaWorkbench.api.stop',
  apiCopyEndpoint: 'lambdaWorkbench.api.copyEndpoint',
  stopEnvironment: 'lambdaWorkbench.environment.stop',
  forceColdStart: 'lambdaWorkbench.environment.forceColdStart',
  setReservedConcurrency: 'lambdaWorkbench.function.setReservedConcurrency',
  setProvisionedConcurrency: 'lambdaWorkbench.version.setProvisionedConcurrency',
  // Asynchronous invocation (issue 15): the function's async queue, and the local resources.
  invokeAsync: 'lambdaWorkbench.function.invokeAsync',
  asyncShowQueue: 'lambdaWorkbench.async.showQueue',
  asyncReplay: 'lambdaWorkbench.async.replay',
  asyncDiscard: 'lambdaWorkbench.async.discard',
  resourcesRefresh: 'lambdaWorkbench.resources.refresh',
  resourceReveal: 'lambdaWorkbench.resources.reveal',
  queueSendMessage: 'lambdaWorkbench.queue.sendMessage',
  queuePeekMessages: 'lambdaWorkbench.queue.peekMessages',
  queueRedrive: 'lambdaWorkbench.queue.redrive',
  queuePurge: 'lambdaWorkbench.queue.purge',
  topicPublish: 'lambdaWorkbench.topic.publish',
  busPutEvent: 'lambdaWorkbench.bus.putEvent',
  streamPutRecord: 'lambdaWorkbench.stream.putRecord',
  tablePutItem: 'lambdaWorkbench.table.putItem',
  // HTTP front doors (issue 17): the APIs view's routes and function URLs.
  routeOpenInBrowser: 'lambdaWorkbench.route.openInBrowser',
  routeCopyUrl: 'lambdaWorkbench.route.copyUrl',
  routeSendRequest: 'lambdaWorkbench.route.sendRequest',
  // Issue 18: AWS Toolkit `aws-sam` launch configurations become `lambda` ones.
  convertToolkitLaunchConfigs: 'lambdaWorkbench.launch.convertToolkitConfigs',
  // Event source mappings (issue 16): a function's mapping rows.
  mappingEnable: 'lambdaWorkbench.mapping.enable',
  mappingDisable: 'lambdaWorkbench.mapping.disable',
  // Issue 19: the pipeline that also runs locally (Source → Build → Deploy (local)).
  pipelineRun: 'lambdaWorkbench.pipeline.run',
  // Issue 20: the template to an AWS CloudFormation stack.
  deploy: 'lambdaWorkbench.template.deploy',
  // Issue 19: start from a function blueprint or an application template.
  newFunctionFromBlueprint: 'lambdaWorkbench.blueprint.newFunction',
  newApplicationFromTemplate: 'lambdaWorkbench.blueprint.newApplication',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];

export const VIEW_CONTAINER = 'lambdaWorkbench';

export const VIEWS = {
  functions: 'lambdaWorkbench.functions',
  layers: 'lambdaWorkbench.layers',
  history: 'lambdaWorkbench.history',
  environments: 'lambdaWorkbench.environments',
  resources: 'lambdaWorkbench.resources',
  apis: 'lambdaWorkbench.apis',
} as const;

/** `contextValue`s of tree items, used by `viewItem == …` in menus. */
export const TREE_ITEMS = {
  template: 'lambdaTemplate',
  function: 'lambdaFunction',
  layer: 'lambdaLayer',
  layerRef: 'lambdaLayerRef',
  layerVersion: 'lambdaLayerVersion',
  problem: 'lambdaProblem',
  version: 'lambdaVersion',
  alias: 'lambdaAlias',
  historyFunction: 'lambdaHistoryFunction',
  historyRecord: 'lambdaHistoryRecord',
  environmentGroup: 'lambdaEnvironmentGroup',
  environment: 'lambdaEnvironment',
  asyncQueue: 'lambdaAsyncQueue',
  asyncEvent: 'lambdaAsyncEvent',
  asyncTarget: 'lambdaAsyncTarget',
  resourceGroup: 'lambdaResourceGroup',
  queue: 'lambdaQueue',
  deadLetterQueue: 'lambdaDeadLetterQueue',
  topic: 'lambdaTopic',
  subscription: 'lambdaSubscription',
  bus: 'lambdaBus',
  schedule: 'lambdaSchedule',
  api: 'lambdaApi',
  /** A route a browser can open (GET or ANY). */
  routeGet: 'lambdaRouteGet',
  route: 'lambdaRoute',
  functionUrl: 'lambdaFunctionUrl',
  apiProblem: 'lambdaApiProblem',
  mapping: 'lambdaMapping',
  stream: 'lambdaStream',
  table: 'lambdaTable',
  mappingDisabled: 'lambdaMappingDisabled',
} as const;

/** Context keys set with `setContext`. */
export const CONTEXT_KEYS = {
  /** 'loading' | 'none' | 'ready' — drives the welcome view. */
  templatesState: 'lambdaWorkbench.templatesState',
  /** true when a loaded template defines a layer (Publish Layer Version is offered only then). */
  hasLayers: 'lambdaWorkbench.hasLayers',
  /** true while any execution environment runs (Stop All Environments is offered only then). */
  environmentsRunning: 'lambdaWorkbench.environmentsRunning',
  /** true while this window serves a local Lambda API (Stop / Copy Endpoint are offered only then). */
  apiRunning: 'lambdaWorkbench.apiRunning',
  /** true once the engine has event buses (Put Event… is enabled only then). */
  busesAvailable: 'lambdaWorkbench.busesAvailable',
  /** true when a loaded template declares an API route or a function URL (the route commands are offered only then). */
  hasApis: 'lambdaWorkbench.hasApis',
} as const;

/** Read-only documents holding peeked queue messages. */
export const PEEK_SCHEME = 'lambda-peek';

/** Read-only documents holding invoke results. */
export const RESULT_SCHEME = 'lambda-result';

/** Read-only documents holding Send Request's responses. */
export const RESPONSE_SCHEME = 'lambda-response';

/** The getting-started walkthrough (contributes.walkthroughs), `<publisher>.<name>#<id>` when opened. */
export const WALKTHROUGH = 'lambdaWorkbench.gettingStarted';

export const OUTPUT_CHANNEL = 'Lambda';

/** The Testing view's controller of saved events (testing/savedEventTestController.ts). */
export const TEST_CONTROLLER = 'lambdaWorkbench.savedEvents';

/** The plain output channel that gets the functions' own output and platform lines, exactly as written. */
export const FUNCTION_OUTPUT_CHANNEL = 'Lambda Functions';

/** The plain output channel of Run Pipeline Locally: every stage and build line, as the CLI prints them. */
export const PIPELINE_OUTPUT_CHANNEL = 'Lambda Pipeline';

/** Settings, all under `lambdaWorkbench.`. */
export const SETTINGS = {
  section: 'lambdaWorkbench',
  templateGlobs: 'templates.globs',
  interpreters: 'runtimes.interpreters',
  runtimesInstall: 'runtimes.install',
  freeze: 'freezeBetweenInvocations',
  defaultEvent: 'invoke.defaultEvent',
  logFormat: 'logs.format',
  stateDirectory: 'stateDirectory',
  apiPort: 'api.port',
  httpApiPort: 'http.apiPort',
  httpUrlPort: 'http.urlPort',
  timeScale: 'timeScale',
  parameterOverrides: 'parameterOverrides',
  envVarsFile: 'envVarsFile',
  region: 'region',
  profile: 'profile',
  deployEndpointUrl: 'deploy.endpointUrl',
  codeLensEnabled: 'codeLens.enabled',
} as const;
