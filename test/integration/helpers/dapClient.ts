// Test helper: a minimal Debug Adapter Protocol client over TCP (Content-Length framing), used to drive
// debugpy in a Python environment directly (engine tests, and the VS Code tier without the Python extension).
import { EventEmitter } from 'node:events';
import { connect, type Socket } from 'node:net';

export class DapClient extends EventEmitter {
  private seq = 1;
  private buffer = Buffer.alloc(0);
  private readonly pending = new Map<number, (r: any) => void>();

  private constructor(private readonly socket: Socket) {
    super();
    socket.on('data', (d) => this.onData(d));
  }

  static open(port: number): Promise<DapClient> {
    return new Promise((resolve, reject) => {
      const s = connect({ host: '127.0.0.1', port }, () => resolve(new DapClient(s)));
      s.once('error', reject);
    });
  }

  /** Sends a request; resolves with its response (success or not). */
  request(command: string, args: unknown = {}): Promise<any> {
    const seq = this.seq++;
    const json = Buffer.from(JSON.stringify({ seq, type: 'request', command, arguments: args }));
    this.socket.write(Buffer.concat([Buffer.from(`Content-Length: ${json.length}\r\n\r\n`), json]));
    return new Promise((r) => this.pending.set(seq, r));
  }

  event(name: string, ms = 15_000): Promise<any> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no "${name}" event within ${ms} ms`)), ms);
      this.once(name, (body) => {
        clearTimeout(t);
        resolve(body);
      });
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(d: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, d]);
    for (;;) {
      const head = this.buffer.indexOf('\r\n\r\n');
      if (head < 0) return;
      const len = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, head).toString())?.[1]);
      if (this.buffer.length < head + 4 + len) return;
      const msg = JSON.parse(this.buffer.subarray(head + 4, head + 4 + len).toString());
      this.buffer = this.buffer.subarray(head + 4 + len);
      if (msg.type === 'response') this.pending.get(msg.request_seq)?.(msg);
      else if (msg.type === 'event') this.emit(msg.event, msg.body);
    }
  }
}
