// core/events: the table of local resource kinds — one plugin per kind, one line each (ARCHITECTURE.md rule
// 3). A plugin names the ARN service it answers for and opens a resource from its declaration.
import { LocalBus } from './bus/localBus';
import { LocalQueue } from './queue/localQueue';
import { LocalStream } from './stream/localStream';
import { LocalTable } from './table/localTable';
import type { LocalResourceDecl, MessageTarget, ResourceContext } from './resourceTypes';
import { LocalTopic } from './topic/localTopic';

export interface ResourcePlugin<D extends LocalResourceDecl = LocalResourceDecl> {
  kind: D['kind'];
  /** The service part of the ARNs this kind has (arn:aws:<service>:…). */
  service: string;
  open(decl: D, ctx: ResourceContext): Promise<MessageTarget & { close?(): Promise<void> }>;
  /** The declaration of a resource known only by its ARN (a destination nobody declared), if this kind allows it. */
  implicit?(arn: string, name: string): D | undefined;
}

const queuePlugin: ResourcePlugin<Extract<LocalResourceDecl, { kind: 'queue' }>> = {
  kind: 'queue',
  service: 'sqs',
  open: (decl, ctx) => LocalQueue.open(decl, ctx),
  implicit: (arn, name) => ({ kind: 'queue', name, arn, fifo: name.endsWith('.fifo'), visibilityTimeout: 30 }),
};

const topicPlugin: ResourcePlugin<Extract<LocalResourceDecl, { kind: 'topic' }>> = {
  kind: 'topic',
  service: 'sns',
  open: (decl, ctx) => LocalTopic.open(decl, ctx),
};

const busPlugin: ResourcePlugin<Extract<LocalResourceDecl, { kind: 'bus' }>> = {
  kind: 'bus',
  service: 'events',
  open: (decl, ctx) => LocalBus.open(decl, ctx),
  implicit: (arn, name) => (name.startsWith('event-bus/') ? { kind: 'bus', name: name.slice('event-bus/'.length), arn, rules: [] } : undefined),
};

const streamPlugin: ResourcePlugin<Extract<LocalResourceDecl, { kind: 'stream' }>> = {
  kind: 'stream',
  service: 'kinesis',
  open: (decl, ctx) => LocalStream.open(decl, ctx),
};

const tablePlugin: ResourcePlugin<Extract<LocalResourceDecl, { kind: 'table' }>> = {
  kind: 'table',
  service: 'dynamodb',
  open: (decl, ctx) => LocalTable.open(decl, ctx),
};

export const RESOURCE_PLUGINS: readonly ResourcePlugin[] = [queuePlugin, topicPlugin, busPlugin, streamPlugin, tablePlugin] as ResourcePlugin[];
