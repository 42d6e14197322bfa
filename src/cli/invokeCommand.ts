// cli: `lambda-workbench invoke` — runs a function (optionally N times on one engine), streaming its
// logs to stderr and writing each response payload on its own line to stdout.
import { WorkbenchError } from '../core/common/errors';
import { LambdaService } from '../core/service';
import { readEvent } from './eventFile';
import { reportError, warn } from './output';
import { serviceOptions, type CommonOptions } from './serviceOptions';

export interface InvokeCliOptions extends CommonOptions {
  event?: string;
  repeat: string;
  logFormat?: string;
  debugPort?: string;
}

export async function invokeCommand(functionName: string, opts: InvokeCliOptions): Promise<void> {
  const repeat = Number(opts.repeat);
  if (!Number.isInteger(repeat) || repeat < 1) {
    throw new WorkbenchError('INVALID_PARAMETER', `--repeat must be a positive whole number, got "${opts.repeat}".`);
  }
  const payload = readEvent(opts.event, process.cwd());
  const debugPort = opts.debugPort === undefined ? undefined : Number(opts.debugPort);
  if (debugPort !== undefined && !(Number.isInteger(debugPort) && debugPort > 0 && debugPort < 65536)) {
    throw new WorkbenchError('INVALID_PARAMETER', `--debug-port must be a port number, got "${opts.debugPort}".`);
  }
  const logFormat = opts.logFormat === undefined ? undefined : opts.logFormat.toUpperCase() === 'JSON' ? 'JSON' : 'Text';
  const service = new LambdaService({ ...serviceOptions(opts), logFormat });
  service.onWarning(warn);
  service.onLog((e) => process.stderr.write(e.message.replace(/\r/g, '\n') + '\n'));
  const stop = () => {
    void service.dispose().then(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let failed = false;
  try {
    if (debugPort !== undefined) {
      process.stderr.write(
        `Waiting for a debugger on 127.0.0.1:${debugPort} (Node.js: the inspector protocol, e.g. VS Code "Attach" or chrome://inspect; Python: debugpy). The handler runs once it attaches; timeouts are suspended while paused.\n`,
      );
    }
    for (let i = 0; i < repeat; i++) {
      let streamedAny = false;
      const result = await service.invoke(functionName, payload, {
        debug: debugPort !== undefined ? { port: debugPort, waitForAttach: true } : undefined,
        stream: {
          start: () => void 0,
          chunk: (data) => {
            streamedAny = true;
            process.stdout.write(data);
          },
        },
      });
      if (result.streamed) {
        if (result.functionError) process.stdout.write((streamedAny ? '\n' : '') + result.payload.toString('utf8'));
        process.stdout.write('\n');
      } else {
        process.stdout.write(result.payload.toString('utf8') + '\n');
      }
      if (result.diagnostic) reportError(result.diagnostic);
      if (result.functionError) failed = true;
    }
  } finally {
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
    await service.dispose();
  }
  if (failed) process.exitCode = 1;
}
