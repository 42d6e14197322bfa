// cli: `lambda-workbench pipeline run` — the pipeline that also runs locally (Source → Build → Deploy (local)),
// every stage and build line streamed to stderr as it happens, the summary table on stdout; exit 1 when a
// stage failed. `pipeline install-hook` writes the git post-commit hook that runs it after each commit.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { formatEvent, installPostCommitHook, runPipeline, summaryRows, SUMMARY_HEADER, type PipelineResult } from '../core/pipeline';
import { serviceOptions, type CommonOptions } from './serviceOptions';
import type { CliContext } from './session';
import { printTable } from './table';

export interface PipelineRunOptions extends CommonOptions {
  buildspec?: string;
  keep?: boolean;
  json?: boolean;
}

export interface InstallHookOptions {
  template?: string;
  buildspec?: string;
  stateDir?: string;
  force?: boolean;
}

function printSummary(ctx: CliContext, r: PipelineResult): void {
  ctx.io.out('\n');
  printTable(ctx.io, SUMMARY_HEADER, summaryRows(r));
  if (r.workDir) ctx.io.out(`\nWork tree kept: ${r.workDir}\n`);
}

export async function pipelineRunCommand(opts: PipelineRunOptions, ctx: CliContext): Promise<void> {
  const { cwd, templatePath, stateDir, aws: _aws, logFile: _logFile, ...engine } = serviceOptions(opts);
  const abort = new AbortController();
  // Ctrl-C: the build's shell session is ended, and the run still removes its temporary tree before exiting.
  void ctx.interruption.unlessStopped(new Promise<never>(() => undefined)).then(() => abort.abort());
  const result = await runPipeline({
    cwd,
    templatePath,
    buildspec: opts.buildspec,
    stateDir,
    keep: opts.keep,
    engine,
    cli: { node: process.execPath, script: cliPath() },
    signal: abort.signal,
    onEvent: (e) => ctx.io.err(formatEvent(e)),
  });
  if (opts.json) {
    const { error, ...rest } = result;
    ctx.io.out(JSON.stringify({ ...rest, ...(error ? { error: (error as Error).message } : {}) }, null, 2) + '\n');
  } else printSummary(ctx, result);
  if (!result.ok) process.exitCode = 1;
}

/** bin/lambda-workbench.js of this installation (the bundle runs from dist/, the bin is beside it). */
function cliPath(): string {
  const beside = resolve(__dirname, '..', 'bin', 'lambda-workbench.js');
  return existsSync(beside) ? beside : resolve(process.argv[1]);
}

export async function installHookCommand(opts: InstallHookOptions, ctx: CliContext): Promise<void> {
  const args = [...(opts.template ? ['-t', opts.template] : []), ...(opts.buildspec ? ['--buildspec', opts.buildspec] : []), ...(opts.stateDir ? ['--state-dir', resolve(opts.stateDir)] : [])];
  const r = await installPostCommitHook({ cwd: process.cwd(), node: process.execPath, cli: cliPath(), args, force: opts.force });
  const what = { created: 'Installed', updated: 'Updated', unchanged: 'Already installed:', replaced: 'Replaced the existing hook with' }[r.state];
  ctx.io.out(`${what} ${r.path}: every commit now runs "lambda-workbench pipeline run${args.length ? ' ' + args.join(' ') : ''}" (delete the file to stop).\n`);
}

/** Registers `pipeline run` and `pipeline install-hook` (main.ts calls this once). */
export function registerPipelineCommands(program: Command, common: (cmd: Command) => Command, ctx: CliContext): void {
  const pipeline = program.command('pipeline').description('the CodePipeline-style pipeline, run locally: Source (HEAD) → Build (buildspec.yml) → Deploy (local)');
  common(
    pipeline
      .command('run')
      .description('check out HEAD into a clean temporary tree, run buildspec.yml as CodeBuild does, then publish a version of each changed AutoPublishAlias function and move its alias')
      .option('--buildspec <file>', 'the buildspec (default: buildspec.yml beside the template, else at the repository root); read from the commit')
      .option('--keep', 'keep the temporary work tree (its path is printed)')
      .option('--json', 'print the result as JSON instead of the summary table'),
  ).action((opts: PipelineRunOptions) => pipelineRunCommand(opts, ctx));
  pipeline
    .command('install-hook')
    .description("write .git/hooks/post-commit so every commit runs the pipeline (with this CLI's absolute path); a hook that is not ours is kept unless --force")
    .option('-t, --template <path>', 'template the hook passes to pipeline run')
    .option('--buildspec <file>', 'buildspec the hook passes to pipeline run')
    .option('--state-dir <dir>', 'state directory the hook passes to pipeline run')
    .option('--force', 'replace a post-commit hook that lambda-workbench did not write')
    .action((opts: InstallHookOptions) => installHookCommand(opts, ctx));
}

