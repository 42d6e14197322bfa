// cli: `lambda-workbench list` — the template's functions with runtime, handler, memory and timeout.
import { serviceOptions, type CommonOptions } from './serviceOptions';
import { withService, type CliContext } from './session';

export async function listCommand(opts: CommonOptions & { json?: boolean }, ctx: CliContext): Promise<void> {
  const { io } = ctx;
  await withService(ctx, { ...serviceOptions(opts), persistLogs: false }, async (service) => {
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
      io.out(JSON.stringify(rows, null, 2) + '\n');
      return;
    }
    const header = ['FUNCTION', 'RUNTIME', 'HANDLER', 'MEMORY', 'TIMEOUT'];
    const rows = fns.map((f) => [f.logicalId, f.runtime, f.handler ?? '-', `${f.memorySize} MB`, `${f.timeout} s`]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    for (const r of [header, ...rows]) io.out(r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd() + '\n');
  });
}
