// core/runtimes: the AWS SDK a managed runtime brings. Lambda's nodejs18.x+ runtimes include the AWS SDK for
// JavaScript v3 in /var/runtime/node_modules, and its Python runtimes include boto3 (in /var/runtime), so
// functions use them without packaging them (§2.5 NODE_PATH, PYTHONPATH). Locally each is installed once into
// the user's cache (outside any project, never in the .vsix), on first need: the first cold start of a function
// whose code names it — for Python only when the interpreter has no boto3 of its own.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { WorkbenchError } from '../common/errors';
import { findOnPath } from './findExecutable';
import { userCacheDir } from './machineFacts';
import { codeNames, installAtomically, isComplete, run } from './sdkInstall';

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
  /** pip requirement for Python, default "boto3". */
  pythonPackages?: readonly string[];
  /** Where installs go, default <user cache>/runtime-sdk. */
  dir?: string;
}

/** The interpreter a Python environment runs on (pythonHost.ts). */
export interface PythonInterpreter {
  command: string;
  /** "3.12" */
  version: string;
}

const NODE_SOURCE = new Set(['.js', '.cjs', '.mjs', '.ts']);
const PYTHON_SOURCE = new Set(['.py']);

/** Task roots scanned for "@aws-sdk/", in this process (a package folder is immutable). */
const nodeScans = new Map<string, Promise<boolean>>();

/** True when the function's own code (not its node_modules) names an @aws-sdk package it does not ship. */
export function codeNamesNodeSdk(taskRoot: string): Promise<boolean> {
  let p = nodeScans.get(taskRoot);
  if (!p) nodeScans.set(taskRoot, (p = existsSync(join(taskRoot, 'node_modules', '@aws-sdk')) ? Promise.resolve(false) : codeNames(taskRoot, NODE_SOURCE, /@aws-sdk\//)));
  return p;
}

export class RuntimeSdk {
  /** Installs under way or done, by target folder: one per folder per process, and one warning if it fails. */
  private readonly installs = new Map<string, Promise<string | undefined>>();
  /** Task roots already scanned, per SDK (a package is immutable, keyed by its folder). */
  private readonly needs = new Map<string, Promise<boolean>>();
  /** Interpreters asked whether they have boto3, by command. */
  private readonly ownBoto3 = new Map<string, Promise<boolean>>();

  constructor(
    private readonly o: RuntimeSdkOptions,
    private readonly warn: (message: string) => void,
  ) {}

  private get root(): string {
    return this.o.dir ?? join(userCacheDir(), 'runtime-sdk');
  }

  /** The folder whose node_modules holds the Node.js SDK. */
  get nodeDir(): string {
    return join(this.root, `nodejs-${keyOf(this.o.nodeClients ?? DEFAULT_NODE_SDK_CLIENTS)}`);
  }

  /** The folder holding boto3 for Python `version` (packages with compiled parts differ by minor version). */
  pythonDir(version: string): string {
    return join(this.root, `python${version}-${keyOf(this.o.pythonPackages ?? ['boto3'])}`);
  }

  /**
   * The node_modules folder to put after the layers on NODE_PATH, or undefined when the function does not
   * need it or it cannot be had (then the user is told once what to install).
   */
  async nodeModulesFor(taskRoot: string): Promise<string | undefined> {
    if (this.o.mode === 'off') return undefined;
    const dir = this.nodeDir;
    if (isComplete(dir)) return join(dir, 'node_modules');
    if (!(await codeNamesNodeSdk(taskRoot))) return undefined;
    const installed = await this.installOnce(dir, () => this.installNode(dir));
    return installed && join(installed, 'node_modules');
  }

  /**
   * The folder to put after /opt/python on sys.path (Lambda: /var/task, /opt/python…, /var/runtime), or
   * undefined. Given only when the code names boto3 and the interpreter has none; the bootstrap adds it only
   * if boto3 is still not importable from the task root, the layers and the interpreter (handler.py).
   */
  async pythonPathFor(taskRoot: string, interpreter: PythonInterpreter): Promise<string | undefined> {
    if (this.o.mode === 'off') return undefined;
    const dir = this.pythonDir(interpreter.version);
    if (isComplete(dir)) return dir;
    const needs = this.need(`python:${taskRoot}`, async () => !existsSync(join(taskRoot, 'boto3')) && codeNames(taskRoot, PYTHON_SOURCE, /\b(boto3|botocore)\b/));
    if (!(await needs) || (await this.hasOwnBoto3(interpreter.command))) return undefined;
    return this.installOnce(dir, () => this.installPython(dir, interpreter));
  }

  private need(key: string, scan: () => Promise<boolean>): Promise<boolean> {
    let p = this.needs.get(key);
    if (!p) this.needs.set(key, (p = scan()));
    return p;
  }

  private installOnce(dir: string, install: () => Promise<string>): Promise<string | undefined> {
    let p = this.installs.get(dir);
    if (!p) {
      p = install().catch((e: unknown) => {
        this.warn((e as Error).message);
        return undefined;
      });
      this.installs.set(dir, p);
    }
    return p;
  }

  private hasOwnBoto3(command: string): Promise<boolean> {
    let p = this.ownBoto3.get(command);
    if (!p) {
      const probe = 'import importlib.util, sys; sys.exit(0 if importlib.util.find_spec("boto3") else 3)';
      p = new Promise((resolve) => execFile(command, ['-c', probe], { timeout: 10_000 }, (err) => resolve(!err)));
      this.ownBoto3.set(command, p);
    }
    return p;
  }

  private async installNode(dir: string): Promise<string> {
    const clients = [...(this.o.nodeClients ?? DEFAULT_NODE_SDK_CLIENTS)];
    const how = `npm install --prefix "${dir}" ${clients.join(' ')}`;
    const npm = await findOnPath(process.platform === 'win32' ? 'npm.cmd' : 'npm');
    if (!npm) throw sdkError('the AWS SDK for JavaScript v3 that Lambda\'s Node.js runtimes include', 'npm is not on PATH', how, '"@aws-sdk/…"');
    this.warn(`Installing the AWS SDK for JavaScript v3 that Lambda's Node.js runtimes include (${clients.length} clients) once into ${dir}; functions find it as they would in Lambda.`);
    try {
      return await installAtomically(dir, async (tmp) => {
        await fsp.writeFile(join(tmp, 'package.json'), JSON.stringify({ name: 'lambda-workbench-runtime-sdk', private: true }));
        await run(npm, ['install', '--no-audit', '--no-fund', '--no-package-lock', '--omit=dev', '--prefix', tmp, ...clients], 10 * 60_000);
      });
    } catch (e) {
      throw sdkError('the AWS SDK for JavaScript v3 that Lambda\'s Node.js runtimes include', (e as Error).message, how, '"@aws-sdk/…"');
    }
  }

  private async installPython(dir: string, interpreter: PythonInterpreter): Promise<string> {
    const packages = [...(this.o.pythonPackages ?? ['boto3'])];
    const how = `${interpreter.command} -m pip install --target "${dir}" ${packages.join(' ')}`;
    this.warn(`Installing boto3, which Lambda's Python runtimes include, once for Python ${interpreter.version} into ${dir} (${interpreter.command} has none); functions find it as they would in Lambda.`);
    try {
      return await installAtomically(dir, (tmp) => run(interpreter.command, ['-m', 'pip', 'install', '--no-input', '--disable-pip-version-check', '--target', tmp, ...packages], 10 * 60_000));
    } catch (e) {
      throw sdkError('boto3, which Lambda\'s Python runtimes include', (e as Error).message, how, '"boto3"');
    }
  }
}

function keyOf(names: readonly string[]): string {
  return createHash('sha256').update([...names].sort().join('\n')).digest('hex').slice(0, 12);
}

function sdkError(what: string, reason: string, how: string, imports: string): WorkbenchError {
  return new WorkbenchError(
    'RUNTIME_SDK_UNAVAILABLE',
    `Could not install ${what} (${reason}). Functions that import ${imports} without packaging it fail with a missing-module error. Once online, run: ${how} — or add it to the function's own dependencies.`,
  );
}
