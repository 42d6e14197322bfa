// core/events/mappings/sqs: the record an SQS event source mapping hands the function for one message, in the
// exact shape of lambda-semantics.md §11.2 (every attribute value a string, timestamps in epoch ms).
import type { QueueMessage } from '../../queue/queueMessages';

export interface SqsMessageAttributeRecord {
  stringValue?: string;
  binaryValue?: string;
  stringListValues: string[];
  binaryListValues: string[];
  dataType: string;
}

export interface SqsRecord {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: Record<string, string>;
  messageAttributes: Record<string, SqsMessageAttributeRecord>;
  md5OfBody: string;
  eventSource: 'aws:sqs';
  eventSourceARN: string;
  awsRegion: string;
}

/** The SenderId the local SQS reports (as ReceiveMessage does). */
export const LOCAL_SENDER_ID = 'AIDALOCALWORKBENCH';

export function sqsRecord(m: QueueMessage, eventSourceArn: string, region: string): SqsRecord {
  const attributes: Record<string, string> = {
    ApproximateReceiveCount: String(m.receiveCount),
    SentTimestamp: String(m.sentAt),
    SenderId: LOCAL_SENDER_ID,
    ApproximateFirstReceiveTimestamp: String(m.firstReceiveAt ?? m.sentAt),
  };
  if (m.sequenceNumber !== undefined) attributes.SequenceNumber = m.sequenceNumber;
  if (m.groupId !== undefined) attributes.MessageGroupId = m.groupId;
  if (m.dedupId !== undefined) attributes.MessageDeduplicationId = m.dedupId;
  if (m.traceHeader !== undefined) attributes.AWSTraceHeader = m.traceHeader;
  const messageAttributes: Record<string, SqsMessageAttributeRecord> = {};
  for (const [name, a] of Object.entries(m.attributes)) {
    const binary = a.DataType.startsWith('Binary');
    messageAttributes[name] = { ...(binary ? { binaryValue: a.BinaryValue } : { stringValue: a.StringValue }), stringListValues: [], binaryListValues: [], dataType: a.DataType };
  }
  return { messageId: m.messageId, receiptHandle: m.receiptHandle ?? '', body: m.body, attributes, messageAttributes, md5OfBody: m.md5OfBody, eventSource: 'aws:sqs', eventSourceARN: eventSourceArn, awsRegion: region };
}
