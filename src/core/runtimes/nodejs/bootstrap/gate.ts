// In-environment Node.js runtime: the head start's gate (src/core/runtime/prelaunch.ts). A runtime started
// ahead by the CLI waits here, before any of the function's code or any Runtime API connection, until the
// engine has found its launch to be exactly the one it would make: "1" on the gate's fd lets it go on, an
// end without it (the engine chose another process, or the CLI ended) ends it. Not a Lambda variable: hidden.
import { Socket } from 'node:net';

export function passGate(env: NodeJS.ProcessEnv): Promise<void> {
  const fd = Number(env.LAMBDA_WORKBENCH_GATE_FD);
  delete env.LAMBDA_WORKBENCH_GATE_FD;
  if (!Number.isInteger(fd) || fd < 3) return Promise.resolve();
  return new Promise((resolve) => {
    const gate = new Socket({ fd, readable: true, writable: true });
    let open = false;
    // "Here": the host leaves the time spent waiting at the gate out of Init Duration.
    gate.write('r');
    gate.once('data', (b: Buffer) => {
      open = b[0] === 0x31;
      gate.destroy();
    });
    gate.once('close', () => (open ? resolve() : process.exit(0)));
    gate.on('error', () => undefined);
  });
}
