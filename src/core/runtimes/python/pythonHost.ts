// core/runtimes/python: host side of the Python runtimes: picks an interpreter for python3.X (configured
// path, python3.X on PATH, pyenv, else python3 with a warning) and starts our bootstrap.py with it.
import { execFile } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { WorkbenchError } from '../../common/errors';
import type { FunctionConfig } from '../../model/functionConfig';
import { findOnPath } from '../findExecutable';
import { fileFingerprint, machineFacts, realPathOf } from '../machineFacts';
import type { InterpreterPaths, LaunchContext, LaunchSpec, RuntimeHost } from '../runtimeHost';
import { diagnosePythonHandler } from './handlerDiagnosis';
import { deprecationOf, deprecationText } from '../../model/runtimes';
import { warnOncePerSession } from '../sessionWarnings';
import type { RuntimeSdk } from '../runtimeSdk';

/** Carries the runtime SDK's folder (boto3) to the bootstrap, which puts it after /opt/python and hides it. */
export const PYTHON_SDK_ENV = 'LAMBDA_WORKBENCH_RUNTIME_SDK_PYTHON_PATH';

interface Interpreter {
  command: string;
  version: string;
}

/** Probes are facts about this machine; keep them for the process's life (and on disk, see cachedProbe). */
const probes = new Map<string, Promise<Interpreter | undefined>>();

/** Asks a candidate for its version and its real executable (pyenv's shims are slow shell scripts). */
function probePython(command: string): Promise<Interpreter | undefined> {
  let p = probes.get(command);
  if (!p) probes.set(command, (p = cachedProbe(command)));
  return p;
}

interface StoredInterpreter extends Interpreter {
  /** The executable as it was when probed: the fact holds only while it is unchanged. */
  executable: string;
}

/**
 * The probe's answer from the machine's facts when nothing it depends on changed: the candidate file and,
 * for a pyenv shim, everything pyenv reads to pick a version (pyenvSelection). A wrapper of another kind may
 * decide differently on every run, so it is probed every time.
 */
async function cachedProbe(command: string): Promise<Interpreter | undefined> {
  const facts = machineFacts();
  const key = `python:${command}`;
  const file = fileFingerprint(command);
  const shimRoot = file === undefined ? undefined : pyenvShimRoot(command);
  const fingerprint = file === undefined ? undefined : shimRoot === undefined ? file : `${file}\n${pyenvSelection(shimRoot)}`;
  const known = fingerprint === undefined ? undefined : facts.lookup<StoredInterpreter>(key, fingerprint);
  if (known && fileFingerprint(known.command) === known.executable) return { command: known.command, version: known.version };
  const found = await runProbe(command);
  if (!found || fingerprint === undefined) return found;
  const executable = fileFingerprint(found.command);
  const itself = realPathOf(found.command) === realPathOf(command);
  if (executable !== undefined && (itself || shimRoot !== undefined)) facts.store(key, fingerprint, { ...found, executable } satisfies StoredInterpreter);
  return found;
}

function runProbe(command: string): Promise<Interpreter | undefined> {
  return new Promise((resolve) => {
    execFile(command, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2]); print(sys.executable)'], { timeout: 10_000 }, (err, stdout) => {
      if (err) return resolve(undefined);
      const [version, executable] = stdout.trim().split('\n');
      resolve({ version, command: executable && existsSync(executable) ? executable : command });
    });
  });
}

/** PYENV_ROOT of a pyenv shim (a small bash script that runs `pyenv exec`), or undefined for anything else. */
function pyenvShimRoot(command: string): string | undefined {
  let head: string;
  try {
    const fd = openSync(command, 'r');
    try {
      const buf = Buffer.alloc(1024);
      head = buf.toString('utf8', 0, readSync(fd, buf, 0, buf.length, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
  if (!head.startsWith('#!') || !/\/libexec\/pyenv"? exec /.test(head)) return undefined;
  return /^export PYENV_ROOT="([^"]+)"$/m.exec(head)?.[1];
}

/**
 * What pyenv reads to choose the version a shim runs (libexec/pyenv-version-file, -version-name): PYENV_*
 * variables, the nearest .python-version from the working folder up (else the global version file), the
 * installed versions and PATH (for "system"). Hooks that read anything else are not followed.
 */
function pyenvSelection(root: string): string {
  const vars = Object.keys(process.env)
    .filter((k) => k.startsWith('PYENV_'))
    .sort()
    .map((k) => `${k}=${process.env[k]}`);
  const cwd = process.cwd();
  const from = process.env.PYENV_DIR || cwd;
  const versionFile = nearestVersionFile(from) ?? (from !== cwd ? nearestVersionFile(cwd) : undefined) ?? join(root, 'version');
  return [...vars, `PATH=${process.env.PATH ?? ''}`, `file=${versionFile}:${fileFingerprint(versionFile) ?? '-'}`, `versions=${fileFingerprint(join(root, 'versions')) ?? '-'}`].join('\n');
}

function nearestVersionFile(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    const file = join(d, '.python-version');
    if (existsSync(file)) return file;
    if (dirname(d) === d) return undefined;
  }
}

export class PythonHost implements RuntimeHost {
  private readonly found = new Map<string, Promise<Interpreter>>();

  /** @param search where to look: PATH (default the host's) and the pyenv root (default $PYENV_ROOT or ~/.pyenv). */
  /** @param sdk boto3 for interpreters without it (runtimeSdk.ts), put where Lambda has it on sys.path. */
  constructor(
    private readonly paths: InterpreterPaths = {},
    private readonly search: { pathEnv?: string; pyenvRoot?: string } = {},
    private readonly sdk?: Pick<RuntimeSdk, 'pythonPathFor'>,
  ) {}

  executionEnv(runtime: string): string {
    return `AWS_Lambda_${runtime}`;
  }

  isOutOfMemoryExit(stderrTail: string): boolean {
    return /\bMemoryError\b/.test(stderrTail);
  }

  diagnoseHandler(fn: FunctionConfig, taskRoot: string, errorType: string): WorkbenchError | undefined {
    return diagnosePythonHandler(fn, taskRoot, errorType);
  }

  async prepareLaunch(ctx: LaunchContext): Promise<LaunchSpec> {
    const runtime = ctx.fn.runtime;
    const want = runtime.replace(/^python/, '');
    const interp = await this.interpreterFor(runtime, want);
    if (interp.version !== want) {
      warnOncePerSession(`python:${runtime}:${interp.command}`, ctx.warn, `Function "${ctx.fn.logicalId}" uses ${runtime} but no python${want} was found; running on ${interp.command} (Python ${interp.version}). Install Python ${want} or set its path for ${runtime}.`);
    }
    const runtimeDir = join(ctx.runtimesDir, 'python');
    const env: Record<string, string> = { ...ctx.env, LAMBDA_WORKBENCH_OPT_DIR: ctx.optDir };
    // §2.5: PYTHONPATH is the runtime folder; the bootstrap builds sys.path (task root, layers) itself.
    if (!('PYTHONPATH' in ctx.fn.environment)) env.PYTHONPATH = runtimeDir;
    // Under a debugger, frozen stdlib modules (3.11+) can make debugpy miss breakpoints; older versions ignore -X.
    const args = ctx.debug ? ['-X', 'frozen_modules=off', '-u', join(runtimeDir, 'bootstrap.py')] : ['-u', join(runtimeDir, 'bootstrap.py')];
    const sdk = await this.sdk?.pythonPathFor(ctx.taskRoot, interp);
    if (sdk) env[PYTHON_SDK_ENV] = sdk;
    if (ctx.debug) env.LAMBDA_WORKBENCH_DEBUGPY = `127.0.0.1:${ctx.debug.port}${ctx.debug.waitForAttach ? ':wait' : ''}`;
    return { command: interp.command, args, env, cwd: ctx.taskRoot, logSync: true };
  }

  private interpreterFor(runtime: string, want: string): Promise<Interpreter> {
    let p = this.found.get(runtime);
    if (!p) {
      p = this.locate(runtime, want);
      this.found.set(runtime, p);
      p.catch(() => this.found.delete(runtime));
    }
    return p;
  }

  private async locate(runtime: string, want: string): Promise<Interpreter> {
    const candidates: string[] = [];
    const configured = this.paths[runtime] ?? this.paths.python;
    if (configured) candidates.push(configured);
    const exact = await findOnPath(`python${want}`, this.search.pathEnv);
    if (exact) candidates.push(exact);
    candidates.push(...pyenvCandidates(want, this.search.pyenvRoot));
    const generic = await findOnPath('python3', this.search.pathEnv);
    if (generic) candidates.push(generic);
    for (const command of candidates) {
      const found = await probePython(command);
      if (found) return found;
    }
    throw new WorkbenchError(
      'RUNTIME_NOT_FOUND',
      `No Python interpreter found for ${runtime}: looked for python${want} and python3 on PATH${configured ? ` and the configured ${configured}` : ''}. Install Python ${want}, or set its path (--python-path, or the "lambdaWorkbench.runtimes" setting).${deprecatedNote(runtime)}`,
    );
  }
}

function deprecatedNote(runtime: string): string {
  const d = deprecationOf(runtime);
  return d ? ` ${deprecationText(runtime, d)}.` : '';
}

function pyenvCandidates(want: string, pyenvRoot?: string): string[] {
  const root = pyenvRoot ?? process.env.PYENV_ROOT ?? join(homedir(), '.pyenv');
  const versions = join(root, 'versions');
  if (!existsSync(versions)) return [];
  try {
    return readdirSync(versions)
      .filter((v) => v === want || v.startsWith(`${want}.`))
      .sort()
      .reverse()
      .map((v) => join(versions, v, 'bin', `python${want}`))
      .filter((p) => existsSync(p));
  } catch {
    return [];
  }
}
