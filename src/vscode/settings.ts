// vscode layer: typed access to the `lambdaWorkbench.*` settings (contributes.configuration).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SETTINGS } from './ids';

export type LogFormat = 'text' | 'json';

export interface WorkbenchSettings {
  /** Globs (relative to each workspace folder) that find SAM / CloudFormation templates. */
  templateGlobs: string[];
  /** Interpreter per runtime id or family, passed to LambdaService `interpreters`. */
  interpreters: Record<string, string>;
  /** Name of the saved event (or `sample:<id>`) that plain Invoke sends; `{}` when empty. */
  defaultEvent: string;
  logFormat: LogFormat;
  /** Whether a missing Node.js major is installed from the npm registry (issue 11). */
  runtimesInstall: 'ask' | 'auto' | 'never';
  /** Freeze environments between invocations, as Lambda does (LambdaServiceOptions.freeze). */
  freeze: boolean;
  /** The engine's timers (async retries, event age, visibility timeouts, schedules) run this many times faster; function timeouts stay real. */
  timeScale: number;
  /** Template parameter values (SAM's --parameter-overrides), by parameter name. */
  parameterOverrides: Record<string, string>;
  /** SAM's env-vars JSON file, as written in the setting (relative to the workspace folder); '' for none. */
  envVarsFile: string;
  /** The region functions see (AWS_REGION, ARNs); '' for the engine's default. */
  region: string;
  /**
   * The AWS profile for region and credentials, as the CLI's --profile; '' for none (the host's variables).
   * Not a restricted setting: a name only picks one of the user's own profiles, runs nothing and names no file,
   * and functions (which would get its credentials) do not run until the workspace is trusted.
   */
  profile: string;
  /** A Lambda API endpoint Sync Code to AWS goes to instead of AWS (e.g. another `lambda-workbench start`); '' for AWS. */
  deployEndpointUrl?: string;
  /** Whether Invoke / Debug / Send Request lenses show above handlers. */
  codeLensEnabled: boolean;
  /** Absolute state directory for a workspace folder, or undefined for the engine's default. */
  stateDir(folder: vscode.WorkspaceFolder): string | undefined;
}

export function readSettings(scope?: vscode.ConfigurationScope): WorkbenchSettings {
  const c = vscode.workspace.getConfiguration(SETTINGS.section, scope);
  const stateDirectory = c.get<string>(SETTINGS.stateDirectory, '').trim();
  return {
    templateGlobs: c.get<string[]>(SETTINGS.templateGlobs, ['**/template.{yaml,yml,json}']),
    interpreters: { ...c.get<Record<string, string>>(SETTINGS.interpreters, {}) },
    defaultEvent: c.get<string>(SETTINGS.defaultEvent, ''),
    logFormat: c.get<LogFormat>(SETTINGS.logFormat, 'text'),
    runtimesInstall: c.get<'ask' | 'auto' | 'never'>(SETTINGS.runtimesInstall, 'ask'),
    freeze: c.get<boolean>(SETTINGS.freeze, true),
    timeScale: positive(c.get<number>(SETTINGS.timeScale, 1)),
    parameterOverrides: stringValues(c.get<unknown>(SETTINGS.parameterOverrides, {})),
    envVarsFile: c.get<string>(SETTINGS.envVarsFile, '').trim(),
    region: c.get<string>(SETTINGS.region, '').trim(),
    profile: c.get<string>(SETTINGS.profile, '').trim(),
    deployEndpointUrl: c.get<string>(SETTINGS.deployEndpointUrl, '').trim(),
    codeLensEnabled: c.get<boolean>(SETTINGS.codeLensEnabled, true) !== false,
    stateDir: (folder) => (stateDirectory ? path.resolve(folder.uri.fsPath, stateDirectory) : undefined),
  };
}

/** A usable time scale: a positive finite number, else 1. */
function positive(n: unknown): number {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 1;
}

/** An object's entries as strings (numbers and booleans as CloudFormation would read them); anything else is {}. */
export function stringValues(v: unknown): Record<string, string> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') out[k] = String(x);
  return out;
}

/** True when a configuration change touches any of our settings. */
export function affectsWorkbench(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(SETTINGS.section);
}
