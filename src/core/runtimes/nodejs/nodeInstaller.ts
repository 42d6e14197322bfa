// core/runtimes/nodejs: installs the Node.js major a nodejsNN.x function asks for from the npm registry — the
// `node` package family publishes each platform's official binary as `node-<platform>-<arch>` — into the user's
// cache folder (LAMBDA_WORKBENCH_CACHE_DIR, machineFacts.ts), once per major, and finds it there afterwards.
import { execFile } from 'node:child_process';
import { existsSync, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { WorkbenchError } from '../../common/errors';
import { userCacheDir } from '../machineFacts';

/** How a missing Node.js major is handled: asked about, installed without asking, or never installed. */
export type RuntimeInstallMode = 'ask' | 'auto' | 'never';

export interface RuntimeInstallOptions {
  mode: RuntimeInstallMode;
  /** For 'ask': the front door's question to the user (VS Code: a notification; CLI: a prompt on a terminal). */
  confirm?: (question: string) => Promise<boolean>;
  /** Progress lines while installing (the download takes a while). */
  progress?: (message: string) => void;
}

/** The oldest major our bootstrap runs on (its bundle targets node18). */
export const OLDEST_INSTALLABLE_MAJOR = 18;

function platformPackage(): string {
  const platform = process.platform === 'win32' ? 'win' : process.platform;
  return `node-${platform}-${process.arch}`;
}

function folderFor(major: string): string {
  return join(userCacheDir(), 'runtimes', `node-${major}`);
}

function binaryIn(folder: string): string {
  return join(folder, 'node_modules', platformPackage(), 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
}

/** The node binary of `major` installed earlier, if any. */
export function installedNode(major: string): string | undefined {
  const bin = binaryIn(folderFor(major));
  return existsSync(bin) ? bin : undefined;
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number; output: string; missing: boolean }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, timeout: 15 * 60_000, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, npm_config_update_notifier: 'false' } }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}`, missing: (err as NodeJS.ErrnoException | null)?.code === 'ENOENT' });
    });
  });
}

/**
 * Installs the latest `major`.x with the npm on PATH (`npm install node-<platform>-<arch>@<major>`), into a
 * fresh folder renamed into place, so a half-finished download is never taken for an installed runtime.
 */
export async function installNode(major: string, progress?: (message: string) => void): Promise<string> {
  const target = folderFor(major);
  const existing = installedNode(major);
  if (existing) return existing;
  const work = `${target}.installing-${process.pid}-${Date.now().toString(36)}`;
  await fsp.mkdir(work, { recursive: true });
  try {
    const pkg = `${platformPackage()}@${major}`;
    progress?.(`Installing Node.js ${major} (${pkg} from the npm registry) into ${target} …`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = await run(npm, ['install', '--prefix', work, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', pkg], work);
    if (r.missing) throw new WorkbenchError('RUNTIME_INSTALL_FAILED', `Cannot install Node.js ${major}: npm was not found on PATH. Install Node.js ${major} yourself, or set its path for nodejs${major}.x (--node-path).`);
    const tail = r.output.trim().split('\n').slice(-8).join('\n');
    if (r.code !== 0 || !existsSync(binaryIn(work))) {
      throw new WorkbenchError('RUNTIME_INSTALL_FAILED', `npm could not install Node.js ${major} (${pkg}, exit ${r.code}). Check that the npm registry is reachable, or install Node.js ${major} yourself and set its path (--node-path). npm said:\n${tail}`);
    }
    await fsp.rename(work, target).catch((e: unknown) => {
      if (!installedNode(major)) throw e; // else another engine finished first
    });
    const bin = binaryIn(target);
    progress?.(`Installed Node.js ${major}: ${bin}`);
    return bin;
  } finally {
    await fsp.rm(work, { recursive: true, force: true });
  }
}
