// cli: `lambda-workbench history [function] [--json]` lists past invocations (newest first, from every
// front door: VS Code, CLI, API…); `history show <id>` prints one; `history rerun <id>` invokes the same
// function with the same event again (and is itself recorded).
import type { HistoryRecord } from '../core/history/historyRecord';
import { serviceOptions, type CommonOptions } from './serviceOptions';
import { withService, type CliContext } from './session';

const when = (iso: string): string => iso.replace('T', ' ').slice(0, 19);
const ms = (v: number | undefined): string => (v === undefined ? '-' : `${v.toFixed(v < 10 ? 2 : 0)} ms`);

/** One line per record: when, function, status, duration, billed, cold/warm, origin, id. */
export function historyLine(r: HistoryRecord): string {
  const start = r.coldStart === undefined ? '-' : r.coldStart ? 'cold' : 'warm';
  const status = r.functionError ? `${r.status}:${r.errorType ?? r.functionError}` : r.errorCode ? `${r.status}:${r.errorCode}` : r.status;
  return [when(r.startedAt), r.functionName, status, ms(r.durationMs), r.billedDurationMs === undefined ? '-' : `billed ${r.billedDurationMs} ms`, start, r.origin, r.id].join('\t');
}

export async function historyCommand(fn: string | undefined, opts: CommonOptions & { json?: boolean; limit?: string }, ctx: CliContext): Promise<void> {
  const { io } = ctx;
  await withService(ctx, serviceOptions(opts), async (service) => {
    const limit = opts.limit === undefined ? Infinity : Math.max(1, Number(opts.limit) || 1);
    const records = (await service.listHistory(fn)).slice(0, limit);
    if (opts.json) {
      io.out(JSON.stringify(records, null, 2) + '\n');
      return;
    }
    if (records.length === 0) {
      io.err(fn ? `No invocations of "${fn}" recorded yet.\n` : 'No invocations recorded yet.\n');
      return;
    }
    for (const r of records) io.out(historyLine(r) + '\n');
  });
}

export async function historyShowCommand(id: string, opts: CommonOptions, ctx: CliContext): Promise<void> {
  await withService(ctx, serviceOptions(opts), async (service) => {
    ctx.io.out(JSON.stringify(await service.historyRecord(id), null, 2) + '\n');
  });
}

export async function historyRerunCommand(id: string, opts: CommonOptions, ctx: CliContext): Promise<void> {
  const { io, interruption } = ctx;
  let failed = false;
  await withService(ctx, serviceOptions(opts), async (service) => {
    const record = await service.historyRecord(id);
    io.err(`Re-running ${record.functionName} with the event of ${record.id} (${when(record.startedAt)}, ${record.origin})\n`);
    service.onLog((e) => io.err(e.message.replace(/\r/g, '\n') + '\n'));
    const result = await service.invoke(record.functionName, record.event);
    if (interruption.isStopped) return;
    io.out(result.payload.toString('utf8') + '\n');
    if (result.functionError) failed = true;
    await io.stdoutTaken();
  });
  if (failed) process.exitCode = 1;
}
