// core/runtimes: the one interface every runtime family implements, and what it is given. Adding a
// runtime touches its folder and one line in index.ts (ARCHITECTURE.md rule 3).
import type { WorkbenchError } from '../common/errors';
import type { FunctionConfig } from '../model/functionConfig';

export interface LaunchContext {
  fn: FunctionConfig;
  /** Extracted code: LAMBDA_TASK_ROOT and the working directory. */
  taskRoot: string;
  /** Merged layers, playing /opt (may be an empty folder). */
  optDir: string;
  /** Environment variables already built per lambda-semantics.md §2.5 (common to all runtimes). */
  env: Record<string, string>;
  /** Folder of the built runtime bootstraps (dist/runtimes). */
  runtimesDir: string;
  /** Debug options, for the debugging issue. */
  debug?: { port: number; waitForAttach: boolean };
  warn(message: string): void;
}

export interface LaunchSpec {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  /** The runtime writes log-sync marks before each answer (our Node.js and Python bootstraps, logSync.ts). */
  logSync?: boolean;
}

export interface RuntimeHost {
  /** Builds the command line that starts an execution environment's runtime process. */
  prepareLaunch(ctx: LaunchContext): Promise<LaunchSpec>;
  /** Value of AWS_EXECUTION_ENV, or undefined for custom runtimes (§2.5). */
  executionEnv(runtime: string): string | undefined;
  /** Recognise, from the runtime's stderr, that it died of running out of memory. */
  isOutOfMemoryExit?(stderrTail: string): boolean;
  /** After an init failure of `errorType`, explain a handler that cannot be found, naming what to fix. */
  diagnoseHandler?(fn: FunctionConfig, taskRoot: string, errorType: string): WorkbenchError | undefined;
}

/** Per-runtime paths to interpreters, e.g. {"nodejs20.x": "/opt/node20/bin/node"}. */
export type InterpreterPaths = Record<string, string>;
