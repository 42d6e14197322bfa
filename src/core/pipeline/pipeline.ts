// core/pipeline: the pipeline that also runs locally — Source (HEAD into a clean temporary tree), Build (the
// buildspec's phases, as CodeBuild runs them) and Deploy (local) (publish and move the alias of each changed
// AutoPublishAlias function in the repository's state directory). Each stage reports as it runs; a failed
// stage skips the ones after it. Front doors (CLI, VS Code) only render the events and the result.
import { randomUUID } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { WorkbenchError } from '../common/errors';
import { discoverTemplate } from '../template';
import { parseBuildspec, type PhaseName } from './buildspec';
import { runBuild, type BuildOutcome } from './buildStage';
import { deployLocally, type DeployEngineOptions, type DeployOutcome } from './deployStage';
import type { CommandFailure } from './phaseRunner';
import { sh } from './postCommitHook';
import { checkoutCommit, headRevision, withoutGitHookVariables, type SourceRevision } from './sourceStage';

export const STAGES = ['Source', 'Build', 'Deploy (local)'] as const;
export type StageName = (typeof STAGES)[number];
export type StageStatus = 'succeeded' | 'failed' | 'skipped';

export interface StageResult {
  stage: StageName;
  status: StageStatus;
  durationMs: number;
  /** One line: the commit built, the failing command, what was deployed. */
  summary: string;
}

export type PipelineEvent =
  | { type: 'stageStarted'; stage: StageName }
  /** Every line, in order: a stage's own lines, and each build command and output line with its phase. */
  | { type: 'log'; stage: StageName; phase?: PhaseName; kind: 'info' | 'command' | 'output' | 'error'; text: string }
  | { type: 'stageFinished'; result: StageResult }
  | { type: 'warning'; text: string };

export interface PipelineOptions {
  /** Where the caller runs: -t and --buildspec are relative to it; the default state directory is under it. */
  cwd: string;
  templatePath?: string;
  /** Default: buildspec.yml next to the template, else at the repository's root. */
  buildspec?: string;
  /** The repository's state directory, default <cwd>/.lambda-workbench. */
  stateDir?: string;
  /** Keep the temporary tree (its path is in the result). */
  keep?: boolean;
  engine?: DeployEngineOptions;
  /**
   * The CLI that runs this pipeline (absolute node and bin/lambda-workbench.js): the build's commands find it as
   * `lambda-workbench` first on PATH, as a CodeBuild image would after installing it, so a buildspec's
   * `lambda-workbench package --all` runs this same version.
   */
  cli?: { node: string; script: string };
  onEvent?(e: PipelineEvent): void;
  signal?: AbortSignal;
}

export interface PipelineResult {
  ok: boolean;
  stages: StageResult[];
  revision?: SourceRevision;
  build?: BuildOutcome;
  deploy?: DeployOutcome;
  /** The first failing build command. */
  failure?: CommandFailure;
  /** What failed a stage other than a build command (no repository, bad buildspec, broken template…). */
  error?: unknown;
  /** The temporary tree, when kept. */
  workDir?: string;
}

/** A `lambda-workbench` executable in `dir` that runs the given CLI; returns `dir`. */
async function writeCliShim(dir: string, cli: { node: string; script: string }): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'lambda-workbench');
  await writeFile(file, `#!/bin/sh\nexec ${sh(cli.node)} ${sh(cli.script)} "$@"\n`);
  await chmod(file, 0o755);
  return dir;
}

const short = (sha: string) => sha.slice(0, 7);
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** Runs the three stages once; never throws for a stage's failure (it is in the result). */
export async function runPipeline(o: PipelineOptions): Promise<PipelineResult> {
  const emit = (e: PipelineEvent) => o.onEvent?.(e);
  const log = (stage: StageName, text: string, kind: 'info' | 'error' = 'info') => emit({ type: 'log', stage, kind, text });
  const result: PipelineResult = { ok: false, stages: [] };
  const templateArg = o.templatePath ? resolve(o.cwd, o.templatePath) : resolve(discoverTemplate(o.cwd));
  if (!existsSync(templateArg)) throw new WorkbenchError('TEMPLATE_NOT_FOUND', `Template file does not exist; check --template: ${templateArg}`, { file: templateArg });
  let work: string | undefined;
  let srcDir = '';
  let treeTemplate = '';

  const stage = async (name: StageName, body: () => Promise<{ ok: boolean; summary: string }>): Promise<boolean> => {
    if (result.stages.some((s) => s.status !== 'succeeded') || o.signal?.aborted) {
      const skipped: StageResult = { stage: name, status: 'skipped', durationMs: 0, summary: o.signal?.aborted ? 'stopped' : 'an earlier stage failed' };
      result.stages.push(skipped);
      emit({ type: 'stageFinished', result: skipped });
      return false;
    }
    emit({ type: 'stageStarted', stage: name });
    const t0 = Date.now();
    let outcome: { ok: boolean; summary: string };
    try {
      outcome = await body();
    } catch (e) {
      result.error ??= e;
      const message = e instanceof WorkbenchError ? `Error [${e.code}]: ${e.message}` : `Error: ${(e as Error).message ?? String(e)}`;
      log(name, message, 'error');
      outcome = { ok: false, summary: message };
    }
    const r: StageResult = { stage: name, status: outcome.ok ? 'succeeded' : 'failed', durationMs: Date.now() - t0, summary: outcome.summary };
    result.stages.push(r);
    emit({ type: 'stageFinished', result: r });
    return outcome.ok;
  };

  try {
    await stage('Source', async () => {
      const rev = (result.revision = await headRevision(dirname(templateArg)));
      const rel = inRepo(rev.repoRoot, templateArg, 'template');
      work = await mkdtemp(join(tmpdir(), 'lwb-pipeline-'));
      srcDir = join(work, 'src');
      await mkdir(srcDir);
      await checkoutCommit(rev.repoRoot, rev.commit, srcDir);
      treeTemplate = join(srcDir, rel);
      if (!existsSync(treeTemplate)) throw new WorkbenchError('PIPELINE_SOURCE_FAILED', `${rel} is not in commit ${short(rev.commit)}: the pipeline builds what is committed. Commit the template ("git add ${rel} && git commit").`);
      const left = rev.uncommitted.length ? `; ${plural(rev.uncommitted.length, 'uncommitted change')} not included` : '';
      const summary = `commit ${short(rev.commit)} "${rev.subject}"${left}`;
      log('Source', `HEAD is ${summary} (checked out into ${srcDir})`);
      return { ok: true, summary };
    });

    await stage('Build', async () => {
      const rev = result.revision!;
      const file = buildspecIn(rev.repoRoot, srcDir, treeTemplate, o);
      const shown = relative(srcDir, file);
      const spec = parseBuildspec(await readFile(file, 'utf8'), shown);
      for (const w of spec.warnings) emit({ type: 'warning', text: w });
      log('Build', `${shown}: ${spec.phases.map((p) => p.name).join(', ')} in ${spec.shell}, from ${srcDir}`);
      const scratch = join(work!, 'phases');
      await mkdir(scratch);
      const baseEnv = withoutGitHookVariables(process.env);
      if (o.cli) baseEnv.PATH = `${await writeCliShim(join(work!, 'bin'), o.cli)}${delimiter}${baseEnv.PATH ?? ''}`;
      const build = (result.build = await runBuild(spec, {
        srcDir,
        scratchDir: scratch,
        commit: rev.commit,
        buildId: `lambda-workbench-pipeline:${randomUUID()}`,
        baseEnv,
        onLine: (phase, line) => emit({ type: 'log', stage: 'Build', phase, kind: line.kind, text: line.text }),
        onPhase: (p) => log('Build', `Phase complete: ${p.name.toUpperCase()} State: ${p.status.toUpperCase()}`),
        signal: o.signal,
        now: Date.now,
      }));
      const f = (result.failure = build.failure);
      if (!f) return { ok: build.ok, summary: build.ok ? `${plural(build.phases.length, 'phase')} succeeded` : 'stopped' };
      const where = f.inFinally ? `finally of phase ${f.phase}` : `phase ${f.phase}`;
      log('Build', `Command did not exit successfully: ${f.command} (exit status ${f.exitCode}, ${where})`, 'error');
      if (f.tail.length) {
        log('Build', `Last ${plural(f.tail.length, 'line')} of its output:`, 'error');
        for (const line of f.tail) log('Build', `  ${line}`, 'error');
      }
      return { ok: false, summary: `"${f.command}" exited with ${f.exitCode} (${where})` };
    });

    await stage('Deploy (local)', async () => {
      const stateDir = resolve(o.cwd, o.stateDir ?? '.lambda-workbench');
      log('Deploy (local)', `${relative(srcDir, treeTemplate)} → ${stateDir}`);
      const deploy = (result.deploy = await deployLocally({
        templatePath: treeTemplate,
        projectDir: dirname(templateArg),
        stateDir,
        engine: o.engine ?? {},
        onLine: (text) => log('Deploy (local)', text),
        onWarning: (text) => emit({ type: 'warning', text }),
      }));
      const published = deploy.functions.filter((f) => f.published);
      const summary = deploy.functions.length
        ? `${plural(published.length, 'new version')}${published.length ? ` (${published.map((f) => `${f.logicalId} ${f.version}`).join(', ')})` : ''}, ${deploy.functions.length - published.length} unchanged`
        : 'no function has AutoPublishAlias';
      return { ok: true, summary };
    });
  } finally {
    if (work && o.keep) result.workDir = work;
    else if (work) await rm(work, { recursive: true, force: true });
  }
  result.ok = result.stages.every((s) => s.status === 'succeeded');
  return result;
}

/** `file`'s path inside the repository; an error when it lies outside. */
function inRepo(repoRoot: string, file: string, what: string): string {
  const dir = dirname(file);
  const real = existsSync(file) ? realpathSync(file) : existsSync(dir) ? join(realpathSync(dir), basename(file)) : file;
  const rel = relative(repoRoot, real);
  if (rel.startsWith('..') || isAbsolute(rel)) throw new WorkbenchError('PIPELINE_SOURCE_FAILED', `The ${what} ${file} is outside the repository ${repoRoot}. Run the pipeline in the repository of your project.`);
  return rel;
}

/** The buildspec in the checked-out tree: --buildspec, else buildspec.yml beside the template, else at the root. */
function buildspecIn(repoRoot: string, srcDir: string, treeTemplate: string, o: PipelineOptions): string {
  const candidates = o.buildspec ? [join(srcDir, inRepo(repoRoot, resolve(o.cwd, o.buildspec), 'buildspec'))] : [join(dirname(treeTemplate), 'buildspec.yml'), join(srcDir, 'buildspec.yml')];
  const found = candidates.find((c) => existsSync(c));
  if (found) return found;
  const names = candidates.map((c) => relative(srcDir, c) || c);
  throw new WorkbenchError('BUILDSPEC_NOT_FOUND', `No ${[...new Set(names)].join(' or ')} in the commit: the Build stage runs the committed buildspec. Commit one (version: 0.2, phases…) or pass --buildspec.`);
}
