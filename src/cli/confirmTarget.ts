// cli: the safety step of `deploy` and `sync` — show what will be changed (account or endpoint, region, stack)
// and ask on a terminal; `--yes` skips the question, and without a terminal nobody can answer, so the user is
// told to pass --yes (issue 20 "Safety").
import { createInterface } from 'node:readline/promises';
import { WorkbenchError } from '../core/common/errors';
import type { CliOutput } from './cliOutput';

export interface ConfirmOptions {
  /** `--yes`. */
  yes?: boolean;
  /** Defaults to whether both stdin and stderr are terminals. */
  interactive?: boolean;
}

/**
 * Prints "<action>: <target>" to stderr and returns when the user agreed (or passed --yes).
 * CONFIRMATION_REQUIRED when nobody can answer; DEPLOY_CANCELLED when the answer is not yes.
 */
export async function confirmTarget(io: CliOutput, action: string, target: string, options: ConfirmOptions): Promise<void> {
  io.err(`${action}: ${target}\n`);
  if (options.yes) return;
  const interactive = options.interactive ?? (process.stdin.isTTY === true && process.stderr.isTTY === true);
  if (!interactive) {
    throw new WorkbenchError('CONFIRMATION_REQUIRED', `${action} changes ${target}; there is no terminal to confirm on, so pass --yes to go ahead.`);
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  let answer: string;
  try {
    answer = await rl.question('Go ahead? [y/N] ');
  } finally {
    rl.close();
  }
  if (!/^y(es)?$/i.test(answer.trim())) throw new WorkbenchError('DEPLOY_CANCELLED', `${action} cancelled: nothing was changed on ${target}.`);
}
