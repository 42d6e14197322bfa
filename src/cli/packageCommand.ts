// cli: `lambda-workbench package <LogicalId>|--all [--out DIR]` — writes each function's deployment
// package and prints its path, size and CodeSha256 (lambda-semantics.md §6).
import { WorkbenchError } from '../core/common/errors';
import { LambdaService } from '../core/service';
import { warn } from './output';
import { progressReporter } from './progressBar';
import { serviceOptions, type CommonOptions } from './serviceOptions';

export async function packageCommand(logicalId: string | undefined, opts: CommonOptions & { all?: boolean; out?: string; json?: boolean }): Promise<void> {
  if (!logicalId && !opts.all) throw new WorkbenchError('INVALID_PARAMETER', 'Name a function to package, or pass --all.');
  const service = new LambdaService({ ...serviceOptions(opts), persistLogs: false });
  service.onWarning(warn);
  try {
    const ids = opts.all ? (await service.listFunctions()).map((f) => f.logicalId) : [logicalId!];
    const rows = [];
    for (const id of ids) {
      const info = await service.packageFunction(id, { outDir: opts.out ?? '.lambda-workbench/dist', onProgress: progressReporter(id) });
      rows.push(info);
      if (!opts.json) {
        process.stdout.write(`${info.zipPath}\t${info.size} bytes\tCodeSha256 ${info.codeSha256}\n`);
      }
    }
    if (opts.json) process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
  } finally {
    await service.dispose();
  }
}
