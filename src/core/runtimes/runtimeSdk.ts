// core/runtimes: the AWS SDK a managed runtime brings. Lambda's nodejs18.x+ runtimes include the AWS SDK for
// JavaScript v3 in /var/runtime/node_modules, so functions require it without packaging it (§2.5 NODE_PATH).
// Locally a chosen set of v3 clients is installed once with npm into the user's cache (outside any project,
// never in the .vsix), on first need: the first cold start of a function whose code names "@aws-sdk/".
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, promises as fsp } from 'node:fs';
import { extname, join } from 'node:path';
import { WorkbenchError } from '../common/errors';
import { findOnPath } from './findExecutable';
import { userCacheDir } from './machineFacts';

/** The clients installed by default: those Lambda functions use most. */
export const DEFAULT_NODE_SDK_CLIENTS: readonly string[] = [
  '@aws-sdk/client-lambda',
  '@aws-sdk/client-s3',
  '@aws-sdk/client-dynamodb',
  '@aws-sdk/lib-dynamodb',
  '@aws-sdk/client-sqs',
  '@aws-sdk/client-sns',
  '@aws-sdk/client-eventbridge',
  '@aws-sdk/client-secrets-manager',
  '@aws-sdk/client-ssm',
  '@aws-sdk/client-sts',
];

export interface RuntimeSdkOptions {
  /** 'auto' (default) installs on first need; 'off' never provides the SDK (functions must package it). */
  mode?: 'auto' | 'off';
  /** npm package specs to install, default DEFAULT_NODE_SDK_CLIENTS. */
  nodeClients?: readonly string[];
  /** Where installs go, default <user cache>/runtime-sdk. */
  dir?: string;
}

const SCAN_MAX_FILES = 2000;
const SCAN_MAX_BYTES = 4 * 1024 * 1024;
const SOURCE = new Set(['.js', '.cjs', '.mjs', '.ts']);

export class RuntimeSdk {
  private installing: Promise<string | undefined> | undefined;
  /** Task roots already scanned (a package is immutable, keyed by its folder). */
  private readonly needs = new Map<string, Promise<boolean>>();

  constructor(
    private readonly o: RuntimeSdkOptions,
    private readonly warn: (message: string) => void,
  ) {}

  /** The folder whose node_modules holds the Node.js SDK. */
  get nodeDir(): string {
    const clients = [...(this.o.nodeClients ?? DEFAULT_NODE_SDK_CLIENTS)].sort();
    const key = createHash('sha256').update(clients.join('\n')).digest('hex').slice(0, 12);
    return join(this.o.dir ?? join(userCacheDir(), 'runtime-sdk'), `nodejs-${key}`);
  }

  /**
   * The node_modules folder to put after the layers on NODE_PATH, or undefined when the function does not
   * need it or it cannot be had (then the user is told once what to install).
   */
  async nodeModulesFor(taskRoot: string): Promise<string | undefined> {
    if (this.o.mode === 'off') return undefined;
    const modules = join(this.nodeDir, 'node_modules');
    if (existsSync(join(this.nodeDir, '.complete'))) return modules;
    let need = this.needs.get(taskRoot);
    if (!need) this.needs.set(taskRoot, (need = namesAwsSdk(taskRoot)));
    if (!(await need)) return undefined;
    this.installing ??= this.install().catch((e: unknown) => {
      this.warn((e as Error).message);
      return undefined;
    });
    return this.installing;
  }

  private async install(): Promise<string> {
    const dir = this.nodeDir;
    const clients = [...(this.o.nodeClients ?? DEFAULT_NODE_SDK_CLIENTS)];
    const how = `npm install --prefix "${dir}" ${clients.join(' ')}`;
    const npm = await findOnPath(process.platform === 'win32' ? 'npm.cmd' : 'npm');
    if (!npm) throw sdkError(`npm is not on PATH`, how);
    this.warn(`Installing the AWS SDK for JavaScript v3 that Lambda's Node.js runtimes include (${clients.length} clients) once into ${dir}; functions find it as they would in Lambda.`);
    // Installed beside its final place and renamed into it: a concurrent engine never sees half an install.
    const tmp = `${dir}.${process.pid}.tmp`;
    await fsp.rm(tmp, { recursive: true, force: true });
    await fsp.mkdir(tmp, { recursive: true });
    await fsp.writeFile(join(tmp, 'package.json'), JSON.stringify({ name: 'lambda-workbench-runtime-sdk', private: true }));
    try {
      await new Promise<void>((resolve, reject) =>
        execFile(npm, ['install', '--no-audit', '--no-fund', '--no-package-lock', '--omit=dev', '--prefix', tmp, ...clients], { timeout: 10 * 60_000, maxBuffer: 16 * 1024 * 1024 }, (err, _out, stderr) =>
          err ? reject(sdkError(lastLines(stderr) || err.message, how)) : resolve(),
        ),
      );
      await fsp.writeFile(join(tmp, '.complete'), new Date().toISOString());
      await fsp.rm(dir, { recursive: true, force: true });
      await fsp.rename(tmp, dir);
    } catch (e) {
      await fsp.rm(tmp, { recursive: true, force: true });
      if (existsSync(join(dir, '.complete'))) return join(dir, 'node_modules'); // another engine won the race
      throw e;
    }
    return join(dir, 'node_modules');
  }
}

function sdkError(reason: string, how: string): WorkbenchError {
  return new WorkbenchError(
    'RUNTIME_SDK_UNAVAILABLE',
    `Could not install the AWS SDK for JavaScript v3 that Lambda's Node.js runtimes include (${reason}). Functions that require "@aws-sdk/…" without packaging it fail with "Cannot find module". Once online, run: ${how} — or add the SDK to the function's own dependencies.`,
  );
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' ').slice(0, 400);
}

/** True when the function's own code (not its node_modules) names an @aws-sdk package it does not ship. */
async function namesAwsSdk(taskRoot: string): Promise<boolean> {
  if (existsSync(join(taskRoot, 'node_modules', '@aws-sdk'))) return false;
  let files = 0;
  let bytes = 0;
  const stack = [taskRoot];
  while (stack.length) {
    const dir = stack.pop()!;
    const entries = await fsp.readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && !e.name.startsWith('.')) stack.push(join(dir, e.name));
        continue;
      }
      if (!e.isFile() || !SOURCE.has(extname(e.name))) continue;
      if (++files > SCAN_MAX_FILES || bytes > SCAN_MAX_BYTES) return false;
      const text = await fsp.readFile(join(dir, e.name), 'utf8').catch(() => '');
      bytes += text.length;
      if (text.includes('@aws-sdk/')) return true;
    }
  }
  return false;
}
