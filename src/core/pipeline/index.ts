// core/pipeline: the local pipeline's public surface (issue 19): run it, install its post-commit hook, parse a buildspec.
export { runPipeline, STAGES, type PipelineEvent, type PipelineOptions, type PipelineResult, type StageName, type StageResult, type StageStatus } from './pipeline';
export { installPostCommitHook, HOOK_MARKER, type HookOptions, type HookResult } from './postCommitHook';
export { parseBuildspec, PHASE_NAMES, type Buildspec, type BuildPhase, type PhaseName } from './buildspec';
export { describeDeployment } from './deployStage';
export { formatEvent, summaryRows, summarySentence, SUMMARY_HEADER } from './pipelineText';
export type { CommandFailure } from './phaseRunner';
