// cli: `lambda-workbench invoke <fn> --async` — queues the event as the Lambda API's `Event` invoke does
// (validated, journalled, a request id), prints the request id, then runs this engine's queue for the
// function until it is empty: attempts, retries on §9's schedule (scaled by --time-scale), destinations.
// Stopped early (Ctrl-C, or --no-wait), it says how many events are left and in which journal.
import type { QueueStatus } from '../core/invoke/async/functionQueue';
import type { LambdaService } from '../core/service';
import type { InvokeCliOptions } from './invokeCommand';
import { serviceOptions } from './serviceOptions';
import { withService, type CliContext } from './session';

function leftover(s: QueueStatus | undefined, fn: string): string {
  const n = s ? s.queued + s.inFlight : 0;
  if (!s || n === 0) return `The async queue of "${fn}" is empty.\n`;
  const next = s.nextAttemptAt !== undefined ? `; next attempt due ${new Date(s.nextAttemptAt).toISOString()} (engine clock)` : '';
  return `${n} event${n === 1 ? '' : 's'} of "${s.functionName}" left in ${s.journal}${next}. They run when an engine next starts on this state directory (lambda-workbench start, or invoke --async).\n`;
}

export async function asyncInvokeCommand(functionName: string, payload: Buffer, repeat: number, opts: InvokeCliOptions, ctx: CliContext): Promise<void> {
  const { io, interruption } = ctx;
  await withService(ctx, serviceOptions(opts), async (service: LambdaService, logs) => {
    service.onLog((e) => logs.write(e.message));
    for (let i = 0; i < repeat && !interruption.isStopped; i++) {
      const { requestId } = await service.async.invoke(functionName, payload, { qualifier: opts.qualifier });
      io.out(`${JSON.stringify({ StatusCode: 202, RequestId: requestId })}\n`);
    }
    const owner = await service.async.owner();
    if (!owner.self) {
      // Another engine (VS Code, `start`) runs this state directory's queues: the events went there, on disk.
      const h = owner.holder;
      io.err(`Queued in the engine that runs this state directory's queues (${h.origin}, pid ${h.pid}, ${h.url}); the attempts show in its output.\n`);
      return;
    }
    const status = await service.async.status(functionName);
    const name = status.functionName;
    if (opts.wait === false) {
      io.err(leftover(service.async.statusNow(name), name));
      return;
    }
    const done = await interruption.unlessStopped(service.async.drained(name).then(() => true));
    io.err(done ? `The async queue of "${name}" is empty: every event ran and went to its destination.\n` : leftover(service.async.statusNow(name), name));
  });
}
