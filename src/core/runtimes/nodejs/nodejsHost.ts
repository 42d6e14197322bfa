// core/runtimes/nodejs: host side of the Node.js runtimes: finds a local `node` for the runtime, checks
// its major version, and starts our bootstrap with the flags Lambda's managed runtime uses.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { WorkbenchError } from '../../common/errors';
import { findOnPath } from '../findExecutable';
import { fileFingerprint, machineFacts, realPathOf } from '../machineFacts';
import type { FunctionConfig } from '../../model/functionConfig';
import { warnOncePerSession } from '../sessionWarnings';
import { diagnoseNodeHandler } from './handlerDiagnosis';
import { installedNode, installNode, OLDEST_INSTALLABLE_MAJOR, type RuntimeInstallOptions } from './nodeInstaller';
import type { InterpreterPaths, LaunchContext, LaunchSpec, RuntimeHost } from '../runtimeHost';
import { codeNamesNodeSdk } from '../runtimeSdk';
import { handlerIsEsModule, RUNTIME_MODULE_PATHS_ENV } from './bootstrap/runtimeModulePaths';

/** Carries the runtime SDK's node_modules folder from the engine to the launch (never seen by the function). */
export const RUNTIME_SDK_ENV = 'LAMBDA_WORKBENCH_RUNTIME_SDK_NODE_PATH';

const versionCache = new Map<string, Promise<string | undefined>>();
let hostNode: string | undefined;

/**
 * The version of the node at `command`. The host's own executable answers from process.versions; another
 * node answers once per binary (the fact is kept on disk, keyed by its real path, size and times).
 */
function nodeVersion(command: string): Promise<string | undefined> {
  let p = versionCache.get(command);
  if (!p) {
    hostNode ??= realPathOf(process.execPath);
    p = realPathOf(command) === hostNode ? Promise.resolve(process.versions.node) : cachedNodeVersion(command);
    versionCache.set(command, p);
  }
  return p;
}

async function cachedNodeVersion(command: string): Promise<string | undefined> {
  const facts = machineFacts();
  const key = `node-version:${command}`;
  const fingerprint = fileFingerprint(command);
  const known = fingerprint === undefined ? undefined : facts.lookup<string>(key, fingerprint);
  if (known !== undefined) return known;
  const probed = await probeNode(command);
  // A dispatcher (volta, asdf…) picks its node per project: only a node that is its own executable is a fact.
  if (probed && fingerprint !== undefined && realPathOf(probed.execPath) === realPathOf(command)) facts.store(key, fingerprint, probed.version);
  return probed?.version;
}

function probeNode(command: string): Promise<{ version: string; execPath: string } | undefined> {
  return new Promise((resolve) => {
    const script = 'process.stdout.write(process.versions.node + "\\n" + process.execPath)';
    execFile(command, ['-e', script], { timeout: 10_000, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } }, (err, stdout) => {
      const [version, execPath] = stdout.split('\n');
      resolve(err || !version ? undefined : { version: version.trim(), execPath: execPath?.trim() ?? '' });
    });
  });
}

export class NodejsHost implements RuntimeHost {
  /** @param pathEnv the PATH to search for `node` (default: the host's); `install` what to do about a missing major. */
  constructor(
    private readonly paths: InterpreterPaths = {},
    private readonly pathEnv?: string,
    private readonly install: RuntimeInstallOptions = { mode: 'never' },
  ) {}

  executionEnv(runtime: string): string {
    return `AWS_Lambda_${runtime}`;
  }

  isOutOfMemoryExit(stderrTail: string): boolean {
    return /heap out of memory|Reached heap limit|Allocation failed/.test(stderrTail);
  }

  diagnoseHandler(fn: FunctionConfig, taskRoot: string, errorType: string): WorkbenchError | undefined {
    return diagnoseNodeHandler(fn, taskRoot, errorType);
  }

  async prepareLaunch(ctx: LaunchContext): Promise<LaunchSpec> {
    const runtime = ctx.fn.runtime;
    const wantMajor = /^nodejs(\d+)/.exec(runtime)?.[1] ?? '';
    const { command, extraEnv } = await this.locateNode(runtime, wantMajor, ctx);
    const version = await nodeVersion(command);
    if (version === undefined) {
      throw new WorkbenchError('RUNTIME_NOT_FOUND', `Could not run the Node.js interpreter "${command}" for ${runtime}. Set its path in the "lambdaWorkbench.runtimes.${runtime}" setting or --node-path.`);
    }
    const haveMajor = version.split('.')[0];
    // A deprecated runtime's own warning comes from the build (functionCode.ts), before the environment starts.
    if (wantMajor !== '' && haveMajor !== wantMajor) {
      const offer = Number(wantMajor) >= OLDEST_INSTALLABLE_MAJOR ? ` Install Node.js ${wantMajor}, set its path for ${runtime}, or let Lambda Workbench install it (--install-runtimes auto, or the "lambdaWorkbench.runtimes.install" setting).` : '';
      // Once per session: a cold start per invoke would repeat it (issue 11).
      warnOncePerSession(`node:${runtime}:${command}:${version}`, ctx.warn, `Function "${ctx.fn.logicalId}" uses ${runtime} but the local node is v${version}; running on it anyway.${offer}`);
    }
    const memory = ctx.fn.memorySize;
    // The managed bootstrap caps the V8 heap below the function's memory so that the heap limit is hit
    // before the sandbox kills the process; we use 90% of MemorySize [U: exact ratio].
    const args = [`--max-old-space-size=${Math.max(16, Math.floor(memory * 0.9))}`, '--enable-source-maps'];
    // The bootstrap itself waits for the debugger (before loading user code), so it never stops in our code.
    if (ctx.debug) args.push(`--inspect=127.0.0.1:${ctx.debug.port}`);
    args.push(join(ctx.runtimesDir, 'nodejs', 'bootstrap.js'));
    const env: Record<string, string> = { ...ctx.env, ...extraEnv };
    // The runtime's own AWS SDK (runtimeSdk.ts) arrives in this variable; it goes on NODE_PATH, not to the function.
    const sdk = env[RUNTIME_SDK_ENV];
    delete env[RUNTIME_SDK_ENV];
    if (ctx.debug?.waitForAttach) env.LAMBDA_WORKBENCH_DEBUG_WAIT = '1';
    const opt = ctx.optDir;
    const layerModules = [join(opt, 'nodejs', `node${wantMajor}`, 'node_modules'), join(opt, 'nodejs', 'node_modules')];
    // ES modules ignore NODE_PATH: the bootstrap's resolve hook (bootstrap/runtimeModulePaths.ts) gives them the same folders.
    const esmPaths = await esmModulePaths(version, layerModules, sdk, ctx);
    if (esmPaths) env[RUNTIME_MODULE_PATHS_ENV] = esmPaths;
    // §2.5/§7: NODE_PATH unless the user set it.
    if (!('NODE_PATH' in ctx.fn.environment)) {
      env.NODE_PATH = [
        ...layerModules,
        join(ctx.runtimesDir, 'nodejs', 'node_modules'),
        // Lambda's SDK lives in /var/runtime/node_modules: after the layers, before the task root.
        ...(sdk ? [sdk] : []),
        join(ctx.runtimesDir, 'nodejs'),
        ctx.taskRoot,
      ].join(':');
    }
    return { command, args, env, cwd: ctx.taskRoot, logSync: true };
  }

  private async locateNode(runtime: string, wantMajor: string, ctx: LaunchContext): Promise<{ command: string; extraEnv: Record<string, string> }> {
    const configured = this.paths[runtime] ?? this.paths.nodejs;
    if (configured) return { command: configured, extraEnv: {} };
    const onPath = await findOnPath('node', this.pathEnv);
    const haveMajor = onPath ? (await nodeVersion(onPath))?.split('.')[0] : process.versions.node.split('.')[0];
    if (wantMajor !== '' && haveMajor !== wantMajor && Number(wantMajor) >= OLDEST_INSTALLABLE_MAJOR) {
      const exact = await this.exactNode(runtime, wantMajor, ctx);
      if (exact) return { command: exact, extraEnv: {} };
    }
    if (onPath) return { command: onPath, extraEnv: {} };
    // No node at all: run on the host's own runtime (inside VS Code, Electron in Node mode).
    warnOncePerSession(`node-fallback:${runtime}`, ctx.warn, `No "node" found on PATH; running ${runtime} functions on the host's own runtime (${process.execPath}, Node ${process.versions.node}). Install Node.js or set its path for ${runtime}.`);
    return { command: process.execPath, extraEnv: { ELECTRON_RUN_AS_NODE: '1' } };
  }

  /** Node.js `major` from the cache, installed first when the install setting allows; undefined to run on another. */
  private async exactNode(runtime: string, major: string, ctx: LaunchContext): Promise<string | undefined> {
    const cached = installedNode(major);
    if (cached || this.install.mode === 'never') return cached;
    const key = `${this.install.mode}:${major}`;
    let p = installs.get(key);
    if (!p) {
      p = (async () => {
        if (this.install.mode === 'ask') {
          const yes = await this.install.confirm?.(`Functions using ${runtime} need Node.js ${major}, and the local node is another version. Install Node.js ${major} from the npm registry into Lambda Workbench's cache?`);
          if (!yes) return undefined;
        }
        try {
          return await installNode(major, this.install.progress ?? ctx.warn);
        } catch (e) {
          // Not fatal: the function still runs on the local node (the mismatch warning follows).
          ctx.warn((e as Error).message);
          return undefined;
        }
      })();
      // A "no" or a failed install holds for the session: it is not asked or retried at every cold start.
      installs.set(key, p);
    }
    return p;
  }
}

/**
 * The folders `import` falls back to, in Lambda's order (the layers, then the runtime's SDK), for the bootstrap's
 * resolve hook; layer folders that do not exist are dropped by the bootstrap (one stat each, at init). Node before
 * 20.6 has no module hooks: said once, and `import` then finds only what the function packages.
 */
async function esmModulePaths(version: string, layerModules: string[], sdk: string | undefined, ctx: LaunchContext): Promise<string | undefined> {
  const [major, minor] = version.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 6)) {
    if (sdk) warnOncePerSession(`node-esm-hooks:${version}`, ctx.warn, `Node.js v${version} has no module hooks (they need Node.js 20.6 or later), so ES modules (.mjs, "type": "module") of ${ctx.fn.runtime} functions cannot import the runtime's AWS SDK or packages from layers; require() still finds them. Use Node.js 20.6+ or package the SDK with the function.`);
    return undefined;
  }
  // Off-thread hooks (before Node 22.15 / 23.5) cost a loader thread at init: the installed SDK is named to
  // them only for an ES-module handler whose own code imports it (layers: only when the function has some).
  const inThread = major > 23 || (major === 23 && minor >= 5) || (major === 22 && minor >= 15);
  const sdkForImport = sdk && (inThread || (handlerIsEsModule(ctx.taskRoot, ctx.env._HANDLER ?? ctx.fn.handler ?? '') && (await codeNamesNodeSdk(ctx.taskRoot)))) ? [sdk] : [];
  return [...layerModules, ...sdkForImport].join('\n');
}

/** Installs under way or asked about in this process, per install mode and major. */
const installs = new Map<string, Promise<string | undefined>>();
