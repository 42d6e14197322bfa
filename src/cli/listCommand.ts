// cli: `lambda-workbench list` — the template's functions with runtime, handler, memory and timeout.
import { LambdaService } from '../core/service';
import { warn } from './output';
import { serviceOptions, type CommonOptions } from './serviceOptions';

export async function listCommand(opts: CommonOptions & { json?: boolean }): Promise<void> {
  const service = new LambdaService({ ...serviceOptions(opts), persistLogs: false });
  service.onWarning(warn);
  try {
    const fns = await service.listFunctions();
    if (opts.json) {
      const rows = fns.map((f) => ({
        logicalId: f.logicalId,
        functionName: f.functionName,
        runtime: f.runtime,
        handler: f.handler ?? null,
        memorySize: f.memorySize,
        timeout: f.timeout,
        architectures: f.architectures,
        description: f.description ?? null,
      }));
      process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
      return;
    }
    const header = ['FUNCTION', 'RUNTIME', 'HANDLER', 'MEMORY', 'TIMEOUT'];
    const rows = fns.map((f) => [f.logicalId, f.runtime, f.handler ?? '-', `${f.memorySize} MB`, `${f.timeout} s`]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    for (const r of [header, ...rows]) process.stdout.write(r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd() + '\n');
  } finally {
    await service.dispose();
  }
}
