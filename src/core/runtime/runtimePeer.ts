// core/runtime: which process holds the client end of a loopback connection to a Runtime API server (Linux
// /proc). Lets the server accept the runtime's own requests from clients that cannot send the secret, because
// they keep only host:port of AWS_LAMBDA_RUNTIME_API (aws-lambda-ric 4.x), and refuse everyone else's.
import { existsSync } from 'node:fs';
import { readdir, readFile, readlink } from 'node:fs/promises';
import type { Socket } from 'node:net';

/** Where the owner of a connection can be found; elsewhere a request without the secret is always refused. */
export const connectionOwnerKnown =
  process.platform === 'linux' && existsSync('/proc/net/tcp') && existsSync(`/proc/${process.pid}/task/${process.pid}/children`);

/** True when the client end of `socket`, accepted on 127.0.0.1, is open in `rootPid` or one of its descendants. */
export async function isConnectionOf(socket: Socket, rootPid: number): Promise<boolean> {
  const inode = await clientInode(socket);
  if (inode === undefined) return false;
  const link = `socket:[${inode}]`;
  const seen = new Set<number>();
  const stack = [rootPid];
  while (stack.length > 0 && seen.size < 1024) {
    const pid = stack.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    if (await holds(pid, link)) return true;
    stack.push(...(await childrenOf(pid)));
  }
  return false;
}

/** The inode of the connection's client end: its /proc/net/tcp line has the local and remote ports swapped. */
async function clientInode(socket: Socket): Promise<string | undefined> {
  const { remotePort, localPort } = socket;
  if (remotePort === undefined || localPort === undefined) return undefined;
  const loopback = (port: number) => `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const key = ` ${loopback(remotePort)} ${loopback(localPort)} `;
  const table = await readFile('/proc/net/tcp', 'latin1').catch(() => '');
  const at = table.indexOf(key);
  if (at < 0) return undefined;
  const line = table.slice(table.lastIndexOf('\n', at) + 1, table.indexOf('\n', at)).trim().split(/\s+/);
  const inode = line[9];
  return inode && inode !== '0' ? inode : undefined;
}

async function holds(pid: number, link: string): Promise<boolean> {
  const dir = `/proc/${pid}/fd`;
  const fds = await readdir(dir).catch(() => [] as string[]);
  for (const fd of fds) {
    if ((await readlink(`${dir}/${fd}`).catch(() => '')) === link) return true;
  }
  return false;
}

/** Children of every thread: a process started from another thread is listed under that thread only. */
async function childrenOf(pid: number): Promise<number[]> {
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  const lists = await Promise.all(tasks.map((t) => readFile(`/proc/${pid}/task/${t}/children`, 'latin1').catch(() => '')));
  return lists.flatMap((l) => l.split(' ').filter(Boolean).map(Number));
}
