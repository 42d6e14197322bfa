// core/runtime: the inode of a loopback TCP connection's client end, asked of the kernel by its two ports
// (Linux sock_diag over netlink: one exact lookup, ~8 µs measured here). Node cannot open a netlink socket,
// so a small python3 helper (standard library only) asks for it, one line in and one out per connection.
//
// Why not /proc/net/tcp: reading it walks the kernel's whole established-connection hash (262,144 buckets
// on this 24 GB machine) and formats every connection on the machine, ~1.5-4 ms per read here, twice per
// invoke for a sh + curl runtime. The helper starts when a server first meets a caller without the secret and
// ends when the last such server closes (its stdin closes; so it also ends with the engine, even on kill -9).
// Until it has said it is ready, and wherever it cannot run (no python3, netlink refused), callers fall back
// to /proc/net/tcp (runtimePeer.ts).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The helper: `ready` once its netlink socket is open, then per line "<client port> <server port>" the
 * inode of the client end ("-" when there is no such connection). Both ends are 127.0.0.1. */
const HELPER = String.raw`
import socket, struct, sys
s = socket.socket(socket.AF_NETLINK, socket.SOCK_DGRAM, 4)  # NETLINK_SOCK_DIAG
lo = socket.inet_aton('127.0.0.1') + bytes(12)
out = sys.stdout
out.write('ready\n'); out.flush()
while True:
    line = sys.stdin.readline()
    if not line:
        break
    try:
        sport, dport = map(int, line.split())
        # inet_diag_req_v2: AF_INET, IPPROTO_TCP, no extensions, every state; inet_diag_sockid; no cookie
        req = struct.pack('=BBBBI', 2, 6, 0, 0, 0xffffffff) + struct.pack('>HH', sport, dport) + lo + lo + struct.pack('=III', 0, 0xffffffff, 0xffffffff)
        s.send(struct.pack('=IHHII', 16 + len(req), 20, 1, 0, 0) + req)  # SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST
        data = s.recv(8192)
        if struct.unpack_from('=H', data, 4)[0] == 20:
            out.write('%d\n' % struct.unpack_from('=I', data, 84)[0])  # inet_diag_msg.idiag_inode
        else:
            out.write('-\n')
    except Exception:
        out.write('-\n')
    out.flush()
`;

interface Helper {
  child: ChildProcessWithoutNullStreams;
  ready: boolean;
  /** Answers in request order: a connection's inode, undefined for none, null when the helper is gone. */
  waiting: Array<(inode: string | undefined | null) => void>;
  buffered: string;
}

let helper: Helper | undefined;
/** Set once the helper could not start or died: /proc/net/tcp from then on. */
let unavailable = process.platform !== 'linux';
const users = new Set<object>();

/** `user` (a Runtime API server) will ask; starts the helper if it is not running. */
export function useSocketDiag(user: object): void {
  users.add(user);
  if (helper === undefined && !unavailable) helper = start();
}

/** `user` will not ask any more; the helper ends with its last user. */
export function releaseSocketDiag(user: object): void {
  if (!users.delete(user) || users.size > 0 || helper === undefined) return;
  helper.child.stdin.end();
  helper = undefined;
}

/** The helper's process id while it runs (tests check that it ends with its last user). */
export function socketDiagPid(): number | undefined {
  return helper?.child.pid;
}

/** The client end's inode of 127.0.0.1:clientPort → 127.0.0.1:serverPort, or null when the helper cannot tell
 * (not ready, or gone): the caller looks in /proc/net/tcp instead. */
export function clientInodeByDiag(clientPort: number, serverPort: number): Promise<string | undefined | null> | null {
  const h = helper;
  if (h === undefined || !h.ready) return null;
  return new Promise((resolve) => {
    h.waiting.push(resolve);
    h.child.stdin.write(`${clientPort} ${serverPort}\n`);
  });
}

function start(): Helper | undefined {
  const python = ['/usr/bin/python3', '/usr/local/bin/python3'].find((p) => existsSync(p)) ?? 'python3';
  let child: ChildProcessWithoutNullStreams;
  try {
    child = spawn(python, ['-I', '-S', '-c', HELPER], { stdio: 'pipe' });
  } catch {
    unavailable = true;
    return undefined;
  }
  const h: Helper = { child, ready: false, waiting: [], buffered: '' };
  const gone = () => {
    // Ended by its last user (releaseSocketDiag) is the normal way; dying in use means it cannot run here.
    if (helper === h) {
      helper = undefined;
      unavailable = true;
    }
    for (const answer of h.waiting.splice(0)) answer(null);
  };
  child.on('error', gone);
  child.on('exit', gone);
  child.stdin.on('error', gone);
  child.stderr.resume();
  child.stdout.setEncoding('latin1');
  child.stdout.on('data', (chunk: string) => {
    h.buffered += chunk;
    let nl: number;
    while ((nl = h.buffered.indexOf('\n')) >= 0) {
      const line = h.buffered.slice(0, nl);
      h.buffered = h.buffered.slice(nl + 1);
      if (!h.ready) h.ready = line === 'ready';
      else h.waiting.shift()?.(line === '-' || line === '0' ? undefined : line);
    }
  });
  // Neither the helper nor its pipes keep the engine's process alive (a one-shot CLI exits when it is done).
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as unknown as { unref?: () => void }).unref?.();
  return h;
}
