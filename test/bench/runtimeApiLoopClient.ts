// Benchmark floor, child side (started by runtimeApiLoop.ts): a minimal Node.js Runtime API client on one
// raw keep-alive socket. Per event: GET /next, POST a constant response, read the 202, and again. No
// bootstrap, no handler, no logging — only the wire cycle our engine's runtime does per warm invoke.
import * as net from 'node:net';

const api = process.env.AWS_LAMBDA_RUNTIME_API ?? '';
const colon = api.lastIndexOf(':');
const NEXT = `GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: ${api}\r\n\r\n`;
const RESULT = '{"ok":true}';

const socket = net.connect({ host: api.slice(0, colon), port: Number(api.slice(colon + 1)), noDelay: true });
let buffer: Buffer = Buffer.alloc(0);
let awaitingEvent = true;

function response(requestId: string): string {
  return (
    `POST /2018-06-01/runtime/invocation/${requestId}/response HTTP/1.1\r\nHost: ${api}\r\n` +
    `Content-Type: application/json\r\nContent-Length: ${RESULT.length}\r\n\r\n${RESULT}`
  );
}

function fail(message: string): never {
  process.stderr.write(`runtimeApiLoopClient: ${message}\n`);
  process.exit(1);
}

socket.on('connect', () => socket.write(NEXT));
socket.on('data', (d: Buffer) => {
  buffer = buffer.length ? Buffer.concat([buffer, d]) : d;
  for (;;) {
    const end = buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = buffer.toString('latin1', 0, end);
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    if (buffer.length < end + 4 + length) return;
    buffer = buffer.subarray(end + 4 + length);
    if (awaitingEvent) {
      if (!head.startsWith('HTTP/1.1 200')) fail(`/next answered ${head.split('\r\n', 1)[0]}`);
      const requestId = /\r\nlambda-runtime-aws-request-id: *([^\r]+)/i.exec(head)?.[1];
      if (!requestId) fail('/next answered without Lambda-Runtime-Aws-Request-Id');
      socket.write(response(requestId));
    } else {
      if (!head.startsWith('HTTP/1.1 202')) fail(`/response answered ${head.split('\r\n', 1)[0]}`);
      socket.write(NEXT);
    }
    awaitingEvent = !awaitingEvent;
  }
});
socket.on('close', () => process.exit(0));
socket.on('error', (err) => fail(err.message));
