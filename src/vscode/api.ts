// vscode layer: what activate() returns: a small API for tests and other extensions. No engine is
// started by reading it.
import type { LambdaService } from '../core/service';
import type { LocalLambdaApi } from './api/localLambdaApi';
import type { LambdaStatusBar } from './statusBar';
import type { LogChannel } from './logs/logChannel';
import type { FunctionOutputChannel } from './logs/functionOutput';
import type { RefreshWatcher } from './refreshWatcher';
import type { LambdaViews } from './views';
import type { WorkspaceServices } from './workspaceServices';
import type { EnvironmentsTreeProvider } from './environments/environmentsTreeProvider';
import type { AsyncSession } from './async/asyncSession';
import type { SavedEventTestController } from './testing/savedEventTestController';
import type { ResourcesTreeProvider } from './resources/resourcesTreeProvider';
import type { ApisTreeProvider } from './apis/apisTreeProvider';
import type { Prompts } from './blueprints/prompts';

export interface LambdaWorkbenchApi {
  /** Milliseconds activate() took. */
  readonly activationMs: number;
  /** The engine for a template (started on first call). */
  service(templatePath: string): LambdaService;
  /** Engines that have been started. */
  runningServices(): readonly LambdaService[];
  readonly services: WorkspaceServices;
  /** Recent lines (our messages, and the functions' lines tagged `[function] [request id]`) and a live feed of new ones. */
  readonly logs: Pick<LogChannel, 'lines' | 'onLine'>;
  /** The plain Lambda Functions channel: its recent lines exactly as written there. */
  readonly functionOutput: Pick<FunctionOutputChannel, 'lines'>;
  readonly views: LambdaViews;
  readonly statusBar: Pick<LambdaStatusBar, 'text'>;
  readonly watcher: Pick<RefreshWatcher, 'onDidRefresh'>;
  /** The local Lambda API endpoints this window serves (Start Local Lambda API). */
  readonly localApi: Pick<LocalLambdaApi, 'endpoints' | 'text' | 'served'>;
  /** The Environments view's data (environments of every running engine). */
  readonly environments: EnvironmentsTreeProvider;
  /** The Resources view's data (local queues, topics, buses, schedules of the running engines). */
  readonly resources: ResourcesTreeProvider;
  /** The APIs view's data (the templates' API routes and function URLs, with their local URLs while served). */
  readonly apis: ApisTreeProvider;
  /** The async queues of the running engines: change events, resumes, event endings. */
  readonly asyncSession: Pick<AsyncSession, 'onDidChangeQueues' | 'onDidFinishEvent' | 'resumed' | 'timeScaleOf'>;
  /** Saved events as tests in the Testing view. */
  readonly savedEventTests: Pick<SavedEventTestController, 'controller' | 'refresh' | 'outcomes' | 'profiles'>;
  /** The blueprint commands' prompts (quick picks, input boxes, folder dialogs), announced by title when shown. */
  readonly prompts: Pick<Prompts, 'onDidShow'>;
}
