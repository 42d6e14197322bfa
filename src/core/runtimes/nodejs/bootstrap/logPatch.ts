// In-environment Node.js runtime: replaces console.* with Lambda's application log format, text or JSON,
// filtered by AWS_LAMBDA_LOG_LEVEL, written to stdout (lambda-semantics.md §4.3, §4.4; RIC src/LogPatch.js).
import { format } from 'node:util';
import { intoError, toFormatted } from './errors';
import { makeStdioBlocking, trackStdio } from './logSync';

interface Level {
  readonly name: string;
  readonly priority: number;
}

const LEVELS: Record<string, Level> = {
  TRACE: { name: 'TRACE', priority: 1 },
  DEBUG: { name: 'DEBUG', priority: 2 },
  INFO: { name: 'INFO', priority: 3 },
  WARN: { name: 'WARN', priority: 4 },
  ERROR: { name: 'ERROR', priority: 5 },
  FATAL: { name: 'FATAL', priority: 6 },
};

// Same global symbols as the RIC, so tools that read them keep working.
const REQUEST_ID = Symbol.for('aws.lambda.runtime.requestId');
const TENANT_ID = Symbol.for('aws.lambda.runtime.tenantId');
const store = globalThis as unknown as Record<symbol, string | undefined>;

/** Sets the ids stamped on every log line; during init they are unset and print as `undefined` (§4.3). */
export function setLoggingContext(requestId: string | undefined, tenantId: string | undefined): void {
  store[REQUEST_ID] = requestId;
  store[TENANT_ID] = tenantId;
}

type LogFn = (level: Level, args: unknown[]) => void;

function writeText(level: Level, args: unknown[]): void {
  // util.format(msg, ...params) with msg possibly undefined: console.log() prints "undefined", as in the RIC.
  const line = `${new Date().toISOString()}\t${store[REQUEST_ID]}\t${level.name}\t${format(...(args.length ? args : [undefined]))}`;
  process.stdout.write(line.replace(/\n/g, '\r') + '\n');
}

function jsonErrorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    return Object.assign(
      {
        errorType: value.constructor?.name ?? 'UnknownError',
        errorMessage: value.message,
        stackTrace: typeof value.stack === 'string' ? value.stack.split('\n') : value.stack,
      },
      value,
    );
  }
  return value;
}

function formatJson(level: Level, args: unknown[]): string {
  const record: Record<string, unknown> = { timestamp: new Date().toISOString(), level: level.name, requestId: store[REQUEST_ID] };
  const tenantId = store[TENANT_ID];
  if (tenantId !== undefined && tenantId !== null) record.tenantId = tenantId;
  const params = args.length ? args : [undefined];
  if (params.length === 1) {
    record.message = params[0];
    try {
      return JSON.stringify(record, jsonErrorReplacer);
    } catch {
      record.message = format(record.message);
      return JSON.stringify(record);
    }
  }
  // Several arguments: formatted message, and the first Error's fields at top level (§4.4).
  record.message = format(...params);
  const err = params.find((p): p is Error => p instanceof Error);
  if (err) {
    record.errorType = err.constructor?.name ?? 'UnknownError';
    record.errorMessage = err.message;
    record.stackTrace = typeof err.stack === 'string' ? err.stack.split('\n') : [];
  }
  return JSON.stringify(record);
}

function writeJson(level: Level, args: unknown[]): void {
  process.stdout.write(formatJson(level, args).replace(/\n/g, '\r') + '\n');
}

let jsonMode = false;

/** Patches console once, before user code loads. */
export function patchConsole(env: NodeJS.ProcessEnv): void {
  makeStdioBlocking();
  trackStdio();
  jsonMode = env.AWS_LAMBDA_LOG_FORMAT?.toUpperCase() === 'JSON';
  const log: LogFn = jsonMode ? writeJson : writeText;
  // The RIC filters whenever AWS_LAMBDA_LOG_LEVEL is set (Lambda sets it only with JSON format); default TRACE.
  const min = LEVELS[env.AWS_LAMBDA_LOG_LEVEL?.toUpperCase() ?? ''] ?? LEVELS.TRACE;
  const nop = (): void => undefined;
  const make = (level: Level) => (level.priority >= min.priority ? (...args: unknown[]) => log(level, args) : nop);
  const c = console as unknown as Record<string, unknown>;
  c.trace = make(LEVELS.TRACE);
  c.debug = make(LEVELS.DEBUG);
  c.info = make(LEVELS.INFO);
  c.log = c.info;
  c.warn = make(LEVELS.WARN);
  c.error = make(LEVELS.ERROR);
  // console.fatal is never filtered (RIC).
  c.fatal = (...args: unknown[]) => log(LEVELS.FATAL, args);
}

/** structuredConsole.logError: `Invoke Error \t{…}` in text mode, an ERROR record with the error as message in JSON (§4.3). */
export function logError(prefix: string, err: unknown): void {
  if (jsonMode) console.error(intoError(err));
  else console.error(prefix, toFormatted(intoError(err)));
}
