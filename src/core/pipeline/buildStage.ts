// core/pipeline: the Build stage — the buildspec's phases in CodeBuild's order, each in its own shell session
// (phaseRunner.ts), with the buildspec's env.variables and CodeBuild's own CODEBUILD_* variables, following
// CodeBuild's phase transitions after a failure.
import { join } from 'node:path';
import type { Buildspec, BuildPhase, PhaseName } from './buildspec';
import { runPhase, type CommandFailure, type PhaseLine } from './phaseRunner';

export type PhaseStatus = 'succeeded' | 'failed' | 'skipped';

export interface PhaseResult {
  name: PhaseName;
  status: PhaseStatus;
  durationMs: number;
}

export interface BuildOutcome {
  ok: boolean;
  phases: PhaseResult[];
  /** The first command that failed. */
  failure?: CommandFailure;
}

export interface BuildContext {
  /** CODEBUILD_SRC_DIR: the checked-out source, where commands start. */
  srcDir: string;
  /** Where the phases' session scripts go. */
  scratchDir: string;
  commit: string;
  buildId: string;
  /** The environment the commands inherit (the caller's, without git's hook variables). */
  baseEnv: NodeJS.ProcessEnv;
  onLine(phase: PhaseName, line: PhaseLine): void;
  onPhase(result: PhaseResult): void;
  signal?: AbortSignal;
  now(): number;
}

/**
 * Whether the build goes on to the next phase after `phase` failed. CodeBuild's documented phase transitions
 * (https://docs.aws.amazon.com/codebuild/latest/userguide/view-build-details-phases.html): a failed INSTALL or
 * PRE_BUILD goes straight to FINALIZING, skipping BUILD and POST_BUILD; a failed BUILD still runs POST_BUILD
 * (which can read CODEBUILD_BUILD_SUCCEEDING=0); POST_BUILD is the last phase. A phase's `on-failure`
 * (build-spec-ref.html) replaces that: ABORT ends the build there, CONTINUE goes on to the next phase. The
 * build fails either way.
 */
export function continuesAfterFailure(phase: BuildPhase): boolean {
  if (phase.onFailure) return phase.onFailure === 'CONTINUE';
  return phase.name === 'build';
}

/** CodeBuild's variables that a buildspec commonly reads (values for a local build). */
export function codebuildVariables(c: Pick<BuildContext, 'srcDir' | 'commit' | 'buildId'>, succeeding: boolean, startedAt: number): Record<string, string> {
  return {
    CODEBUILD_SRC_DIR: c.srcDir,
    CODEBUILD_RESOLVED_SOURCE_VERSION: c.commit,
    CODEBUILD_SOURCE_VERSION: c.commit,
    CODEBUILD_BUILD_ID: c.buildId,
    CODEBUILD_BUILD_ARN: `arn:aws:codebuild:local:000000000000:build/${c.buildId}`,
    CODEBUILD_BUILD_SUCCEEDING: succeeding ? '1' : '0',
    CODEBUILD_INITIATOR: 'lambda-workbench-pipeline',
    CODEBUILD_START_TIME: String(startedAt),
    CODEBUILD_LOCAL_PIPELINE: 'true',
  };
}

/** Runs the buildspec's phases; resolves with every phase's status and the first failing command. */
export async function runBuild(spec: Buildspec, c: BuildContext): Promise<BuildOutcome> {
  const phases: PhaseResult[] = [];
  const startedAt = c.now();
  let failure: CommandFailure | undefined;
  let stopped = false;
  for (const phase of spec.phases) {
    if (stopped || c.signal?.aborted) {
      const skipped: PhaseResult = { name: phase.name, status: 'skipped', durationMs: 0 };
      phases.push(skipped);
      c.onPhase(skipped);
      continue;
    }
    const t0 = c.now();
    // env.variables first, then CodeBuild's own, which a buildspec cannot replace.
    const env = { ...c.baseEnv, ...spec.variables, ...codebuildVariables(c, !failure, startedAt) };
    const outcome = await runPhase(phase, {
      shell: spec.shell,
      cwd: c.srcDir,
      env,
      scriptPath: join(c.scratchDir, `${phase.name}.sh`),
      onLine: (line) => c.onLine(phase.name, line),
      signal: c.signal,
    });
    const result: PhaseResult = { name: phase.name, status: outcome.ok ? 'succeeded' : 'failed', durationMs: c.now() - t0 };
    phases.push(result);
    c.onPhase(result);
    if (!outcome.ok) {
      failure ??= outcome.failure;
      if (!continuesAfterFailure(phase)) stopped = true;
    }
  }
  return { ok: !failure && !c.signal?.aborted, phases, failure };
}
