// Integration: the Lambda API's invoke operations through @aws-sdk/client-lambda against the real server and
// engine — Invoke (RequestResponse, DryRun, Event refused without a queue), LogType Tail, ClientContext,
// X-Amz-Function-Error, InvokeWithResponseStream's event stream, and the SDK's error classes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateFunctionCommand,
  InvalidRequestContentException,
  InvokeCommand,
  InvokeWithResponseStreamCommand,
  ResourceNotFoundException,
  type InvokeWithResponseStreamResponseEvent,
} from '@aws-sdk/client-lambda';
import { startApiEngine, text, zipOf, type ApiEngine } from './helpers/lambdaApi';
import { UUID } from './helpers/engine';

async function collect(events: AsyncIterable<InvokeWithResponseStreamResponseEvent> | undefined): Promise<{ chunks: string[]; complete?: Record<string, unknown> }> {
  const chunks: string[] = [];
  let complete: Record<string, unknown> | undefined;
  for await (const ev of events ?? []) {
    if (ev.PayloadChunk) chunks.push(text(ev.PayloadChunk.Payload));
    if (ev.InvokeComplete) complete = { ...ev.InvokeComplete };
  }
  return { chunks, complete };
}

describe('Lambda API: invoke through the AWS SDK', () => {
  let e: ApiEngine;
  before(async () => {
    e = await startApiEngine();
  });
  after(() => e.dispose());

  test('Invoke answers the function result, the executed version, and the endpoint the function sees', async () => {
    const out = await e.client.send(new InvokeCommand({ FunctionName: 'echo', Payload: JSON.stringify({ n: 1 }) }));
    assert.equal(out.StatusCode, 200);
    assert.equal(out.ExecutedVersion, '$LATEST');
    assert.equal(out.FunctionError, undefined);
    const body = JSON.parse(text(out.Payload));
    assert.deepEqual(body.event, { n: 1 });
    assert.equal(body.endpoint, e.api.url, 'AWS_ENDPOINT_URL_LAMBDA points at this engine');
    assert.equal(body.region, 'us-east-1');
    assert.equal(body.hasCredentials, true, 'placeholder credentials so SDK clients can sign');
    assert.match(out.$metadata.requestId ?? '', UUID);
  });

  test("a function's own AWS_ENDPOINT_URL_LAMBDA wins over the engine's", async () => {
    const code = zipOf({ 'index.js': 'exports.handler = async () => process.env.AWS_ENDPOINT_URL_LAMBDA;' });
    await e.client.send(
      new CreateFunctionCommand({ FunctionName: 'own-endpoint', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::123456789012:role/r', Code: { ZipFile: code }, Environment: { Variables: { AWS_ENDPOINT_URL_LAMBDA: 'http://127.0.0.1:9' } } }),
    );
    assert.equal(JSON.parse(text((await e.client.send(new InvokeCommand({ FunctionName: 'own-endpoint' }))).Payload)), 'http://127.0.0.1:9');
  });

  test('LogType Tail returns the invocation log, base64, START to REPORT', async () => {
    const out = await e.client.send(new InvokeCommand({ FunctionName: 'logs', Payload: '{"n":7}', LogType: 'Tail' }));
    const log = Buffer.from(out.LogResult ?? '', 'base64').toString('utf8');
    const id = out.$metadata.requestId!;
    assert.match(log, new RegExp(`^START RequestId: ${id} Version: \\$LATEST\\n`));
    assert.match(log, /line for the tail 7/);
    assert.match(log, new RegExp(`REPORT RequestId: ${id}\\tDuration: `));
    assert.ok(Buffer.from(out.LogResult!, 'base64').length <= 4096);
  });

  test('ClientContext reaches context.clientContext', async () => {
    const cc = { custom: { who: 'sdk' }, env: { locale: 'en' } };
    const out = await e.client.send(new InvokeCommand({ FunctionName: 'echo', ClientContext: Buffer.from(JSON.stringify(cc)).toString('base64') }));
    assert.deepEqual(JSON.parse(text(out.Payload)).clientContext?.custom, { who: 'sdk' });
  });

  test('a failing function: 200 with X-Amz-Function-Error Unhandled and the error payload', async () => {
    const out = await e.client.send(new InvokeCommand({ FunctionName: 'fails' }));
    assert.equal(out.StatusCode, 200);
    assert.equal(out.FunctionError, 'Unhandled');
    const err = JSON.parse(text(out.Payload));
    assert.equal(err.errorType, 'TypeError');
    assert.equal(err.errorMessage, 'echo refused');
  });

  test('DryRun answers 204 for a function that exists, ResourceNotFoundException for one that does not', async () => {
    const out = await e.client.send(new InvokeCommand({ FunctionName: 'echo', InvocationType: 'DryRun' }));
    assert.equal(out.StatusCode, 204);
    await assert.rejects(e.client.send(new InvokeCommand({ FunctionName: 'missing', InvocationType: 'DryRun' })), ResourceNotFoundException);
  });

  test('an unknown function or qualifier is a ResourceNotFoundException with Lambda\'s message', async () => {
    await assert.rejects(e.client.send(new InvokeCommand({ FunctionName: 'missing' })), (err: Error) => {
      assert.ok(err instanceof ResourceNotFoundException);
      assert.equal(err.message, 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:missing');
      assert.equal((err as ResourceNotFoundException).$metadata.httpStatusCode, 404);
      return true;
    });
    await assert.rejects(e.client.send(new InvokeCommand({ FunctionName: 'echo', Qualifier: '7' })), ResourceNotFoundException);
  });

  test('full and partial ARNs name the same function', async () => {
    for (const FunctionName of ['arn:aws:lambda:us-east-1:123456789012:function:echo', '123456789012:function:echo', 'echo:$LATEST']) {
      const out = await e.client.send(new InvokeCommand({ FunctionName, Payload: '{"arn":true}' }));
      assert.deepEqual(JSON.parse(text(out.Payload)).event, { arn: true }, FunctionName);
    }
  });

  test('a body that is not JSON is an InvalidRequestContentException', async () => {
    await assert.rejects(e.client.send(new InvokeCommand({ FunctionName: 'echo', Payload: 'not json' })), InvalidRequestContentException);
  });

  test('Event is answered 202 with the request id once queued, and the event then runs under that id (§9)', async () => {
    const out = await e.client.send(new InvokeCommand({ FunctionName: 'echo', InvocationType: 'Event', Payload: '{"queued":1}' }));
    assert.equal(out.StatusCode, 202);
    assert.match(out.$metadata.requestId ?? '', /^[0-9a-f-]{36}$/);
    await e.service.async.idle();
    const ran = (await e.service.listHistory('echo')).find((r) => r.id === out.$metadata.requestId);
    assert.equal(ran?.origin, 'async');
    assert.equal(ran?.status, 'success');
  });

  test('Event goes to the pluggable asynchronous hook when one is given', async () => {
    const queued: string[] = [];
    const q = await startApiEngine({
      asyncInvoke: (name, payload) => {
        queued.push(`${name}:${payload.toString()}`);
        return Promise.resolve({ requestId: '00000000-0000-4000-8000-000000000001' });
      },
    });
    try {
      const out = await q.client.send(new InvokeCommand({ FunctionName: 'echo', InvocationType: 'Event', Payload: '{"later":1}' }));
      assert.equal(out.StatusCode, 202);
      assert.equal(out.$metadata.requestId, '00000000-0000-4000-8000-000000000001');
      assert.deepEqual(queued, ['echo:{"later":1}']);
    } finally {
      await q.dispose();
    }
  });

  test('InvokeWithResponseStream: PayloadChunk events as the function writes, then InvokeComplete', async () => {
    const out = await e.client.send(new InvokeWithResponseStreamCommand({ FunctionName: 'streamer', LogType: 'Tail' }));
    assert.equal(out.StatusCode, 200);
    assert.equal(out.ExecutedVersion, '$LATEST');
    const { chunks, complete } = await collect(out.EventStream);
    assert.equal(chunks.join(''), 'chunk-1\nchunk-2\nchunk-3\n');
    assert.ok(chunks.length >= 2, `streamed in pieces, got ${JSON.stringify(chunks)}`);
    assert.equal(complete?.ErrorCode, undefined);
    assert.match(Buffer.from(String(complete?.LogResult), 'base64').toString(), /^START RequestId: /);
  });

  test('InvokeWithResponseStream of a buffered function: one chunk with the whole response', async () => {
    const out = await e.client.send(new InvokeWithResponseStreamCommand({ FunctionName: 'echo', Payload: '{"s":1}' }));
    const { chunks, complete } = await collect(out.EventStream);
    assert.deepEqual(JSON.parse(chunks.join('')).event, { s: 1 });
    assert.deepEqual(complete, {});
  });

  test('InvokeWithResponseStream of a failing function: status 200, the failure in InvokeComplete', async () => {
    const out = await e.client.send(new InvokeWithResponseStreamCommand({ FunctionName: 'stream-fails' }));
    assert.equal(out.StatusCode, 200);
    const { chunks, complete } = await collect(out.EventStream);
    assert.equal(chunks.join(''), 'partial');
    assert.equal(complete?.ErrorCode, 'Error');
    assert.match(String(complete?.ErrorDetails), /stream broke/);
  });

  test('InvokeWithResponseStream of an unknown function is an HTTP error, before any event', async () => {
    await assert.rejects(e.client.send(new InvokeWithResponseStreamCommand({ FunctionName: 'missing' })), ResourceNotFoundException);
  });
});
