// cli: the CLI's entry, dist/cli.js (kept tiny: node builtins only). It loads the CLI itself, dist/cli-main.js,
// through the code cache (codeCache.ts) and runs it; the caches are saved after the command, so they hold
// what the command compiled. LAMBDA_WORKBENCH_CODE_CACHE=0 loads it without any. An `invoke` first starts its
// head start (headStart.ts).
import { join } from 'node:path';
import { userCacheDir } from '../core/runtimes/machineFacts';
import type * as Cli from './main';
import { CodeCache } from './codeCache';
import { finishHeadStart, startHeadStart } from './headStart';

/** main.ts's commands: each has a code cache of its own (usage errors, help and the rest share one). */
const COMMANDS = new Set(['invoke', 'list', 'package', 'layers']);

/** Runs the CLI (see main.ts) and resolves with its exit code. */
export async function main(argv: string[]): Promise<number> {
  // First of all, the function's runtime process as the last run of this command launched it (headStart.ts):
  // node's start then overlaps the engine's load.
  const headStart = await startHeadStart(argv);
  const cache = new CodeCache(process.env.LAMBDA_WORKBENCH_CODE_CACHE === '0' ? undefined : join(userCacheDir(), 'code-cache'));
  const cli = cache.load<typeof Cli>(join(__dirname, 'cli-main.js'), COMMANDS.has(argv[0]) ? argv[0] : 'other');
  const code = await cli.main(argv, headStart);
  finishHeadStart(headStart, (line) => process.stderr.write(line));
  // Only a command that ran (its function may have failed) compiled what the next run of it needs.
  if (code === 0 || code === 1) cache.save();
  return code;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
