// Streams the response as it is produced: the client sees each line at once, and the body may exceed the
// 6 MB buffered limit. `awslambda` is a global of the Node.js runtime (no import).
import { setTimeout as sleep } from 'node:timers/promises';

export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
  const stream = awslambda.HttpResponseStream.from(responseStream, {
    statusCode: 200,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
  const count = Number(event.queryStringParameters?.count ?? 3);
  for (let i = 1; i <= count; i++) {
    stream.write(`line ${i} of ${count}\n`);
    await sleep(100);
  }
  stream.end();
});
