// core/samples: messaging sources — SQS standard and FIFO (lambda-semantics.md §11.2), SNS, EventBridge events and
// schedules (§11.5's envelope), SES email receiving, CloudWatch Logs subscriptions (gzip + base64 `awslogs.data`).
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { digits, hex, isoSeconds, md5, token } from './sampleHelpers';
import { flag, type SampleContext, type SampleEvent } from './sampleTypes';

function sqsRecord(ctx: SampleContext, fifo: boolean): Record<string, unknown> {
  const { body } = ctx.flags;
  const ms = String(ctx.now.getTime());
  const queue = fifo && !ctx.flags['queue-name'].endsWith('.fifo') ? `${ctx.flags['queue-name']}.fifo` : ctx.flags['queue-name'];
  return {
    messageId: randomUUID(),
    receiptHandle: token(),
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: ms,
      SenderId: `AIDA${hex(8).toUpperCase()}`,
      ApproximateFirstReceiveTimestamp: ms,
      ...(fifo ? { SequenceNumber: digits(20), MessageGroupId: ctx.flags['group-id'], MessageDeduplicationId: md5(body) } : {}),
    },
    messageAttributes: {},
    md5OfBody: md5(body),
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:${ctx.partition}:sqs:${ctx.region}:${ctx.accountId}:${queue}`,
    awsRegion: ctx.region,
  };
}

const sqs: SampleEvent = {
  service: 'sqs',
  event: 'receive-message',
  label: 'SQS',
  description: 'one message from a standard queue',
  flags: { body: flag('{"orderId":"123456"}', 'message body'), 'queue-name': flag('my-queue', 'queue name') },
  create: (ctx) => ({ Records: [sqsRecord(ctx, false)] }),
};

const sqsFifo: SampleEvent = {
  service: 'sqs',
  event: 'receive-message-fifo',
  label: 'SQS FIFO',
  description: 'one message from a FIFO queue, with its group and deduplication ids',
  flags: { body: flag('{"orderId":"123456"}', 'message body'), 'queue-name': flag('my-queue.fifo', 'queue name'), 'group-id': flag('group-1', 'message group id') },
  create: (ctx) => ({ Records: [sqsRecord(ctx, true)] }),
};

const sns: SampleEvent = {
  service: 'sns',
  event: 'notification',
  label: 'SNS',
  description: 'one notification from a topic',
  flags: { topic: flag('my-topic', 'topic name'), subject: flag('example subject', 'subject'), message: flag('example message', 'message') },
  create: (ctx) => {
    const topic = `arn:${ctx.partition}:sns:${ctx.region}:${ctx.accountId}:${ctx.flags.topic}`;
    return {
      Records: [{
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: `${topic}:${randomUUID()}`,
        Sns: {
          Type: 'Notification',
          MessageId: randomUUID(),
          TopicArn: topic,
          Subject: ctx.flags.subject,
          Message: ctx.flags.message,
          Timestamp: ctx.now.toISOString(),
          SignatureVersion: '1',
          Signature: token(32),
          SigningCertUrl: `https://sns.${ctx.region}.amazonaws.com/SimpleNotificationService-${hex(16)}.pem`,
          UnsubscribeUrl: `https://sns.${ctx.region}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${topic}`,
          MessageAttributes: {},
        },
      }],
    };
  },
};

const eventBridge: SampleEvent = {
  service: 'eventbridge',
  event: 'event',
  label: 'EventBridge event',
  description: 'an event delivered by a rule',
  flags: { source: flag('com.example.orders', 'source'), 'detail-type': flag('Order Placed', 'detail-type'), detail: flag('{"orderId":"123456"}', 'detail (JSON)') },
  create: (ctx) => ({
    version: '0',
    id: randomUUID(),
    'detail-type': ctx.flags['detail-type'],
    source: ctx.flags.source,
    account: ctx.accountId,
    time: isoSeconds(ctx.now),
    region: ctx.region,
    resources: [],
    detail: JSON.parse(ctx.flags.detail) as unknown,
  }),
};

const schedule: SampleEvent = {
  service: 'cloudwatch',
  event: 'scheduled-event',
  label: 'EventBridge (schedule)',
  description: 'a Scheduled Event from a rule',
  flags: { rule: flag('my-schedule', 'rule name') },
  create: (ctx) => ({
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: ctx.accountId,
    time: isoSeconds(ctx.now),
    region: ctx.region,
    resources: [`arn:${ctx.partition}:events:${ctx.region}:${ctx.accountId}:rule/${ctx.flags.rule}`],
    detail: {},
  }),
};

const logs: SampleEvent = {
  service: 'cloudwatch',
  event: 'logs',
  label: 'CloudWatch Logs subscription',
  description: 'log events from a subscription filter (gzip, base64)',
  flags: { 'log-group': flag('/aws/lambda/my-function', 'log group'), message: flag('[ERROR] First test message', 'the log message') },
  create: (ctx) => {
    const t = ctx.now.getTime();
    const data = {
      messageType: 'DATA_MESSAGE',
      owner: ctx.accountId,
      logGroup: ctx.flags['log-group'],
      logStream: `${ctx.now.toISOString().slice(0, 10).replace(/-/g, '/')}/[$LATEST]${hex(16)}`,
      subscriptionFilters: ['my-filter'],
      logEvents: [{ id: digits(56), timestamp: t, message: ctx.flags.message }, { id: digits(56), timestamp: t, message: '[ERROR] Second test message' }],
    };
    return { awslogs: { data: gzipSync(JSON.stringify(data)).toString('base64') } };
  },
};

const ses: SampleEvent = {
  service: 'ses',
  event: 'email-receiving',
  label: 'SES email receiving',
  description: 'a received email with its receipt verdicts',
  flags: { from: flag('sender@example.com', 'sender'), to: flag('recipient@example.com', 'recipient'), subject: flag('Test Subject', 'subject') },
  create: (ctx) => {
    const f = ctx.flags;
    const messageId = hex(16);
    const pass = { status: 'PASS' };
    return {
      Records: [{
        eventSource: 'aws:ses',
        eventVersion: '1.0',
        ses: {
          mail: {
            timestamp: ctx.now.toISOString(),
            source: f.from,
            messageId,
            destination: [f.to],
            headersTruncated: false,
            headers: [{ name: 'From', value: f.from }, { name: 'To', value: f.to }, { name: 'Subject', value: f.subject }, { name: 'Content-Type', value: 'text/plain; charset=UTF-8' }],
            commonHeaders: { returnPath: f.from, from: [f.from], date: ctx.now.toUTCString(), to: [f.to], messageId: `<${messageId}@example.com>`, subject: f.subject },
          },
          receipt: {
            timestamp: ctx.now.toISOString(),
            processingTimeMillis: 574,
            recipients: [f.to],
            spamVerdict: pass,
            virusVerdict: pass,
            spfVerdict: pass,
            dkimVerdict: pass,
            dmarcVerdict: pass,
            action: { type: 'Lambda', functionArn: `arn:${ctx.partition}:lambda:${ctx.region}:${ctx.accountId}:function:my-function`, invocationType: 'Event' },
          },
        },
      }],
    };
  },
};

export const MESSAGING_SAMPLES: readonly SampleEvent[] = [sqs, sqsFifo, sns, eventBridge, schedule, logs, ses];
