// cli: turns the common command-line options into LambdaService options.
import { WorkbenchError } from '../core/common/errors';
import type { LambdaServiceOptions } from '../core/service';
import { parseInstallMode } from './runtimeInstall';

export interface CommonOptions {
  template?: string;
  parameterOverrides: string[];
  envVars?: string;
  stateDir?: string;
  region: string;
  nodePath?: string;
  pythonPath?: string;
  installRuntimes?: string;
  accountConcurrency?: string;
  maxLocalEnvironments?: string;
  /** commander's `--no-freeze`: false when given. */
  freeze?: boolean;
  timeScale?: string;
}

function positive(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) throw new WorkbenchError('INVALID_PARAMETER', `${flag} must be a whole number of at least 1, got "${value}".`);
  return n;
}

/** `--time-scale N`: the engine's timers (async retries, event age) run N times faster; function timeouts stay real. */
function timeScale(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n)) throw new WorkbenchError('INVALID_PARAMETER', `--time-scale must be a positive number (e.g. 60: a minute of retry delay passes in a second), got "${value}".`);
  return n;
}

/** Accepts `K=V` and SAM's `ParameterKey=K,ParameterValue=V` forms. */
export function parseParameterOverrides(items: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const sam = /^ParameterKey=([^,]+),ParameterValue=(.*)$/.exec(item);
    if (sam) {
      out[sam[1]] = sam[2];
      continue;
    }
    const eq = item.indexOf('=');
    if (eq <= 0) {
      throw new WorkbenchError('INVALID_PARAMETER', `Bad --parameter-overrides entry "${item}". Use Name=Value (or ParameterKey=Name,ParameterValue=Value).`);
    }
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

export function serviceOptions(o: CommonOptions): LambdaServiceOptions {
  return {
    cwd: process.cwd(),
    templatePath: o.template,
    parameterOverrides: parseParameterOverrides(o.parameterOverrides),
    envVarsFile: o.envVars,
    stateDir: o.stateDir,
    region: o.region,
    origin: 'cli',
    accountConcurrencyLimit: positive('--account-concurrency', o.accountConcurrency),
    maxLocalEnvironments: positive('--max-local-environments', o.maxLocalEnvironments),
    freeze: o.freeze,
    timeScale: timeScale(o.timeScale),
    interpreters: {
      ...(o.nodePath ? { nodejs: o.nodePath } : {}),
      ...(o.pythonPath ? { python: o.pythonPath } : {}),
    },
    // The CLI's session adds the terminal prompt and progress lines (session.ts).
    installRuntimes: { mode: parseInstallMode(o.installRuntimes) },
  };
}
