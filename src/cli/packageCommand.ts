// cli: `lambda-workbench package <LogicalId>|--all [--out DIR] [--output-template FILE]` — writes each function's
// deployment package and prints its path, size and CodeSha256 (lambda-semantics.md §6); with --output-template,
// the layers' too, and a template whose code properties point at the ZIPs (core/deploy/outputTemplate.ts).
import { WorkbenchError } from '../core/common/errors';
import { buildArtifacts } from '../core/deploy/artifacts';
import { writeOutputTemplate } from '../core/deploy/outputTemplate';
import { progressReporter } from './progressBar';
import { serviceOptions, type CommonOptions } from './serviceOptions';
import { withService, type CliContext } from './session';

export async function packageCommand(logicalId: string | undefined, opts: CommonOptions & { all?: boolean; out?: string; json?: boolean; outputTemplate?: string }, ctx: CliContext): Promise<void> {
  if (!logicalId && !opts.all) throw new WorkbenchError('INVALID_PARAMETER', 'Name a function to package, or pass --all.');
  if (opts.outputTemplate && !opts.all) throw new WorkbenchError('INVALID_PARAMETER', '--output-template needs --all: the template points at every function and layer.');
  const { io, interruption } = ctx;
  const outDir = opts.out ?? '.lambda-workbench/dist';
  await withService(ctx, { ...serviceOptions(opts), persistLogs: false }, async (service) => {
    if (opts.outputTemplate) {
      const artifacts = await buildArtifacts(service, { outDir, tolerateBroken: true, warn: (m) => io.warn(m), onProgress: (id) => progressReporter(id, io), isStopped: () => interruption.isStopped });
      if (interruption.isStopped) return;
      const rewritten = await writeOutputTemplate((await service.template()).templatePath, opts.outputTemplate, artifacts);
      const rows = artifacts.map(({ logicalId: id, kind, zipPath, size, codeSha256 }) => ({ logicalId: id, kind, zipPath, size, codeSha256 }));
      if (opts.json) io.out(JSON.stringify({ template: opts.outputTemplate, rewritten, packages: rows }, null, 2) + '\n');
      else {
        for (const r of rows) io.out(`${r.zipPath}\t${r.size} bytes\tCodeSha256 ${r.codeSha256}\n`);
        io.out(`Template: ${opts.outputTemplate} (code of ${rewritten.length} resources points at the ZIPs)\n`);
      }
      return;
    }
    const ids = opts.all ? (await service.listFunctions()).map((f) => f.logicalId) : [logicalId!];
    if (opts.all) {
      // Broken functions (issue 11) are not packaged; each is named with its error, the others still are.
      for (const b of (await service.template()).broken) if (b.kind === 'function') io.warn(`Function ${b.logicalId} is not packaged: [${b.error.code}] ${b.error.message}`);
    }
    const rows = [];
    for (const id of ids) {
      if (interruption.isStopped) return;
      const info = await service.packageFunction(id, { outDir, onProgress: progressReporter(id, io) });
      rows.push(info);
      if (!opts.json) io.out(`${info.zipPath}\t${info.size} bytes\tCodeSha256 ${info.codeSha256}\n`);
    }
    if (opts.json) io.out(JSON.stringify(rows, null, 2) + '\n');
  });
}
