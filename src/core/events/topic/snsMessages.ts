// core/events/topic: the shapes SNS delivers: the JSON envelope an SQS subscriber receives, and the
// `Records[0].Sns` event a Lambda subscriber is invoked with (as the Lambda developer guide shows them).
import type { MessageAttribute } from '../resourceTypes';

export interface Notification {
  messageId: string;
  topicArn: string;
  message: string;
  subject?: string;
  timestamp: string;
  attributes: Record<string, MessageAttribute>;
}

const SIGNING_CERT = 'https://sns.localhost/SimpleNotificationService-local.pem';

function snsAttributes(attributes: Record<string, MessageAttribute>): Record<string, { Type: string; Value: string | undefined }> {
  const out: Record<string, { Type: string; Value: string | undefined }> = {};
  for (const [k, a] of Object.entries(attributes)) out[k] = { Type: a.DataType, Value: a.StringValue ?? a.BinaryValue };
  return out;
}

/** What an SQS queue subscribed without RawMessageDelivery receives as the message body. */
export function sqsEnvelope(n: Notification, region: string, subscriptionArn: string): string {
  const body: Record<string, unknown> = {
    Type: 'Notification',
    MessageId: n.messageId,
    TopicArn: n.topicArn,
    ...(n.subject !== undefined ? { Subject: n.subject } : {}),
    Message: n.message,
    Timestamp: n.timestamp,
    SignatureVersion: '1',
    Signature: 'LOCAL',
    SigningCertURL: SIGNING_CERT,
    UnsubscribeURL: `https://sns.${region}.localhost/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`,
  };
  if (Object.keys(n.attributes).length) body.MessageAttributes = snsAttributes(n.attributes);
  return JSON.stringify(body);
}

/** The event a subscribed function is invoked with (asynchronously, as SNS invokes Lambda). */
export function lambdaEvent(n: Notification, region: string, subscriptionArn: string): string {
  return JSON.stringify({
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: subscriptionArn,
        Sns: {
          Type: 'Notification',
          MessageId: n.messageId,
          TopicArn: n.topicArn,
          Subject: n.subject ?? null,
          Message: n.message,
          Timestamp: n.timestamp,
          SignatureVersion: '1',
          Signature: 'LOCAL',
          SigningCertUrl: SIGNING_CERT,
          UnsubscribeUrl: `https://sns.${region}.localhost/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`,
          MessageAttributes: snsAttributes(n.attributes),
        },
      },
    ],
  });
}
