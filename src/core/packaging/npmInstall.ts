// core/packaging: production dependencies installed as `sam build` installs them — `npm ci --omit=dev` when a
// lockfile is there, else `npm install --omit=dev` — into a build folder of the state directory, never into the
// user's folder. Installs are cached by the hash of package.json + lockfile (+ .npmrc); a failed one is cached
// against the same inputs (failedSteps.ts). What npm said is kept in the error when it fails.
import { spawn } from 'node:child_process';
import { existsSync, promises as fsp, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PackagingError } from './errors';
import { stepKey, unlessFailedBefore } from './failedSteps';
import type { ProgressListener } from './types';

/** Bumped when the folders an install leaves change for the same inputs. */
const INSTALL_VERSION = 1;
const LOCKFILES = ['npm-shrinkwrap.json', 'package-lock.json'];
const COMPLETE = '.lambda-workbench-complete';

export interface NpmContext {
  /** The state directory's dependency builds: `<stateDir>/dependencies`. */
  dir: string;
  /** What the dependencies are for (native modules depend on it), e.g. nodejs20.x. */
  runtime?: string;
  onProgress?: ProgressListener;
  signal?: AbortSignal;
  /** An explicit rebuild: retry an install that failed before with the same inputs. */
  retryFailed?: boolean;
}

/** The npm context of a build: its dependency folder next to the package cache, its progress and retry flag. */
export function npmContextFor(opts: { cache: { root: string }; onProgress?: ProgressListener; signal?: AbortSignal; retryFailedSteps?: boolean }, runtime?: string): NpmContext {
  return { dir: join(dirname(opts.cache.root), 'dependencies'), runtime, onProgress: opts.onProgress, signal: opts.signal, retryFailed: opts.retryFailedSteps };
}

function readIf(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function runNpm(args: string[], cwd: string, signal?: AbortSignal): Promise<{ code: number | null; output: string; spawnError?: NodeJS.ErrnoException }> {
  return new Promise((resolve) => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const child = spawn(npm, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], signal, env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });
    let output = '';
    const keep = (c: Buffer): void => {
      output = (output + c.toString('utf8')).slice(-16_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (e: NodeJS.ErrnoException) => resolve({ code: null, output, spawnError: e }));
    child.on('close', (code) => resolve({ code, output }));
  });
}

/**
 * npm's own error lines (`npm error …`) without the JavaScript stack and object dump it appends, nor the
 * pointer to its debug log; else the end of its output.
 */
export function npmMessage(output: string): string {
  const lines = output.trim().split('\n');
  const errors: string[] = [];
  let inDump = false;
  for (const l of lines) {
    const m = /^npm (?:error|ERR!)(?: (.*))?$/.exec(l);
    if (!m) continue;
    const text = m[1] ?? '';
    if (/^\s+at /.test(text) || /A complete log of this run/.test(text) || text.trim() === '') continue;
    if (/\{\s*$/.test(text) && /^\s/.test(text)) inDump = true;
    if (inDump) {
      if (/^\s*\}\s*$/.test(text)) inDump = false;
      continue;
    }
    if (/^\s+\S+: /.test(text) || /^\s*\}\s*$/.test(text)) continue;
    errors.push(`npm error ${text}`);
  }
  return (errors.length ? errors : lines).slice(-12).join('\n');
}

/**
 * The folder (with package.json and node_modules) holding `root`'s production dependencies, installed by npm
 * into the state directory on first use and reused while package.json and the lockfile stay the same.
 */
export async function installedDependencies(root: string, label: string, ctx: NpmContext): Promise<string> {
  const manifest = readIf(join(root, 'package.json'));
  if (manifest === undefined) throw new PackagingError('BUILD_FAILED', `${label} has no readable package.json in "${root}".`, { file: join(root, 'package.json') });
  const lockName = LOCKFILES.find((f) => existsSync(join(root, f)));
  const lock = lockName ? readIf(join(root, lockName)) : undefined;
  const npmrc = readIf(join(root, '.npmrc'));
  const key = stepKey({ v: INSTALL_VERSION, manifest, lockName, lock, npmrc, runtime: ctx.runtime, platform: process.platform, arch: process.arch });
  const dir = join(ctx.dir, key.slice(0, 32));
  if (existsSync(join(dir, COMPLETE))) return dir;
  const inputs = `"${join(root, 'package.json')}"${lockName ? ` or "${join(root, lockName)}"` : ''}`;
  return unlessFailedBefore({ dir: join(ctx.dir, 'failed'), retry: ctx.retryFailed }, key, inputs, async () => {
    const work = `${dir}.installing-${process.pid}-${Date.now().toString(36)}`;
    await fsp.mkdir(work, { recursive: true });
    try {
      await fsp.writeFile(join(work, 'package.json'), manifest);
      if (lockName && lock !== undefined) await fsp.writeFile(join(work, lockName), lock);
      if (npmrc !== undefined) await fsp.writeFile(join(work, '.npmrc'), npmrc);
      // As `sam build` (NodejsNpmBuilder / NodejsNpmCIBuilder): ci with a lockfile, else install; no devDependencies.
      const args = lockName ? ['ci', '--omit=dev'] : ['install', '--omit=dev'];
      const command = `npm ${args.join(' ')}`;
      ctx.onProgress?.({ phase: 'dependencies', done: 0, total: 1, message: `${label}: ${command} (production dependencies, into the build folder)` });
      const r = await runNpm([...args, '--no-audit', '--no-fund', '--loglevel=error'], work, ctx.signal);
      if (r.spawnError) {
        throw new PackagingError('DEPENDENCIES_FAILED', r.spawnError.code === 'ENOENT'
          ? `Cannot install the production dependencies of ${label}: npm was not found on PATH. Install Node.js with npm, or run \`npm install --omit=dev\` in "${root}".`
          : `Cannot run npm for ${label}: ${r.spawnError.message}`, { cause: r.spawnError, file: join(root, 'package.json') });
      }
      if (r.code !== 0) {
        const offline = /E(CONNREFUSED|NOTFOUND|AI_AGAIN|TIMEDOUT|CONNRESET|NETUNREACH)|network|socket hang up/i.test(r.output);
        const hint = offline
          ? 'The npm registry cannot be reached; check the network (or the registry in .npmrc), or run `npm install` in the function folder yourself.'
          : 'Fix package.json (or the lockfile), or run the same command in the function folder to see the whole log.';
        throw new PackagingError('DEPENDENCIES_FAILED', `\`${command}\` failed for ${label} (exit ${r.code}). ${hint} npm said:\n${npmMessage(r.output)}`, { file: join(root, 'package.json') });
      }
      await fsp.writeFile(join(work, COMPLETE), new Date().toISOString());
      await fsp.rename(work, dir).catch((e: unknown) => {
        if (!existsSync(join(dir, COMPLETE))) throw e; // else another engine installed the same inputs first
      });
      ctx.onProgress?.({ phase: 'dependencies', done: 1, total: 1, message: `${label}: production dependencies installed` });
      return dir;
    } finally {
      await fsp.rm(work, { recursive: true, force: true });
    }
  });
}
