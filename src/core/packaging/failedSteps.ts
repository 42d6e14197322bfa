// core/packaging: failed dependency steps (npm, pip), remembered against their inputs. An unchanged function
// whose install failed fails again at once with the same message instead of spending seconds on every invoke
// retrying; a changed input (another key) or an explicit rebuild (`package`, publishing a layer) retries.
import { createHash } from 'node:crypto';
import { promises as fsp, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkbenchError, type ErrorCode } from '../common/errors';
import { PackagingError } from './errors';

interface FailureRecord {
  code: ErrorCode;
  message: string;
  file?: string;
  at: string;
}

export interface FailedStepsOptions {
  /** Folder of the records (`<stateDir>/dependencies/failed`). */
  dir: string;
  /** An explicit rebuild: run the step even though it failed before with these inputs. */
  retry?: boolean;
}

/** A step's key: the hash of everything that decides its outcome. */
export function stepKey(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/**
 * Runs `step` unless it failed before with the same `key`, in which case that failure is thrown again, saying
 * so. A coded failure of `step` is recorded; a success clears the record.
 */
export async function unlessFailedBefore<T>(opts: FailedStepsOptions, key: string, inputs: string, step: () => Promise<T>): Promise<T> {
  const file = join(opts.dir, `${key}.json`);
  if (!opts.retry) {
    const rec = readRecord(file);
    if (rec) {
      throw new PackagingError(rec.code, `${rec.message}\n(This step failed with the same inputs at ${rec.at} and is not retried on every invoke: change ${inputs}, or rebuild with \`lambda-workbench package\`, to try again.)`, { file: rec.file });
    }
  }
  try {
    const out = await step();
    await fsp.rm(file, { force: true });
    return out;
  } catch (e) {
    if (e instanceof WorkbenchError && (e.code === 'DEPENDENCIES_FAILED' || e.code === 'BUILD_FAILED')) {
      const rec: FailureRecord = { code: e.code, message: e.message, file: e.file, at: new Date().toISOString() };
      await fsp.mkdir(opts.dir, { recursive: true }).catch(() => undefined);
      await fsp.writeFile(file, JSON.stringify(rec)).catch(() => undefined); // only saves time; never an error
    }
    throw e;
  }
}

function readRecord(file: string): FailureRecord | undefined {
  try {
    const rec = JSON.parse(readFileSync(file, 'utf8')) as FailureRecord;
    return typeof rec.message === 'string' && typeof rec.code === 'string' ? rec : undefined;
  } catch {
    return undefined;
  }
}
