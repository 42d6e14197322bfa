// Integration (Linux): the ownership check's parts for Runtime API callers without the secret. The sock_diag
// helper (socketDiag.ts, a real python3 talking netlink) against the kernel's own /proc/net/tcp; the check
// (runtimePeer.ts) against a real child process; the helper's lifetime.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { after, describe, test } from 'node:test';
import { connectionOwnerKnown, isConnectionOf } from '../../src/core/runtime/runtimePeer';
import { clientInodeByDiag, releaseSocketDiag, socketDiagPid, useSocketDiag } from '../../src/core/runtime/socketDiag';
import { waitFor } from './helpers/engine';

const skip = connectionOwnerKnown ? false : 'needs Linux /proc';
const hex = (port: number) => `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;

/** The /proc/net/tcp lines for 127.0.0.1:from → 127.0.0.1:to. */
function tableLines(from: number, to: number): string[] {
  return readFileSync('/proc/net/tcp', 'latin1').split('\n').filter((l) => l.includes(` ${hex(from)} ${hex(to)} `));
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return (server.address() as AddressInfo).port;
}

describe('runtime API callers without the secret (Linux)', { skip }, () => {
  const user = {};
  after(() => releaseSocketDiag(user));

  test('the sock_diag helper finds the same client inode as /proc/net/tcp, and nothing for a closed pair', async () => {
    useSocketDiag(user);
    const server = createServer();
    const port = await listen(server);
    const accepted = new Promise<Socket>((resolve) => server.once('connection', resolve));
    const client = connect(port, '127.0.0.1');
    const socket = await accepted;
    try {
      assert.ok(await waitFor(() => clientInodeByDiag(1, 1) !== null, 10_000), 'helper ready (python3 with netlink)');
      const fromTable = tableLines(socket.remotePort!, port)[0]?.trim().split(/\s+/)[9];
      assert.ok(fromTable && fromTable !== '0');
      assert.equal(await clientInodeByDiag(socket.remotePort!, port), fromTable);
      assert.equal(await clientInodeByDiag(socket.remotePort!, port === 65535 ? 65534 : port + 1), undefined);
    } finally {
      client.destroy();
      server.close();
    }
  });

  test("the check accepts a child process's own connection and refuses ours", async () => {
    useSocketDiag(user);
    const server = createServer();
    const port = await listen(server);
    const fromChild = new Promise<Socket>((resolve) => server.once('connection', resolve));
    const child = spawn(process.execPath, ['-e', `require('net').connect(${port}, '127.0.0.1'); setTimeout(() => {}, 30000)`], { stdio: 'ignore' });
    try {
      const childSocket = await fromChild;
      assert.equal(await isConnectionOf(childSocket, child.pid!), true);
      const fromUs = new Promise<Socket>((resolve) => server.once('connection', resolve));
      const ours = connect(port, '127.0.0.1');
      const ourSocket = await fromUs;
      assert.equal(await isConnectionOf(ourSocket, child.pid!), false, 'held by the test process, not the child');
      ours.destroy();
    } finally {
      child.kill('SIGKILL');
      server.close();
    }
  });

  test('the helper ends with its last user', async () => {
    useSocketDiag(user);
    assert.ok(await waitFor(() => clientInodeByDiag(1, 1) !== null, 10_000));
    const pid = socketDiagPid()!;
    assert.ok(existsSync(`/proc/${pid}`));
    releaseSocketDiag(user);
    assert.ok(await waitFor(() => !existsSync(`/proc/${pid}`) || readFileSync(`/proc/${pid}/stat`, 'latin1').includes(') Z'), 10_000), 'helper exited');
    assert.equal(socketDiagPid(), undefined);
  });
});
