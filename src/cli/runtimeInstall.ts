// cli: `--install-runtimes ask|auto|never` — whether a nodejsNN.x function whose Node.js major is not the local
// node's gets that major installed from the npm registry into the cache. `ask` asks on a terminal and, without
// one (CI, pipes), installs nothing and says how to allow it.
import { createInterface } from 'node:readline/promises';
import { WorkbenchError } from '../core/common/errors';
import type { RuntimeInstallMode, RuntimeInstallOptions } from '../core/runtimes';
import type { CliOutput } from './cliOutput';

const MODES: readonly RuntimeInstallMode[] = ['ask', 'auto', 'never'];

export function parseInstallMode(value: string | undefined): RuntimeInstallMode {
  const mode = (value ?? 'ask').toLowerCase();
  if ((MODES as readonly string[]).includes(mode)) return mode as RuntimeInstallMode;
  throw new WorkbenchError('INVALID_PARAMETER', `--install-runtimes must be one of ${MODES.join(', ')}, got "${value}".`);
}

async function askOnTerminal(io: CliOutput, question: string): Promise<boolean> {
  // Without a terminal nobody can answer: nothing is installed, and the version warning says how to allow it.
  if (!process.stdin.isTTY || !process.stderr.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

/** The engine's install options for `mode`, asking and reporting progress through the CLI's stderr. */
export function runtimeInstallOptions(mode: RuntimeInstallMode, io: CliOutput): RuntimeInstallOptions {
  return { mode, confirm: (q) => askOnTerminal(io, q), progress: (m) => io.err(`${m}\n`) };
}
