// In-environment Node.js runtime: the head start's gate (src/core/runtime/prelaunch.ts). A runtime started
// ahead by the CLI waits here, before any of the function's code or Runtime API request (it may have connected), until the
// engine has found its launch to be exactly the one it would make: "1" on the gate's fd lets it go on, an
// end without it (the engine chose another process, or the CLI ended) ends it. Not a Lambda variable: hidden.
import { closeSync, readSync, writeSync } from 'node:fs';
import { Socket } from 'node:net';

export function passGate(env: NodeJS.ProcessEnv): Promise<void> {
  const fd = Number(env.LAMBDA_WORKBENCH_GATE_FD);
  delete env.LAMBDA_WORKBENCH_GATE_FD;
  if (!Number.isInteger(fd) || fd < 3) return Promise.resolve();
  // "Here": the host leaves the time spent waiting at the gate out of Init Duration.
  writeSync(fd, 'r');
  // Nothing else runs yet, so a blocking read is the wait: the engine has usually answered already, and the
  // runtime goes on in the same turn rather than two event-loop turns later (issue 10). A descriptor left
  // non-blocking waits on the event loop instead.
  const b = Buffer.alloc(1);
  let n: number;
  try {
    n = readSync(fd, b, 0, 1, null);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EAGAIN') return waitOnLoop(fd);
    n = 0;
  }
  closeSync(fd);
  if (n === 1 && b[0] === 0x31) return Promise.resolve();
  process.exit(0);
}

function waitOnLoop(fd: number): Promise<void> {
  return new Promise((resolve) => {
    const gate = new Socket({ fd, readable: true, writable: false });
    let open = false;
    gate.once('data', (b: Buffer) => {
      open = b[0] === 0x31;
      gate.destroy();
    });
    gate.once('close', () => (open ? resolve() : process.exit(0)));
    gate.on('error', () => undefined);
  });
}
