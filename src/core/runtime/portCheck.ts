// core/runtime: checks that a debug port on 127.0.0.1 is free before an environment is started on it.
import { createServer } from 'node:net';
import { WorkbenchError } from '../common/errors';

export async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', (e: NodeJS.ErrnoException) => {
      reject(
        new WorkbenchError(
          'DEBUG_PORT_IN_USE',
          e.code === 'EADDRINUSE'
            ? `Debug port ${port} on 127.0.0.1 is already in use. Stop what listens there or pick another port (--debug-port).`
            : `Cannot use debug port ${port} on 127.0.0.1: ${e.message}.`,
          { cause: e },
        ),
      );
    });
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

/** A free ephemeral port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}
