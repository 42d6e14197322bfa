// cli: how the CLI shows errors and log lines.
import { isWorkbenchError } from '../core/common/errors';

export function reportError(e: unknown): void {
  if (isWorkbenchError(e)) {
    const where = e.file ? ` (${e.file}${e.line ? `:${e.line}${e.column ? `:${e.column}` : ''}` : ''})` : '';
    process.stderr.write(`Error [${e.code}]: ${e.message}${e.message.includes(e.file ?? '\0') ? '' : where}\n`);
  } else {
    process.stderr.write(`Error [INTERNAL]: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  }
}

export function warn(message: string): void {
  process.stderr.write(`Warning: ${message}\n`);
}
