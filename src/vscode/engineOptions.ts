// vscode layer: what an engine (LambdaService) is made from — the folder's settings, and for a debug session
// the `lambda` launch configuration's parameterOverrides / envVarsFile / region / profile on top — and a fingerprint
// of it, so WorkspaceServices knows when a settings change needs a new engine and when a launch
// configuration needs an engine of its own.
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { LambdaServiceOptions } from '../core/serviceOptions';
import type { WorkbenchSettings } from './settings';

/** What a launch configuration may set on top of the settings (all optional). */
export interface EngineVariant {
  parameterOverrides?: Record<string, string>;
  /** Relative to the workspace folder (or absolute). */
  envVarsFile?: string;
  region?: string;
  /** An AWS profile (region and credentials, as the CLI's --profile). */
  profile?: string;
}

/** The options of LambdaService that come from settings (and a variant). */
export type EngineSettings = Pick<LambdaServiceOptions, 'interpreters' | 'stateDir' | 'freeze' | 'timeScale' | 'parameterOverrides' | 'envVarsFile' | 'region'> & {
  runtimesInstall: WorkbenchSettings['runtimesInstall'];
  /** The AWS profile functions take credentials (and, without a region, the region) from. */
  profile?: string;
};

/**
 * The engine options for a folder: settings, then the variant over them (its parameter overrides are merged
 * key by key over the setting's; its env-vars file, region and profile replace the setting's). Paths come out absolute.
 */
export function engineSettings(s: WorkbenchSettings, cwd: string, stateDir: string | undefined, variant: EngineVariant = {}): EngineSettings {
  const envVarsFile = variant.envVarsFile?.trim() || s.envVarsFile;
  const region = variant.region?.trim() || s.region;
  const profile = variant.profile?.trim() || s.profile;
  const parameterOverrides = { ...s.parameterOverrides, ...variant.parameterOverrides };
  return {
    interpreters: s.interpreters,
    runtimesInstall: s.runtimesInstall,
    stateDir,
    freeze: s.freeze,
    timeScale: s.timeScale,
    ...(Object.keys(parameterOverrides).length ? { parameterOverrides } : {}),
    ...(envVarsFile ? { envVarsFile: path.resolve(cwd, envVarsFile) } : {}),
    ...(region ? { region } : {}),
    ...(profile ? { profile } : {}),
  };
}

/** A stable text of the options: equal options, equal fingerprint (key order does not matter). */
export function fingerprint(o: EngineSettings): string {
  return JSON.stringify(sortKeys(o));
}

/** A short name for a variant engine's own state folder. */
export function variantId(fp: string): string {
  return createHash('sha256').update(fp).digest('hex').slice(0, 12);
}

/** True when the variant sets anything at all. */
export function isEmptyVariant(v: EngineVariant): boolean {
  return !v.envVarsFile?.trim() && !v.region?.trim() && !v.profile?.trim() && !Object.keys(v.parameterOverrides ?? {}).length;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!v || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, sortKeys(x)]));
}
