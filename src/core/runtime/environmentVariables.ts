// core/runtime: the environment variables an execution environment's runtime sees, as Lambda sets them
// (lambda-semantics.md §2.5). The host's own environment is not inherited, apart from PATH and the
// AWS credentials the user already has, so functions run as isolated as they would in Lambda.
import type { FunctionConfig } from '../model/functionConfig';
import { runtimeFamily } from '../model/runtimes';
import { connectionOwnerKnown } from './runtimePeer';

export interface EnvironmentVariableInputs {
  fn: FunctionConfig;
  version: string;
  region: string;
  /** The Runtime API server's address: host:port followed by the current runtime's secret path. */
  runtimeApi: string;
  taskRoot: string;
  runtimeDir: string;
  optDir: string;
  tmpDir: string;
  logStreamName: string;
  executionEnv: string | undefined;
  initializationType?: 'on-demand' | 'provisioned-concurrency';
  hostEnv?: NodeJS.ProcessEnv;
  /**
   * The credentials the function gets (the front door resolved them: --profile, the shared files…); null for
   * the placeholders. Undefined: the host's AWS_ACCESS_KEY_ID/… variables, else the placeholders.
   */
  credentials?: AwsCredentials | null;
}

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Local stand-ins when the user has no credentials: functions that build AWS clients must not crash at init. */
const PLACEHOLDER_CREDENTIALS = { id: 'ASIAXXXXLOCALXXXXXXX', secret: 'local-workbench-secret-access-key', token: 'local-workbench-session-token' };

export function buildEnvironmentVariables(i: EnvironmentVariableInputs): Record<string, string> {
  const host = i.hostEnv ?? process.env;
  const fn = i.fn;
  const env: Record<string, string> = {
    // Not reserved: users may override these from their configuration.
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    PATH: [`${i.optDir}/bin`, host.PATH ?? '/usr/local/bin:/usr/bin:/bin'].join(':'),
    LD_LIBRARY_PATH: [i.runtimeDir, `${i.runtimeDir}/lib`, i.taskRoot, `${i.taskRoot}/lib`, `${i.optDir}/lib`]
      .concat(host.LD_LIBRARY_PATH ? [host.LD_LIBRARY_PATH] : [])
      .join(':'),
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
    AWS_XRAY_DAEMON_ADDRESS: '169.254.79.129:2000',
    _AWS_XRAY_DAEMON_ADDRESS: '169.254.79.129',
    _AWS_XRAY_DAEMON_PORT: '2000',
    // Each environment has its own /tmp (ARCHITECTURE.md: private TMPDIR).
    TMPDIR: i.tmpDir,
    TMP: i.tmpDir,
    TEMP: i.tmpDir,
    HOME: i.tmpDir,
    // As SAM CLI sets it: code checks it to switch to local endpoints. Not reserved, so a function may unset it.
    AWS_SAM_LOCAL: 'true',
  };
  if (fn.logging.logFormat === 'JSON') {
    env.AWS_LAMBDA_LOG_FORMAT = 'JSON';
    env.AWS_LAMBDA_LOG_LEVEL = fn.logging.applicationLogLevel ?? 'INFO';
  } else if (fn.logging.applicationLogLevel) {
    env.AWS_LAMBDA_LOG_LEVEL = fn.logging.applicationLogLevel;
  }
  Object.assign(env, fn.environment);
  const creds = credentialsFor(i.credentials, host);
  // Reserved: set by Lambda, never by the function's configuration (the loader rejects them there).
  const reserved: Record<string, string | undefined> = {
    _HANDLER: fn.handler ?? '',
    AWS_REGION: i.region,
    AWS_DEFAULT_REGION: i.region,
    AWS_EXECUTION_ENV: i.executionEnv,
    AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
    AWS_LAMBDA_FUNCTION_VERSION: i.version,
    AWS_LAMBDA_INITIALIZATION_TYPE: i.initializationType ?? 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: fn.logging.logGroup,
    AWS_LAMBDA_LOG_STREAM_NAME: i.logStreamName,
    AWS_ACCESS_KEY_ID: creds.accessKeyId,
    AWS_ACCESS_KEY: creds.accessKeyId,
    AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
    AWS_SESSION_TOKEN: creds.sessionToken,
    AWS_LAMBDA_RUNTIME_API: runtimeApiAddress(fn.runtime, i.runtimeApi),
    LAMBDA_TASK_ROOT: i.taskRoot,
    LAMBDA_RUNTIME_DIR: i.runtimeDir,
  };
  for (const [k, v] of Object.entries(reserved)) {
    if (v !== undefined) env[k] = v;
  }
  return env;
}

function credentialsFor(given: AwsCredentials | null | undefined, host: NodeJS.ProcessEnv): AwsCredentials {
  const placeholders = { accessKeyId: PLACEHOLDER_CREDENTIALS.id, secretAccessKey: PLACEHOLDER_CREDENTIALS.secret, sessionToken: PLACEHOLDER_CREDENTIALS.token };
  if (given === null) return placeholders;
  if (given) return given;
  if (!host.AWS_ACCESS_KEY_ID) return placeholders;
  return { accessKeyId: host.AWS_ACCESS_KEY_ID, secretAccessKey: host.AWS_SECRET_ACCESS_KEY ?? PLACEHOLDER_CREDENTIALS.secret, sessionToken: host.AWS_SESSION_TOKEN };
}

/**
 * Our own runtimes get the secret path after host:port. A custom runtime (provided.*) brings its own client,
 * and some accept nothing but host:port (aws-lambda-ric 4.x fails to start on anything else, though §1.1 only
 * says "host:port"): where the server can tell the runtime's own connections by their owner (Linux), those get
 * host:port alone; elsewhere the secret path, which clients that concatenate the URL send unawares.
 */
function runtimeApiAddress(runtime: string, address: string): string {
  if (runtimeFamily(runtime) !== 'provided' || !connectionOwnerKnown) return address;
  const slash = address.indexOf('/');
  return slash < 0 ? address : address.slice(0, slash);
}

/** Whether a launch's environment holds only the local placeholder credentials (no real secret to keep off disk). */
export function hasPlaceholderCredentials(env: Readonly<Record<string, string>>): boolean {
  return env.AWS_SECRET_ACCESS_KEY === PLACEHOLDER_CREDENTIALS.secret;
}
