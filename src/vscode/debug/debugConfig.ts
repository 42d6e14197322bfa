// vscode layer, vscode-free: the `lambda` launch configuration (launch.json attributes), its validation,
// and turning its `event` (a file or inline JSON) into the payload the invocation sends.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';

/** The debug type contributed in package.json (`contributes.debuggers`). */
export const DEBUG_TYPE = 'lambda';

/** Seconds the adapter waits for the environment to open its debug port before giving up. */
export const DEFAULT_ATTACH_TIMEOUT_S = 15;

/** A `lambda` launch configuration as launch.json (or the Debug command) writes it. */
export interface LambdaLaunchConfig {
  type: typeof DEBUG_TYPE;
  request: 'launch';
  name: string;
  /** Logical id of the function in the template. */
  function: string;
  /** Absolute path of the SAM / CloudFormation template (relative ones are resolved against the folder). */
  template: string;
  /** A JSON file (absolute or relative to the workspace folder) or the event itself, inline. */
  event?: string | Record<string, unknown> | unknown[];
  /** Environment variable overrides for this invocation. */
  env?: Record<string, string>;
  /** Stop at the handler's first statement ("break on handler entry"). */
  stopOnEntry?: boolean;
  /** Stop at the module's first line, to step through init (top-level) code. */
  debugInitCode?: boolean;
  /** Fixed debug port (default: a free one). */
  port?: number;
  /** Seconds to wait for the environment to open its debug port. */
  attachTimeout?: number;
  /** Python: the folder that contains the `debugpy` package (default: found automatically). */
  debugpyPath?: string;
  /** A published version or an alias to debug (its snapshot runs); default `$LATEST`. */
  qualifier?: string;
  /** Template parameter values for this session (merged over the lambdaWorkbench.parameterOverrides setting). */
  parameterOverrides?: Record<string, string | number | boolean>;
  /** SAM's env-vars JSON file for this session (relative to the workspace folder); replaces the setting. */
  envVarsFile?: string;
  /** The region the function runs in for this session; replaces the setting. */
  region?: string;
  /** The AWS profile (credentials; region when none is set) for this session; replaces the lambdaWorkbench.profile setting. */
  profile?: string;
  /** Internal: a raw payload string the Debug command passes through (not for launch.json). */
  __payload?: string;
}

/** Checks the shape of a resolved configuration; returns a message naming what to fix, or undefined. */
export function invalidReason(c: Partial<LambdaLaunchConfig>): string | undefined {
  if (c.request !== 'launch') return `"request" must be "launch" (got ${JSON.stringify(c.request)}).`;
  if (!c.function || typeof c.function !== 'string') return '"function" is missing: set it to the logical id of a function in the template.';
  if (!c.template || typeof c.template !== 'string') return '"template" is missing: set it to the path of the SAM template that defines the function.';
  if (c.env !== undefined && (typeof c.env !== 'object' || Array.isArray(c.env) || Object.values(c.env).some((v) => typeof v !== 'string'))) {
    return '"env" must be an object of string values, e.g. {"TABLE_NAME": "orders"}.';
  }
  const po = c.parameterOverrides;
  if (po !== undefined && (typeof po !== 'object' || po === null || Array.isArray(po) || Object.values(po).some((v) => !['string', 'number', 'boolean'].includes(typeof v)))) {
    return '"parameterOverrides" must be an object of parameter values, e.g. {"Stage": "dev"}.';
  }
  if (c.envVarsFile !== undefined && typeof c.envVarsFile !== 'string') return '"envVarsFile" must be the path of a JSON file, e.g. "env.json".';
  if (c.region !== undefined && (typeof c.region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(c.region))) return `"region" must be a region name such as "eu-west-1" (got ${JSON.stringify(c.region)}).`;
  if (c.profile !== undefined && (typeof c.profile !== 'string' || !c.profile.trim())) return `"profile" must be the name of an AWS profile in ~/.aws/config or ~/.aws/credentials (got ${JSON.stringify(c.profile)}).`;
  if (c.port !== undefined && (!Number.isInteger(c.port) || c.port < 1 || c.port > 65535)) return `"port" must be a TCP port number (got ${JSON.stringify(c.port)}).`;
  return undefined;
}

/** The engine attributes of a launch configuration (the engine a session runs on is made with them). */
export function launchVariant(c: LambdaLaunchConfig): { parameterOverrides?: Record<string, string>; envVarsFile?: string; region?: string; profile?: string } {
  const po = c.parameterOverrides ? Object.fromEntries(Object.entries(c.parameterOverrides).map(([k, v]) => [k, String(v)])) : undefined;
  return { ...(po ? { parameterOverrides: po } : {}), ...(c.envVarsFile ? { envVarsFile: c.envVarsFile } : {}), ...(c.region ? { region: c.region } : {}), ...(c.profile ? { profile: c.profile } : {}) };
}

/** Resolves a possibly relative path against the workspace folder (or the template's folder). */
export function resolvePath(p: string, base: string): string {
  return path.isAbsolute(p) ? p : path.resolve(base, p);
}

/** The payload the invocation sends, and where it came from (for the Debug Console). */
export async function eventPayload(c: LambdaLaunchConfig, base: string): Promise<{ payload: string; source: string }> {
  if (c.__payload !== undefined) return { payload: c.__payload, source: 'the default event' };
  if (c.event === undefined || c.event === null) return { payload: '{}', source: 'empty event {}' };
  if (typeof c.event !== 'string') return { payload: JSON.stringify(c.event), source: 'inline event' };
  const file = resolvePath(c.event, base);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new Error(`Cannot read the event file "${file}": ${(e as Error).message}. Fix "event" in the launch configuration.`);
  }
  try {
    JSON.parse(text);
  } catch (e) {
    throw new Error(`The event file "${file}" is not valid JSON: ${(e as Error).message}.`);
  }
  return { payload: text, source: file };
}
