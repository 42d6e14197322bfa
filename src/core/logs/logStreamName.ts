// core/logs: log group and stream names as Lambda forms them (lambda-semantics.md §4.1).
import { kernelRandomBytes } from '../common/kernelRandom';

export function defaultLogGroup(functionName: string): string {
  return `/aws/lambda/${functionName}`;
}

/** `YYYY/MM/DD/[<version>]<32 lowercase hex>`, the date being the UTC day the environment started. */
export function newLogStreamName(version: string, startedAtEpochMs: number): string {
  const d = new Date(startedAtEpochMs);
  const y = d.getUTCFullYear();
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `${y}/${m}/${day}/[${version}]${kernelRandomBytes(16).toString('hex')}`;
}
