// core/store: the state directory (<workspace>/.lambda-workbench by default), its layout and the bounds on
// what it keeps. Nothing here creates it: each writer creates what it writes, so a folder without a
// template (or a read-only command) leaves no state directory behind.
import { join, resolve } from 'node:path';

export const STATE_DIR_NAME = '.lambda-workbench';

export interface StateLayout {
  root: string;
  logs: string;
  envs: string;
  /** Published layer versions (records and their ZIPs). */
  layers: string;
  /** Merged /opt trees, one per set of layers. */
  opt: string;
  /** Published function versions (records and their ZIPs). */
  versions: string;
  /** Function aliases, one record each. */
  aliases: string;
  /** Where `package` writes <LogicalId>.zip by default. */
  dist: string;
}

export function stateLayout(workspace: string, stateDir?: string): StateLayout {
  const root = resolve(workspace, stateDir ?? STATE_DIR_NAME);
  return { root, logs: join(root, 'logs'), envs: join(root, 'envs'), layers: join(root, 'layers'), versions: join(root, 'versions'), aliases: join(root, 'aliases'), opt: join(root, 'opt'), dist: join(root, 'dist') };
}

/** How much the state directory keeps; the defaults suit a developer machine. */
export interface StateLimits {
  /** Total size of the package cache (built ZIPs and their extracted folders). Default 1 GiB. */
  packageCacheBytes: number;
  /** A package used this recently is never evicted (another engine may be about to run it). Default 60 s. */
  packageGraceMs: number;
  /** Log streams last written longer ago are deleted. Default 7 days. */
  logMaxAgeMs: number;
  /** Total size of the persisted logs; the least recently written streams go first. Default 100 MB. */
  logMaxBytes: number;
}
