// core/packaging: installs a Python function's or layer's requirements.txt into a folder with the local pip
// (`python3 -m pip install -r … --target …`); a missing Python or pip, or a failed install, is DEPENDENCIES_FAILED.
import { spawn } from 'node:child_process';
import { existsSync, promises as fsp, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Architecture } from '../model/functionConfig';
import { PackagingError } from './errors';

export interface PipSettings {
  python: string;
  args: string[];
}

/** True when `dir/requirements.txt` lists at least one requirement. */
export function hasRequirements(dir: string): boolean {
  const file = join(dir, 'requirements.txt');
  if (!existsSync(file)) return false;
  return readFileSync(file, 'utf8').split(/\r?\n/).some((l) => l.trim() !== '' && !l.trim().startsWith('#'));
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.split(/\s+/).filter(Boolean) : []);

/**
 * The pip command for a build. BuildProperties: `PipArgs` (extra arguments, e.g. `--no-index --find-links
 * wheels`), `Platform` (`lambda`/true → manylinux2014 for the function's architecture, or a pip platform tag)
 * which adds `--only-binary=:all: --platform … --python-version 3.X --implementation cp`.
 */
export function pipSettings(runtime: string, architectures: readonly Architecture[], props: Record<string, unknown>, python?: string): PipSettings {
  const args = ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--no-compile', '--no-warn-script-location'];
  const platform = props.Platform;
  if (platform !== undefined && platform !== false && platform !== 'false') {
    const tag = platform === true || platform === 'true' || platform === 'lambda'
      ? `manylinux2014_${architectures[0] === 'arm64' ? 'aarch64' : 'x86_64'}`
      : String(platform);
    const version = /^python(\d+\.\d+)/.exec(runtime)?.[1];
    args.push('--only-binary=:all:', '--platform', tag, '--implementation', 'cp');
    if (version) args.push('--python-version', version);
  }
  args.push(...list(props.PipArgs));
  return { python: python ?? process.env.LAMBDA_WORKBENCH_PYTHON ?? 'python3', args };
}

/** Runs pip for `srcDir/requirements.txt` into `targetDir`; relative PipArgs paths resolve from `srcDir`. */
export async function pipInstall(srcDir: string, targetDir: string, pip: PipSettings, label: string, signal?: AbortSignal): Promise<void> {
  await fsp.mkdir(targetDir, { recursive: true });
  const args = [...pip.args, '-r', join(srcDir, 'requirements.txt'), '--target', targetDir];
  const { code, output, spawnError } = await new Promise<{ code: number | null; output: string; spawnError?: Error }>((resolve) => {
    const child = spawn(pip.python, args, { cwd: srcDir, stdio: ['ignore', 'pipe', 'pipe'], signal, env: { ...process.env, PIP_NO_INPUT: '1' } });
    let output = '';
    const keep = (c: Buffer): void => {
      output = (output + c.toString('utf8')).slice(-8000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (e) => resolve({ code: null, output, spawnError: e }));
    child.on('close', (c) => resolve({ code: c, output }));
  });
  if (spawnError) {
    const notFound = (spawnError as NodeJS.ErrnoException).code === 'ENOENT';
    throw new PackagingError(
      'DEPENDENCIES_FAILED',
      notFound
        ? `Cannot install the requirements of ${label}: Python "${pip.python}" was not found — install Python 3 or set LAMBDA_WORKBENCH_PYTHON.`
        : `Cannot run "${pip.python}" for ${label}: ${spawnError.message}`,
      { cause: spawnError },
    );
  }
  if (code !== 0) {
    const tail = output.trim().split('\n').slice(-6).join('\n');
    const hint = /No module named pip/.test(output)
      ? `pip is not installed for "${pip.python}" — install it (python3 -m ensurepip) or vendor the packages in the folder and remove requirements.txt.`
      : 'Is the package index reachable? Offline, vendor the packages or pass `PipArgs: --no-index --find-links <wheels dir>`.';
    throw new PackagingError('DEPENDENCIES_FAILED', `pip could not install the requirements of ${label} (exit ${code}). ${hint}\n${tail}`, {
      file: join(srcDir, 'requirements.txt'),
    });
  }
  if ((await fsp.readdir(targetDir)).length === 0) {
    throw new PackagingError('DEPENDENCIES_FAILED', `pip installed nothing for ${label} although requirements.txt lists packages.`);
  }
}
