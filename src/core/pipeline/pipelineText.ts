// core/pipeline: how the pipeline reads as text, the same in every front door (the CLI's stderr, VS Code's
// "Lambda Pipeline" output channel): stage banners, `[phase] line` for the build, indented stage lines, and
// the summary's rows (stage, status, duration, detail).
import type { PipelineEvent, PipelineResult } from './pipeline';

/** One event as lines of text (empty when it shows nothing on its own). */
export function formatEvent(e: PipelineEvent): string {
  if (e.type === 'stageStarted') return `==> ${e.stage}\n`;
  if (e.type === 'warning') return `Warning: ${e.text}\n`;
  if (e.type === 'stageFinished') return e.result.status === 'skipped' ? `==> ${e.result.stage}: skipped (${e.result.summary})\n` : '';
  if (e.phase) return e.kind === 'command' ? `[${e.phase}] Running command ${e.text}\n` : `[${e.phase}] ${e.text}\n`;
  return `    ${e.text}\n`;
}

export const SUMMARY_HEADER = ['STAGE', 'STATUS', 'DURATION', 'DETAIL'];

/** The summary table's rows, one per stage. */
export function summaryRows(r: PipelineResult): string[][] {
  return r.stages.map((s) => [s.stage, s.status.toUpperCase(), s.status === 'skipped' ? '-' : `${(s.durationMs / 1000).toFixed(1)} s`, s.summary]);
}

/** One sentence for a notification: what failed, or what was deployed. */
export function summarySentence(r: PipelineResult): string {
  const failed = r.stages.find((s) => s.status === 'failed');
  if (failed) return `Pipeline failed at ${failed.stage}: ${failed.summary}`;
  const deploy = r.stages.find((s) => s.stage === 'Deploy (local)');
  return `Pipeline succeeded (${r.stages.map((s) => `${s.stage} ${(s.durationMs / 1000).toFixed(1)} s`).join(', ')}): ${deploy?.summary ?? ''}`;
}
