// cli: `lambda-workbench list` — the template's functions with runtime, handler, memory and timeout; a function
// the template cannot resolve is listed as broken, with its coded error (file:line) below the table.
import type { BrokenResource, FunctionConfig } from '../core/model/functionConfig';
import { serviceOptions, type CommonOptions } from './serviceOptions';
import { withService, type CliContext } from './session';

function brokenJson(b: BrokenResource) {
  const { code, message, file, line, column } = b.error;
  return { logicalId: b.logicalId, broken: true, runtime: b.runtime ?? null, error: { code, message, file: file ?? null, line: line ?? null, column: column ?? null } };
}

export async function listCommand(opts: CommonOptions & { json?: boolean }, ctx: CliContext): Promise<void> {
  const { io } = ctx;
  await withService(ctx, { ...serviceOptions(opts), persistLogs: false }, async (service) => {
    const model = await service.template();
    const fns = model.functions;
    const broken = model.broken.filter((b) => b.kind === 'function');
    const brokenLayers = model.broken.filter((b) => b.kind === 'layer');
    const byLine = <T extends { templateLine?: number }>(a: T, b: T): number => (a.templateLine ?? 0) - (b.templateLine ?? 0);
    const all: (FunctionConfig | BrokenResource)[] = [...fns, ...broken].sort(byLine);
    if (opts.json) {
      const rows = all.map((f) =>
        'error' in f
          ? brokenJson(f)
          : {
              logicalId: f.logicalId,
              functionName: f.functionName,
              runtime: f.runtime,
              handler: f.handler ?? null,
              memorySize: f.memorySize,
              timeout: f.timeout,
              architectures: f.architectures,
              description: f.description ?? null,
            },
      );
      io.out(JSON.stringify(rows, null, 2) + '\n');
      return;
    }
    const header = ['FUNCTION', 'RUNTIME', 'HANDLER', 'MEMORY', 'TIMEOUT'];
    const rows = all.map((f) => ('error' in f ? [`${f.logicalId} (broken)`, f.runtime ?? '-', '-', '-', '-'] : [f.logicalId, f.runtime, f.handler ?? '-', `${f.memorySize} MB`, `${f.timeout} s`]));
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    for (const r of [header, ...rows]) io.out(r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd() + '\n');
    const problems = [...broken, ...brokenLayers];
    if (problems.length) io.out('\n');
    for (const b of problems) io.out(`${b.kind === 'layer' ? 'Layer' : 'Function'} ${b.logicalId} is broken: [${b.error.code}] ${b.error.message}\n`);
  });
}
