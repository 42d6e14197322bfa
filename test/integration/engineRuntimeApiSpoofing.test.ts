// Integration: only the environment's runtime process may use its Runtime API (issue 9, item 10). Another local
// client that found the port (any process can list listening sockets) tries what the runtime does — GET /next
// during init, an init error, a response or an error for the running request — and is refused, while the
// runtime's own answer wins: for our Node.js runtime (a secret path in AWS_LAMBDA_RUNTIME_API) and for a sh +
// curl custom runtime (plain host:port on Linux, where the server knows the runtime's connections by their owner).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fixtures, json, startEngine, waitFor, type TestEngine } from './helpers/engine';
import { refused } from './helpers/runtimeApiRefusal';

interface Reply {
  status: number;
  contentType: string | undefined;
  body: string;
}

function call(hostPort: string, method: string, path: string, body?: string): Promise<Reply> {
  const colon = hostPort.lastIndexOf(':');
  return new Promise((resolve, reject) => {
    const req = request({ host: hostPort.slice(0, colon), port: Number(hostPort.slice(colon + 1)), method, path, agent: false }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, contentType: res.headers['content-type'], body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}


/** AWS_LAMBDA_RUNTIME_API of this process's child running `functionName`, read from /proc as the test's only way in. */
function runtimeApiOf(functionName: string): string | undefined {
  for (const task of readdirSync(`/proc/${process.pid}/task`)) {
    let children: string[];
    try {
      children = readFileSync(`/proc/${process.pid}/task/${task}/children`, 'utf8').trim().split(' ').filter(Boolean);
    } catch {
      continue;
    }
    for (const pid of children) {
      try {
        const env = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
        if (!env.includes(`AWS_LAMBDA_FUNCTION_NAME=${functionName}`)) continue;
        return env.find((v) => v.startsWith('AWS_LAMBDA_RUNTIME_API='))?.slice('AWS_LAMBDA_RUNTIME_API='.length);
      } catch {
        // exited meanwhile
      }
    }
  }
  return undefined;
}

describe('Runtime API: other local processes are refused', () => {
  let e: TestEngine;
  before(() => {
    e = startEngine(join(fixtures, 'runtime-api'));
  });
  after(() => e.dispose());

  const cases: Array<[string, string, RegExp]> = [
    ['SlowInitAndHandler', 'our Node.js runtime (secret path in AWS_LAMBDA_RUNTIME_API)', /^127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{32}$/],
    ['ShellClient', 'a sh + curl custom runtime (host:port)', /^127\.0\.0\.1:\d+$/],
  ];
  for (const [fn, label, address] of cases) {
    test(`${label}: a stranger can neither take the event during init nor answer for the runtime`, { timeout: 60_000 }, async () => {
      const from = e.logs.length;
      const invoked = e.service.invoke(fn, '{"n":1}');
      let api: string | undefined;
      assert.ok(await waitFor(() => (api = runtimeApiOf(fn)) !== undefined, 20_000), 'the runtime process started');
      // What a stranger can learn: the port (the secret is only in the runtime's environment).
      const hostPort = api!.split('/')[0];
      const started = () => e.logs.slice(from).find((l) => l.message.startsWith('START RequestId: '))?.requestId;

      const attempts: Array<[string, string, string | undefined]> = [
        ['GET', '/2018-06-01/runtime/invocation/next', undefined],
        ['GET', `/${'A'.repeat(32)}/2018-06-01/runtime/invocation/next`, undefined],
        ['POST', '/2018-06-01/runtime/init/error', '{"errorType":"Spoofed","errorMessage":"spoofed"}'],
      ];
      for (const [method, path, body] of attempts) {
        const r = await call(hostPort, method, path, body);
        assert.deepEqual([r.status, r.contentType, JSON.parse(r.body)], [403, 'application/json', refused(method, path)]);
      }
      assert.equal(started(), undefined, 'the refusals came during init');

      let requestId: string | undefined;
      assert.ok(await waitFor(() => (requestId = started()) !== undefined, 20_000), 'the runtime took the event');
      for (const kind of ['response', 'error']) {
        const path = `/2018-06-01/runtime/invocation/${requestId}/${kind}`;
        const r = await call(hostPort, 'POST', path, '{"spoofed":true}');
        assert.deepEqual([r.status, r.contentType, JSON.parse(r.body)], [403, 'application/json', refused('POST', path)]);
      }

      const result = await invoked;
      assert.match(api!, address);
      assert.equal(result.requestId, requestId);
      assert.equal(result.status, 'success', result.payload.toString());
      assert.equal(json(result.payload).real, true);
      assert.deepEqual(json(result.payload).event, { n: 1 });
    });
  }
});
