// cli: `lambda-workbench layers publish <LogicalId>` and `layers list` — local, immutable layer versions.
import { progressReporter } from './progressBar';
import { serviceOptions, type CommonOptions } from './serviceOptions';
import { withService, type CliContext } from './session';

export async function layersPublishCommand(logicalId: string, opts: CommonOptions & { json?: boolean }, ctx: CliContext): Promise<void> {
  const { io } = ctx;
  await withService(ctx, { ...serviceOptions(opts), persistLogs: false }, async (service) => {
    const r = await service.layers.publish(logicalId, { onProgress: progressReporter(logicalId, io) });
    if (opts.json) io.out(JSON.stringify(r, null, 2) + '\n');
    else io.out(`${r.layerVersionArn}\t${r.codeSize} bytes\tCodeSha256 ${r.codeSha256}\n`);
  });
}

export async function layersListCommand(opts: CommonOptions & { json?: boolean }, ctx: CliContext): Promise<void> {
  const { io } = ctx;
  await withService(ctx, { ...serviceOptions(opts), persistLogs: false }, async (service) => {
    const all = await service.layers.list();
    if (opts.json) {
      io.out(JSON.stringify(all, null, 2) + '\n');
      return;
    }
    if (all.length === 0) io.err('No layer versions published yet. Publish one with `lambda-workbench layers publish <LayerLogicalId>`.\n');
    for (const r of all) io.out(`${r.layerVersionArn}\t${r.codeSize} bytes\t${r.compatibleRuntimes.join(',') || '-'}\t${r.createdDate}\n`);
  });
}
