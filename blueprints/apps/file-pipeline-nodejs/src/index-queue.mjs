// SPDX-License-Identifier: MIT-0
// The index queue (INDEX_QUEUE_URL) as both functions use it. The SDK is the one the Lambda runtime provides,
// loaded on first use: unit tests pass their own queue and never load it.
const MAX_BATCH = 10; // SQS's limit for SendMessageBatch and ReceiveMessage

export function queue(url = process.env.INDEX_QUEUE_URL) {
  let client;
  const sqs = async () => {
    const mod = await import('@aws-sdk/client-sqs');
    // The client's endpoint, not the queue URL's host: in AWS both are sqs.<region>.amazonaws.com; locally the
    // endpoint is the one lambda-workbench sets (AWS_ENDPOINT_URL_SQS) while the URL still names AWS.
    client ??= new mod.SQSClient({ useQueueUrlAsEndpoint: false });
    return { client, mod };
  };
  return {
    /** Sends entries as JSON messages, ten at a time; throws when any is refused. */
    async send(entries) {
      const { client, mod } = await sqs();
      for (let i = 0; i < entries.length; i += MAX_BATCH) {
        const chunk = entries.slice(i, i + MAX_BATCH);
        const r = await client.send(new mod.SendMessageBatchCommand({ QueueUrl: url, Entries: chunk.map((e, j) => ({ Id: String(j), MessageBody: JSON.stringify(e) })) }));
        if (r.Failed?.length) throw new Error(`The index queue refused ${r.Failed.length} message(s): ${r.Failed[0].Message}`);
      }
    },
    /** Up to ten messages, each { entry, receiptHandle }; empty when the queue has none. */
    async receive() {
      const { client, mod } = await sqs();
      const r = await client.send(new mod.ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: MAX_BATCH, WaitTimeSeconds: 0 }));
      return (r.Messages ?? []).map((m) => ({ entry: JSON.parse(m.Body), receiptHandle: m.ReceiptHandle }));
    },
    async remove(batch) {
      const { client, mod } = await sqs();
      await client.send(new mod.DeleteMessageBatchCommand({ QueueUrl: url, Entries: batch.map((m, j) => ({ Id: String(j), ReceiptHandle: m.receiptHandle })) }));
    },
  };
}
