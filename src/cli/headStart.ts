// cli: the one-shot `invoke`'s head start (core/runtime/prelaunch.ts). The entry starts, before loading the
// engine, the runtime process the last run of the same command line (same folder, node and CLI build) launched;
// `invoke` offers it to the engine and records its own launch for the next run. LAMBDA_WORKBENCH_PRELAUNCH=0
// turns it off; =trace tells on stderr what became of it.
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { nameHash } from '../core/common/kernelRandom';
import { userCacheDir } from '../core/runtimes/machineFacts';
import { hasPlaceholderCredentials } from '../core/runtime/environmentVariables';
import { saveLaunchRecord, startPrelaunch, type LaunchRecord, type PrelaunchOffer } from '../core/runtime/prelaunch';

/** What `invoke` gets from the entry: the waiting process (if any) and where this command's record goes. */
export interface HeadStart {
  offer: PrelaunchOffer | undefined;
  recordFile: string;
}

/** The head start of this command line, started now; undefined when it is off or not an `invoke`. */
export async function startHeadStart(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<HeadStart | undefined> {
  if (argv[0] !== 'invoke' || env.LAMBDA_WORKBENCH_PRELAUNCH === '0') return undefined;
  // Names the record only: a collision costs a head start discarded, as the engine compares the whole launch.
  const key = nameHash(JSON.stringify([process.cwd(), process.execPath, process.version, __dirname, argv]));
  const recordFile = join(userCacheDir(), 'prelaunch', `${key}.json`);
  return { offer: await startPrelaunch(recordFile), recordFile };
}

/**
 * The service options of a one-shot invoke with a head start: the offer, and the recording of its launch (a
 * stale record costs only a process killed at its gate: the engine compares the whole launch). No record keeps
 * a secret on disk: not with an env-vars file, nor with credentials other than the placeholders.
 */
export function headStartOptions(h: HeadStart | undefined, envVarsFile: string | undefined): { prelaunch?: PrelaunchOffer; onLaunched?: (r: LaunchRecord) => void } {
  if (!h) return {};
  return {
    prelaunch: h.offer,
    onLaunched: (r) => {
      // An adopted head start came from this very record, which still describes the launch (its per-run values
      // are only patterns the next run replaces): rewriting it would cost the invocation ~1.5 ms of file work.
      if (h.offer?.outcome === 'adopted') return;
      if (envVarsFile === undefined && hasPlaceholderCredentials(r.launch.env)) saveLaunchRecord(h.recordFile, r, []);
    },
  };
}

/** Ends an unused head start, and with LAMBDA_WORKBENCH_PRELAUNCH=trace says what became of it. */
export function finishHeadStart(h: HeadStart | undefined, err: (line: string) => void, env: NodeJS.ProcessEnv = process.env): void {
  if (!h) return;
  h.offer?.dispose();
  // Records are pruned least recently written first: an adopted one, not rewritten, is marked as used.
  if (h.offer?.outcome === 'adopted') touch(h.recordFile);
  if (env.LAMBDA_WORKBENCH_PRELAUNCH === 'trace') err(`lambda-workbench: head start: ${h.offer ? h.offer.outcome : 'none recorded'}\n`);
}

function touch(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // Gone meanwhile: the next run records a new one.
  }
}
