// cli: turns the common command-line options into LambdaService options.
import { diskParseCache } from '../core/template/parseCache';
import { WorkbenchError } from '../core/common/errors';
import type { LambdaServiceOptions } from '../core/service';
import { parseInstallMode } from './runtimeInstall';
import { parseParameterOverrides } from '../core/template/parameterOverrides';
import type { AwsChoice } from './awsProfile';

export interface CommonOptions {
  template?: string;
  /** SAM's other name of --template. */
  templateFile?: string;
  parameterOverrides?: string[];
  envVars?: string;
  stateDir?: string;
  region?: string;
  profile?: string;
  /** commander's --no-aws-credentials: false when given. */
  awsCredentials?: boolean;
  logFile?: string;
  configFile?: string;
  configEnv?: string;
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

/** What the CLI's session adds to a LambdaService's options: the AWS profile, the log file (session.ts). */
export interface CliServiceOptions extends LambdaServiceOptions {
  aws?: AwsChoice;
  logFile?: string;
}

export function serviceOptions(o: CommonOptions): CliServiceOptions {
  const cwd = process.cwd();
  return {
    cwd,
    templatePath: o.template ?? o.templateFile,
    parameterOverrides: parseParameterOverrides(o.parameterOverrides ?? [], cwd),
    envVarsFile: o.envVars,
    stateDir: o.stateDir,
    // The profile's region, when it comes to that, is read by the session (awsProfile.ts).
    region: o.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION,
    aws: { region: o.region, profile: o.profile, awsCredentials: o.awsCredentials },
    logFile: o.logFile,
    // As SAM CLI: a shell variable named like one the template declares replaces its value.
    shellEnv: process.env,
    // A one-shot command reads the template it parsed last time from the cache (template/parseCache.ts).
    templateParseCache: diskParseCache,
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
