// cli: the CLI's entry, dist/cli.js (kept tiny: node builtins only). It loads the CLI itself, dist/cli-main.js,
// through the code cache (codeCache.ts) and runs it; the cache is saved after the command, so it holds what
// the command compiled. LAMBDA_WORKBENCH_CODE_CACHE=0 loads it without the cache.
import { join } from 'node:path';
import { userCacheDir } from '../core/runtimes/machineFacts';
import type * as Cli from './main';
import { requireCodeCached } from './codeCache';

/** main.ts's commands: each has a code cache of its own (usage errors, help and the rest share one). */
const COMMANDS = new Set(['invoke', 'list', 'package', 'layers']);

/** Runs the CLI (see main.ts) and resolves with its exit code. */
export async function main(argv: string[]): Promise<number> {
  const cacheDir = process.env.LAMBDA_WORKBENCH_CODE_CACHE === '0' ? undefined : join(userCacheDir(), 'code-cache');
  const cli = requireCodeCached<typeof Cli>(join(__dirname, 'cli-main.js'), cacheDir, COMMANDS.has(argv[0]) ? argv[0] : 'other');
  const code = await cli.exports.main(argv);
  // Only a command that ran (its function may have failed) compiled what the next run of it needs.
  if (code === 0 || code === 1) cli.saveCache();
  return code;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
