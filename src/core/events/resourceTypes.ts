// core/events: the shapes shared by the local AWS-like resources (queues, topics, buses, streams, tables):
// what the template declares, and what every resource that can receive a message offers.
import type { Clock } from '../common/clock';

/** A message attribute as SQS and SNS carry them. */
export interface MessageAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

export interface QueueDecl {
  kind: 'queue';
  logicalId?: string;
  name: string;
  arn: string;
  fifo: boolean;
  /** Seconds a received message stays invisible (SQS default 30). */
  visibilityTimeout: number;
  /** RedrivePolicy: after maxReceiveCount receives, a message moves to this queue. */
  redrive?: { deadLetterTargetArn: string; maxReceiveCount: number };
  /** The other SQS queue attributes (template, CreateQueue, SetQueueAttributes); SQS defaults when absent. */
  delaySeconds?: number;
  retentionPeriod?: number;
  receiveWaitTime?: number;
  maximumMessageSize?: number;
  contentBasedDeduplication?: boolean;
  /** Engine-clock epoch ms of CreateQueue (queues the API created). */
  createdAt?: number;
}

export interface Subscription {
  protocol: 'lambda' | 'sqs';
  /** Function or queue ARN. */
  endpoint: string;
  /** SQS subscriptions: the message alone instead of the SNS JSON envelope. */
  raw?: boolean;
  /** FilterPolicy (JSON object) and its scope (SNS default MessageAttributes). */
  filterPolicy?: unknown;
  filterPolicyScope?: 'MessageAttributes' | 'MessageBody';
}

export interface TopicDecl {
  kind: 'topic';
  logicalId?: string;
  name: string;
  arn: string;
  fifo: boolean;
  subscriptions: Subscription[];
}

/** A target of an EventBridge rule or schedule: where matching events go, and how they are reshaped. */
export interface RuleTarget {
  id: string;
  /** Function, queue, topic or event bus ARN. */
  arn: string;
  /** Constant JSON text sent instead of the event. */
  input?: string;
  /** JSONPath of the part of the event sent ("$.detail"). */
  inputPath?: string;
  inputTransformer?: { inputPathsMap?: Record<string, string>; inputTemplate: string };
  /** SQS queue that gets what could not be delivered. */
  deadLetterArn?: string;
  retryPolicy?: { maximumRetryAttempts?: number; maximumEventAgeInSeconds?: number };
}

export interface RuleDecl {
  name: string;
  arn: string;
  logicalId?: string;
  description?: string;
  /** The pattern (object) or a schedule expression; a rule has one or both. */
  eventPattern?: unknown;
  scheduleExpression?: string;
  state: 'ENABLED' | 'DISABLED';
  targets: RuleTarget[];
  /** Where the rule came from: the template, or PutRule on the API (kept in the bus's journal). */
  origin?: 'template' | 'api';
}

export interface BusDecl {
  kind: 'bus';
  logicalId?: string;
  name: string;
  arn: string;
  rules: RuleDecl[];
}

/** An EventBridge Scheduler schedule (AWS::Scheduler::Schedule, SAM ScheduleV2). */
export interface ScheduleDecl {
  kind: 'schedule';
  logicalId?: string;
  name: string;
  group: string;
  arn: string;
  expression: string;
  timezone?: string;
  state: 'ENABLED' | 'DISABLED';
  target: RuleTarget;
}

/** A Kinesis-like data stream (AWS::Kinesis::Stream, CreateStream). */
export interface StreamDecl {
  kind: 'stream';
  logicalId?: string;
  name: string;
  arn: string;
  shardCount: number;
  /** RetentionPeriodHours (Kinesis default 24). */
  retentionHours: number;
  createdAt?: number;
}

export type StreamViewType = 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';

/** A table with a minimal item store and, with a StreamSpecification, a DynamoDB-Streams-like stream (§11.4). */
export interface TableDecl {
  kind: 'table';
  logicalId?: string;
  name: string;
  arn: string;
  /** KeySchema: the hash key, then the range key if any. */
  keys: { name: string; type: 'HASH' | 'RANGE' }[];
  streamViewType?: StreamViewType;
  /** arn:aws:dynamodb:…:table/<name>/stream/<label>, when the table has a stream. */
  streamArn?: string;
  createdAt?: number;
}

export type LocalResourceDecl = QueueDecl | TopicDecl | BusDecl | ScheduleDecl | StreamDecl | TableDecl;

/** Something a message can be sent to (a destination, a dead-letter target, a subscription). */
export interface MessageTarget {
  readonly arn: string;
  /** Resolves once the message is durably stored (or fanned out to durable places). */
  send(body: string, attributes?: Record<string, MessageAttribute>): Promise<{ messageId: string }>;
}

/** What a resource plugin gets from the engine. */
export interface ResourceContext {
  /** Where durable resources keep their journals. */
  dir: string;
  clock: Clock;
  region: string;
  accountId: string;
  warn(message: string): void;
  /** An asynchronous (Event) invoke of a function by ARN: topics' lambda subscriptions. */
  invokeAsync(functionArn: string, payload: string): Promise<{ requestId: string }>;
  /** Another local resource by ARN (a topic's queue subscriptions, a queue's redrive target). */
  target(arn: string): Promise<MessageTarget | undefined>;
}
