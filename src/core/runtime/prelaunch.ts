// core/runtime: a one-shot CLI's head start (issue 10). The launch of a function's runtime process, recorded
// by the last run of the same command, is started again before the engine is even loaded, so node's own
// start overlaps the engine's. The process waits at a gate (fd LAMBDA_WORKBENCH_GATE_FD, read by our bootstrap
// before anything of the function loads) until the engine has prepared the invocation as always and found
// exactly the same launch: only then is the gate opened. On any difference it is killed unopened, having run
// none of the function's code, and the engine starts a process as it always does. Builtins only: the CLI's
// tiny entry (src/cli/entry.ts) imports this before the engine's bundle.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { newLogStreamName } from '../logs/logStreamName';
import { ownerOf } from '../store/processOwner';
import { reportsStatus, type ProcessLaunch } from './runtimeProcess';
import type { EnvironmentOptions } from './environmentTypes';
import { keepNewest } from '../common/keepNewest';
import { kernelRandomBytes } from '../common/kernelRandom';

/** The variable our bootstrap reads the gate's fd number from (and deletes before user code). */
export const GATE_FD_ENV = 'LAMBDA_WORKBENCH_GATE_FD';
const RECORD_VERSION = 1;

/** What an environment launched, as the next run needs it to start the same process (written by the engine). */
export interface LaunchRecord {
  functionName: string;
  version: string;
  taskRoot: string;
  /** What the environment's owner record names as in use (envFolders.ts). */
  uses: string[];
  /** The environment's folder and what it holds before the spawn (relative folders, made by the head start). */
  envDir: string;
  envId: string;
  dirs: string[];
  /** stdio fd 3 carries the namespace init's status report (RuntimeProcess). */
  statusFd: boolean;
  launch: ProcessLaunch;
  /** Per-run values inside `launch`, replaced by fresh ones in the next run. */
  runtimeApi: string;
  localSocket?: string;
  lambdaApiUrl?: string;
  logStreamName: string;
}

/** What an environment's first launch leaves for the next run's head start. */
export function launchRecordOf(
  o: Pick<EnvironmentOptions, 'fn' | 'version' | 'taskRoot' | 'optDir' | 'envDir' | 'id'>,
  launch: ProcessLaunch,
  server: { address: string; localSocket?: string },
  logStreamName: string,
): LaunchRecord {
  return {
    functionName: o.fn.functionName,
    version: o.version,
    taskRoot: o.taskRoot,
    uses: [o.taskRoot, o.optDir],
    envDir: o.envDir,
    envId: o.id,
    dirs: launch.isolated ? ['tmp', 'ns'] : ['tmp'],
    statusFd: reportsStatus(launch),
    launch,
    runtimeApi: server.address,
    localSocket: server.localSocket,
    lambdaApiUrl: launch.env.AWS_ENDPOINT_URL_LAMBDA,
    logStreamName,
  };
}

interface StoredRecord extends LaunchRecord {
  v: number;
  /** Files whose identity (size, mtime) the record assumes: a change skips the head start. */
  checks: { path: string; size: number; mtimeMs: number }[];
}

/** Writes `record` for the next run of the same command (owner-only: the launch holds the function's variables). */
export function saveLaunchRecord(file: string, record: LaunchRecord, watched: readonly string[]): void {
  try {
    const checks = watched.map((path) => {
      const s = statSync(path);
      return { path, size: s.size, mtimeMs: s.mtimeMs };
    });
    const stored: StoredRecord = { v: RECORD_VERSION, ...record, checks };
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(stored), { mode: 0o600 });
    renameSync(tmp, file);
    keepNewest(dirname(file), KEEP_RECORDS, '.json');
  } catch {
    // Without a record the next run only starts as it always does.
  }
}

/** Records kept (one per command line run lately); the least recently written go first. */
const KEEP_RECORDS = 32;

/** A runtime process started ahead, waiting at its gate, with the listeners its launch names. */
export interface PrelaunchOffer {
  readonly functionName: string;
  readonly version: string;
  readonly taskRoot: string;
  readonly envId: string;
  readonly envDir: string;
  readonly logStreamName: string;
  /** The Runtime API's secret path segment and listeners (TCP on 127.0.0.1, the abstract socket), once. */
  takeRuntimeApi(): PrelaunchedRuntimeApi | undefined;
  /** The local Lambda API's listener (AWS_ENDPOINT_URL_LAMBDA), once, when the launch names one. */
  takeLambdaApi(): Server | undefined;
  /** The process when `launch` is exactly its launch and it still runs; otherwise it is killed (undefined). */
  claim(launch: ProcessLaunch, statusFd: boolean): ChildProcess | undefined;
  /** Lets the claimed process go on: the bootstrap then loads the function. */
  open(): void;
  /**
   * Init Duration as Lambda counts it, with the runtime's own start in it (Lambda starts the runtime inside
   * Init): the time since the spawn, less the time the runtime waited at the gate for the engine.
   */
  initDurationMs(): number;
  /** Kills the process unless claimed (`reason`: why, for `outcome`); idempotent. */
  dispose(reason?: string): void;
  /** 'adopted', 'waiting', or why the head start was given up. */
  readonly outcome: string;
}

export interface PrelaunchedRuntimeApi {
  secret: string;
  tcp: Server;
  local?: { server: Server; name: string; takeEarly: () => Socket[] };
}

/**
 * Connections to the local socket made before it is taken (our bootstrap connects while it waits at the gate,
 * gate.ts) are held, unread, so the taker serves them as it serves later ones; a head start given up ends them.
 */
function holdEarly(server: Server): () => Socket[] {
  let held: Socket[] | undefined = [];
  const hold = (s: Socket): void => void held?.push(s);
  server.on('connection', hold);
  return () => {
    server.off('connection', hold);
    const early = held ?? [];
    held = undefined;
    return early;
  };
}

/** Starts the recorded launch of `file`, or resolves undefined (no record, a changed file, a failed listen). */
export async function startPrelaunch(file: string): Promise<PrelaunchOffer | undefined> {
  let r: StoredRecord;
  try {
    r = JSON.parse(readFileSync(file, 'utf8')) as StoredRecord;
  } catch {
    return undefined;
  }
  if (r.v !== RECORD_VERSION || !r.checks.every(unchanged)) return undefined;
  const servers: Server[] = [];
  try {
    // One read of the kernel's random source for the secret, the socket's name and the environment's id.
    const random = kernelRandomBytes(49);
    const secret = random.toString('base64url', 0, 24);
    const tcp = await listening(createServer({ noDelay: true }), servers, (s, done) => s.listen(0, '127.0.0.1', done));
    let local: PrelaunchedRuntimeApi['local'];
    if (r.localSocket !== undefined) {
      const name = `lambda-workbench-rapi-${process.pid}-${random.toString('base64url', 24, 33)}`;
      const server = await listening(createServer(), servers, (s, done) => s.listen(`\0${name}`, done));
      local = { server, name, takeEarly: holdEarly(server) };
    }
    const lambdaApi = r.lambdaApiUrl === undefined ? undefined : await listening(createServer(), servers, (s, done) => s.listen(0, '127.0.0.1', done));
    const envId = random.toString('hex', 33, 49);
    const envDir = join(dirname(r.envDir), envId);
    const logStreamName = newLogStreamName(r.version, Date.now());
    const pairs: [string | undefined, string | undefined][] = [
      [r.runtimeApi, `127.0.0.1:${port(tcp)}/${secret}`],
      [r.localSocket, local && `@${local.name}`],
      [r.lambdaApiUrl, lambdaApi && `http://127.0.0.1:${port(lambdaApi)}`],
      [r.logStreamName, logStreamName],
      [r.envDir, envDir],
    ];
    const fresh = pairs.filter((p): p is [string, string] => p[0] !== undefined && p[1] !== undefined);
    const renew = (s: string): string => fresh.reduce((acc, [from, to]) => acc.split(from).join(to), s);
    const launch: ProcessLaunch = {
      ...r.launch,
      command: renew(r.launch.command),
      args: r.launch.args.map(renew),
      cwd: renew(r.launch.cwd),
      env: Object.fromEntries(Object.entries(r.launch.env).map(([k, v]) => [k, renew(v)])),
    };
    // The folder as the engine claims it (envFolders.ts), with what the launch needs before it runs.
    mkdirSync(envDir, { recursive: true });
    for (const d of r.dirs) mkdirSync(join(envDir, d), { recursive: true });
    writeFileSync(join(envDir, 'owner.json'), JSON.stringify({ ...ownerOf(), uses: r.uses, createdAt: Date.now() }));
    // Unused, they keep nothing alive; whoever takes one refs it.
    for (const s of servers) s.unref();
    return new Prelaunched(r, launch, { envId, envDir, logStreamName, runtimeApi: { secret, tcp, local }, lambdaApi });
  } catch {
    for (const s of servers) s.close();
    return undefined;
  }
}

function unchanged(c: { path: string; size: number; mtimeMs: number }): boolean {
  try {
    const s = statSync(c.path);
    return s.size === c.size && s.mtimeMs === c.mtimeMs;
  } catch {
    return false;
  }
}

function listening(server: Server, all: Server[], listen: (s: Server, done: () => void) => void): Promise<Server> {
  all.push(server);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    listen(server, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

function port(s: Server): number {
  return (s.address() as { port: number }).port;
}

function sameLaunch(a: ProcessLaunch, b: ProcessLaunch): boolean {
  if (a.command !== b.command || a.cwd !== b.cwd || a.isolated !== b.isolated || a.logSync !== b.logSync) return false;
  if (a.args.length !== b.args.length || a.args.some((x, i) => x !== b.args[i])) return false;
  const ka = Object.keys(a.env);
  return ka.length === Object.keys(b.env).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b.env, k) && a.env[k] === b.env[k]);
}

class Prelaunched implements PrelaunchOffer {
  readonly functionName: string;
  readonly version: string;
  readonly taskRoot: string;
  readonly envId: string;
  readonly envDir: string;
  readonly logStreamName: string;
  private runtimeApi: PrelaunchedRuntimeApi | undefined;
  private lambdaApi: Server | undefined;
  private child: ChildProcess | undefined;
  private readonly statusFd: boolean;
  private claimed = false;
  /** performance.now() of the spawn, of the runtime's "here" at the gate, and of the gate's opening. */
  private spawnedAt = 0;
  private readyAt: number | undefined;
  private openedAt: number | undefined;
  outcome = 'waiting';

  constructor(
    r: StoredRecord,
    private readonly launch: ProcessLaunch,
    v: { envId: string; envDir: string; logStreamName: string; runtimeApi: PrelaunchedRuntimeApi; lambdaApi?: Server },
  ) {
    this.functionName = r.functionName;
    this.version = r.version;
    this.taskRoot = r.taskRoot;
    this.envId = v.envId;
    this.envDir = v.envDir;
    this.logStreamName = v.logStreamName;
    this.runtimeApi = v.runtimeApi;
    this.lambdaApi = v.lambdaApi;
    this.statusFd = r.statusFd;
    // The same spawn as RuntimeProcess's, plus the gate as the last stdio pipe.
    const stdio: ('ignore' | 'pipe')[] = ['ignore', 'pipe', 'pipe', ...(r.statusFd ? ['pipe' as const] : []), 'pipe'];
    const child = spawn(launch.command, launch.args, { cwd: launch.cwd, env: { ...launch.env, [GATE_FD_ENV]: String(stdio.length - 1) }, stdio, detached: true });
    child.on('error', () => undefined);
    refAll(child, false);
    this.child = child;
    this.spawnedAt = performance.now();
    (child.stdio[stdio.length - 1] as Readable | null)?.once('data', () => (this.readyAt ??= performance.now()));
    // Whatever happens to the CLI, an unclaimed head start does not outlive it (the gate's EOF ends it too).
    process.once('exit', () => this.dispose());
  }

  takeRuntimeApi(): PrelaunchedRuntimeApi | undefined {
    const api = this.runtimeApi;
    this.runtimeApi = undefined;
    api?.tcp.ref();
    api?.local?.server.ref();
    return api;
  }

  takeLambdaApi(): Server | undefined {
    const api = this.lambdaApi;
    this.lambdaApi = undefined;
    return api?.ref();
  }

  claim(launch: ProcessLaunch, statusFd: boolean): ChildProcess | undefined {
    const child = this.child;
    if (this.claimed || child === undefined) return undefined;
    const alive = child.pid !== undefined && child.exitCode === null && child.signalCode === null;
    if (!alive || statusFd !== this.statusFd || !sameLaunch(launch, this.launch)) {
      this.outcome = alive ? 'discarded: the launch differs' : 'discarded: the process ended';
      this.dispose();
      return undefined;
    }
    this.claimed = true;
    this.outcome = 'adopted';
    refAll(child, true);
    return child;
  }

  open(): void {
    const gate = this.child?.stdio[this.child.stdio.length - 1] as Writable | null | undefined;
    this.openedAt = performance.now();
    gate?.end('1');
  }

  initDurationMs(): number {
    const now = performance.now();
    // Not yet told the runtime reached the gate (its "here" not read yet): it cannot have waited long.
    const waited = this.readyAt === undefined || this.openedAt === undefined ? 0 : Math.max(0, this.openedAt - this.readyAt);
    return now - this.spawnedAt - waited;
  }

  dispose(reason = 'not needed'): void {
    const child = this.child;
    if (!child || this.claimed) return;
    this.child = undefined;
    if (this.outcome === 'waiting') this.outcome = `discarded: ${reason}`;
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
    for (const s of this.runtimeApi?.local?.takeEarly() ?? []) s.destroy();
    for (const s of [this.runtimeApi?.tcp, this.runtimeApi?.local?.server, this.lambdaApi]) s?.close();
    this.runtimeApi = this.lambdaApi = undefined;
  }
}

/** Unclaimed, the head start keeps the CLI's event loop alive no longer; claimed, it does, as any runtime process. */
function refAll(child: ChildProcess, on: boolean): void {
  if (on) child.ref();
  else child.unref();
  for (const s of child.stdio) {
    const h = s as unknown as { ref?: () => void; unref?: () => void } | null;
    if (on) h?.ref?.();
    else h?.unref?.();
  }
}
