// cli: `lambda-workbench package <LogicalId>|--all [--out DIR]` — writes each function's deployment
// package and prints its path, size and CodeSha256 (lambda-semantics.md §6).
import { WorkbenchError } from '../core/common/errors';
import { progressReporter } from './progressBar';
import { serviceOptions, type CommonOptions } from './serviceOptions';
import { withService, type CliContext } from './session';

export async function packageCommand(logicalId: string | undefined, opts: CommonOptions & { all?: boolean; out?: string; json?: boolean }, ctx: CliContext): Promise<void> {
  if (!logicalId && !opts.all) throw new WorkbenchError('INVALID_PARAMETER', 'Name a function to package, or pass --all.');
  const { io, interruption } = ctx;
  await withService(ctx, { ...serviceOptions(opts), persistLogs: false }, async (service) => {
    const ids = opts.all ? (await service.listFunctions()).map((f) => f.logicalId) : [logicalId!];
    if (opts.all) {
      // Broken functions (issue 11) are not packaged; each is named with its error, the others still are.
      for (const b of (await service.template()).broken) if (b.kind === 'function') io.warn(`Function ${b.logicalId} is not packaged: [${b.error.code}] ${b.error.message}`);
    }
    const rows = [];
    for (const id of ids) {
      if (interruption.isStopped) return;
      const info = await service.packageFunction(id, { outDir: opts.out ?? '.lambda-workbench/dist', onProgress: progressReporter(id, io) });
      rows.push(info);
      if (!opts.json) io.out(`${info.zipPath}\t${info.size} bytes\tCodeSha256 ${info.codeSha256}\n`);
    }
    if (opts.json) io.out(JSON.stringify(rows, null, 2) + '\n');
  });
}
