// core/runtime: a minimal Chrome DevTools Protocol client over the Node inspector's WebSocket (RFC 6455 text
// frames, client masking). The engine watches debug-mode environments with it; tests drive breakpoints.
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { get, request } from 'node:http';
import type { Socket } from 'node:net';

export interface CdpMessage {
  id?: number;
  method?: string;
  params?: any;
  result?: any;
  error?: { message: string };
}

export class CdpClient extends EventEmitter {
  private nextId = 1;
  private buffer = Buffer.alloc(0);
  private readonly pending = new Map<number, (m: CdpMessage) => void>();
  private closed = false;

  private constructor(private readonly socket: Socket) {
    super();
    socket.on('data', (d: Buffer) => this.onData(d));
    // A reset (the debuggee exited or was stopped mid-session) is a close like any other: never an uncaught
    // error in the engine, and no send left waiting for an answer that cannot come.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.closed = true;
      for (const answer of this.pending.values()) answer({ error: { message: 'the inspector connection closed' } });
      this.pending.clear();
      this.emit('close');
    });
  }

  /** Waits until the inspector answers on host:port, then connects to its first target. */
  static async connect(port: number, timeoutMs = 10_000): Promise<CdpClient> {
    const deadline = Date.now() + timeoutMs;
    let url: string | undefined;
    while (!url) {
      url = await listTargets(port).then((t) => t[0]?.webSocketDebuggerUrl, () => undefined);
      if (!url) {
        if (Date.now() > deadline) throw new Error(`no inspector on 127.0.0.1:${port}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    const u = new URL(url);
    const key = randomBytes(16).toString('base64');
    const socket = await new Promise<Socket>((resolve, reject) => {
      const req = request({ host: u.hostname, port: u.port, path: u.pathname, headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Key': key, 'Sec-WebSocket-Version': '13' } });
      req.on('upgrade', (_res, sock) => resolve(sock));
      req.on('response', (res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      req.on('error', reject);
      req.end();
    });
    return new CdpClient(socket);
  }

  send(method: string, params: Record<string, unknown> = {}): Promise<any> {
    if (this.closed) return Promise.reject(new Error('the inspector connection closed'));
    const id = this.nextId++;
    const payload = Buffer.from(JSON.stringify({ id, method, params }));
    this.socket.write(frame(payload));
    return new Promise((resolve, reject) => {
      this.pending.set(id, (m) => (m.error ? reject(new Error(m.error.message)) : resolve(m.result)));
    });
  }

  /** Resolves with the params of the next event of this method. */
  waitFor(method: string, timeoutMs = 10_000): Promise<any> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`timed out waiting for ${method}`)), timeoutMs);
      this.once(method, (params) => {
        clearTimeout(t);
        resolve(params);
      });
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(d: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, d]);
    for (;;) {
      if (this.buffer.length < 2) return;
      let len = this.buffer[1] & 0x7f;
      let offset = 2;
      if (len === 126) {
        if (this.buffer.length < 4) return;
        len = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (len === 127) {
        if (this.buffer.length < 10) return;
        len = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (this.buffer.length < offset + len) return;
      const opcode = this.buffer[0] & 0x0f;
      const body = this.buffer.subarray(offset, offset + len);
      this.buffer = this.buffer.subarray(offset + len);
      if (opcode !== 1) continue;
      const msg = JSON.parse(body.toString('utf8')) as CdpMessage;
      if (msg.id !== undefined) {
        this.pending.get(msg.id)?.(msg);
        this.pending.delete(msg.id);
      } else if (msg.method) {
        this.emit(msg.method, msg.params);
      }
    }
  }
}

function frame(payload: Buffer): Buffer {
  const mask = randomBytes(4);
  const len = payload.length;
  const header = len < 126 ? Buffer.from([0x81, 0x80 | len]) : len < 65536 ? Buffer.from([0x81, 0x80 | 126, len >> 8, len & 0xff]) : Buffer.concat([Buffer.from([0x81, 0x80 | 127]), bigLen(len)]);
  const masked = Buffer.alloc(len);
  for (let i = 0; i < len; i++) masked[i] = payload[i] ^ mask[i % 4];
  return Buffer.concat([header, mask, masked]);
}

function bigLen(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
}

export function listTargets(port: number): Promise<Array<{ webSocketDebuggerUrl: string; url: string }>> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/json/list' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString()));
        } catch (e) {
          reject(e);
        }
      });
    }).on('error', reject);
  });
}
