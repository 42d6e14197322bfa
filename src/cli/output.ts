// cli: how the CLI shows errors and log lines.
import { isWorkbenchError } from '../core/common/errors';

export function reportError(e: unknown): void {
  if (isWorkbenchError(e)) {
    // Messages usually cite their place already (template.yaml:12); add it only when they do not.
    const cited = e.line !== undefined && e.message.includes(`:${e.line}`);
    const where = e.file && !cited ? ` (${e.file}${e.line ? `:${e.line}${e.column ? `:${e.column}` : ''}` : ''})` : '';
    process.stderr.write(`Error [${e.code}]: ${e.message}${where}\n`);
  } else {
    process.stderr.write(`Error [INTERNAL]: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  }
}

export function warn(message: string): void {
  process.stderr.write(`Warning: ${message}\n`);
}
