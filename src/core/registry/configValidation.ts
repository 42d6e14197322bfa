// core/registry: validation of function configuration sent through the Lambda API against Lambda's limits
// (lambda-semantics.md §2.3, §2.5, §7; ranges from the service model). Every violation is INVALID_PARAMETER
// (InvalidParameterValueException on the wire) with a message naming the field, the value and the range.
import { WorkbenchError } from '../common/errors';
import { SUPPORTED_RUNTIMES, runtimeFamily } from '../model/runtimes';

/** Reserved environment variable names (§2.5): Lambda sets them, a configuration may not. */
const RESERVED_ENV = new Set([
  '_HANDLER', '_X_AMZN_TRACE_ID', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_EXECUTION_ENV', 'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_FUNCTION_VERSION', 'AWS_LAMBDA_INITIALIZATION_TYPE', 'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME', 'AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR',
]);

function bad(message: string): WorkbenchError {
  return new WorkbenchError('INVALID_PARAMETER', message);
}

export function checkFunctionName(name: unknown): string {
  if (typeof name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(name)) {
    throw bad(`FunctionName must be 1 to 64 letters, digits, hyphens or underscores, got ${JSON.stringify(name)}.`);
  }
  return name;
}

export function checkIntRange(field: string, value: unknown, min: number, max: number, unit: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw bad(`${field} must be a whole number from ${min} to ${max}${unit}, got ${JSON.stringify(value)}.`);
  }
  return value;
}

export function checkMemorySize(value: unknown): number | undefined {
  return checkIntRange('MemorySize', value, 128, 10240, ' (MB)');
}

export function checkTimeout(value: unknown): number | undefined {
  return checkIntRange('Timeout', value, 1, 900, ' (seconds)');
}

export function checkEphemeralStorage(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  return checkIntRange('EphemeralStorage.Size', (value as { Size?: unknown }).Size, 512, 10240, ' (MB)');
}

export function checkRuntime(value: unknown): string {
  if (typeof value !== 'string' || !runtimeFamily(value)) {
    throw bad(`The runtime parameter of ${JSON.stringify(value)} is not supported. Supported runtimes: ${Object.keys(SUPPORTED_RUNTIMES).join(', ')}.`);
  }
  return value;
}

export function checkHandler(runtime: string, value: unknown): string | undefined {
  if (value === undefined || value === null) {
    if (runtimeFamily(runtime) === 'provided') return undefined;
    throw bad(`Handler is required for runtime ${runtime}, e.g. "index.handler".`);
  }
  if (typeof value !== 'string' || value.length > 128 || !/^[^\s]+$/.test(value)) throw bad(`Handler must be a string of up to 128 characters without spaces, got ${JSON.stringify(value)}.`);
  return value;
}

export function checkEnvironment(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  const vars = (value as { Variables?: unknown }).Variables ?? {};
  if (typeof vars !== 'object' || Array.isArray(vars)) throw bad('Environment.Variables must be an object of string values.');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(vars as Record<string, unknown>)) {
    if (!/^[a-zA-Z]([a-zA-Z0-9_])+$/.test(k)) throw bad(`Environment variable name "${k}" is invalid: it must start with a letter and have at least 2 letters, digits or underscores.`);
    if (RESERVED_ENV.has(k)) throw bad(`Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${k}`);
    if (typeof v !== 'string') throw bad(`Environment variable "${k}" must be a string, got ${JSON.stringify(v)}.`);
    out[k] = v;
  }
  const size = Object.entries(out).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
  if (size > 4096) throw bad(`Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${size} bytes.`);
  return out;
}

export function checkLayers(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw bad('Layers must be a list of layer version ARNs.');
  if (value.length > 5) throw bad(`A function can use at most 5 layers, got ${value.length}.`);
  for (const arn of value) {
    if (typeof arn !== 'string' || !/^arn:aws[\w-]*:lambda:[\w-]+:\d{12}:layer:[a-zA-Z0-9_-]+:\d+$/.test(arn)) {
      throw bad(`Layer ${JSON.stringify(arn)} is not a layer version ARN (arn:aws:lambda:<region>:<account>:layer:<name>:<version>).`);
    }
  }
  return value as string[];
}

export function checkArchitectures(value: unknown): ('x86_64' | 'arm64')[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.length !== 1 || !['x86_64', 'arm64'].includes(value[0] as string)) {
    throw bad(`Architectures must be exactly one of ["x86_64"] or ["arm64"], got ${JSON.stringify(value)}.`);
  }
  return value as ('x86_64' | 'arm64')[];
}

export function checkString(field: string, value: unknown, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > max) throw bad(`${field} must be a string of at most ${max} characters.`);
  return value;
}
