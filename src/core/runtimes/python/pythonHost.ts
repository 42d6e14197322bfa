// core/runtimes/python: host side of the Python runtimes: picks an interpreter for python3.X (configured
// path, python3.X on PATH, pyenv, else python3 with a warning) and starts our bootstrap.py with it.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { WorkbenchError } from '../../common/errors';
import type { FunctionConfig } from '../../model/functionConfig';
import { findOnPath } from '../findExecutable';
import type { InterpreterPaths, LaunchContext, LaunchSpec, RuntimeHost } from '../runtimeHost';
import { diagnosePythonHandler } from './handlerDiagnosis';

interface Interpreter {
  command: string;
  version: string;
}

/** Probes are facts about this machine; keep them for the process's life. */
const probes = new Map<string, Promise<Interpreter | undefined>>();

/** Asks a candidate for its version and its real executable (pyenv's shims are slow shell scripts). */
function probePython(command: string): Promise<Interpreter | undefined> {
  let p = probes.get(command);
  if (!p) probes.set(command, (p = runProbe(command)));
  return p;
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

export class PythonHost implements RuntimeHost {
  private readonly found = new Map<string, Promise<Interpreter>>();
  private readonly warned = new Set<string>();

  /** @param search where to look: PATH (default the host's) and the pyenv root (default $PYENV_ROOT or ~/.pyenv). */
  constructor(
    private readonly paths: InterpreterPaths = {},
    private readonly search: { pathEnv?: string; pyenvRoot?: string } = {},
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
    if (interp.version !== want && !this.warned.has(runtime)) {
      this.warned.add(runtime);
      ctx.warn(`Function "${ctx.fn.logicalId}" uses ${runtime} but no python${want} was found; running on ${interp.command} (Python ${interp.version}). Install Python ${want} or set its path for ${runtime}.`);
    }
    const runtimeDir = join(ctx.runtimesDir, 'python');
    const env: Record<string, string> = { ...ctx.env, LAMBDA_WORKBENCH_OPT_DIR: ctx.optDir };
    // §2.5: PYTHONPATH is the runtime folder; the bootstrap builds sys.path (task root, layers) itself.
    if (!('PYTHONPATH' in ctx.fn.environment)) env.PYTHONPATH = runtimeDir;
    // Under a debugger, frozen stdlib modules (3.11+) can make debugpy miss breakpoints; older versions ignore -X.
    const args = ctx.debug ? ['-X', 'frozen_modules=off', '-u', join(runtimeDir, 'bootstrap.py')] : ['-u', join(runtimeDir, 'bootstrap.py')];
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
      `No Python interpreter found for ${runtime}: looked for python${want} and python3 on PATH${configured ? ` and the configured ${configured}` : ''}. Install Python ${want}, or set its path (--python-path, or the "lambdaWorkbench.runtimes" setting).`,
    );
  }
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
