// cli: `lambda-workbench layers publish <LogicalId>` and `layers list` — local, immutable layer versions.
import { LambdaService } from '../core/service';
import { warn } from './output';
import { progressReporter } from './progressBar';
import { serviceOptions, type CommonOptions } from './serviceOptions';

export async function layersPublishCommand(logicalId: string, opts: CommonOptions & { json?: boolean }): Promise<void> {
  const service = new LambdaService({ ...serviceOptions(opts), persistLogs: false });
  service.onWarning(warn);
  try {
    const r = await service.publishLayerVersion(logicalId, { onProgress: progressReporter(logicalId) });
    if (opts.json) process.stdout.write(JSON.stringify(r, null, 2) + '\n');
    else process.stdout.write(`${r.layerVersionArn}\t${r.codeSize} bytes\tCodeSha256 ${r.codeSha256}\n`);
  } finally {
    await service.dispose();
  }
}

export async function layersListCommand(opts: CommonOptions & { json?: boolean }): Promise<void> {
  const service = new LambdaService({ ...serviceOptions(opts), persistLogs: false });
  try {
    const all = await service.listLayerVersions();
    if (opts.json) {
      process.stdout.write(JSON.stringify(all, null, 2) + '\n');
      return;
    }
    for (const r of all) process.stdout.write(`${r.layerVersionArn}\t${r.codeSize} bytes\t${r.compatibleRuntimes.join(',') || '-'}\t${r.createdDate}\n`);
  } finally {
    await service.dispose();
  }
}
