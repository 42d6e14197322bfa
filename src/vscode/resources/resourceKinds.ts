// vscode layer: the kinds of local resource the Resources view shows, as one table (ARCHITECTURE.md rule 3):
// queues (visible / in flight / delayed, a DLQ badge), topics (subscriptions), event buses (rules), streams
// (shards, records), tables (items, key, stream view) and schedules (next fire time). A kind the engine does not have yet (its EventResources method is missing)
// is left out; adding a kind is one row here.
import type { EventResources } from '../../core/events/eventResources';
import { LocalQueue } from '../../core/events/queue/localQueue';
import { LocalStream } from '../../core/events/stream/localStream';
import { LocalTable } from '../../core/events/table/localTable';
import type { LocalTopic } from '../../core/events/topic/localTopic';
import { arnKind, arnName, clockTime } from '../async/asyncMessages';
import { TREE_ITEMS } from '../ids';

/** A child line of a resource: a topic's subscription, a bus's rule. */
export interface ResourceChildRow {
  label: string;
  description?: string;
  tooltip?: string;
  icon: string;
  contextValue: string;
}

export interface ResourceRow {
  arn: string;
  name: string;
  description: string;
  tooltip: string;
  icon: string;
  contextValue: string;
  children: ResourceChildRow[];
  /** The engine's object (LocalQueue, LocalTopic, a bus…): what the commands act on. */
  target: unknown;
}

export interface KindContext {
  /** ARNs that something uses as a dead-letter queue (a function's DeadLetterConfig, a queue's RedrivePolicy). */
  deadLetterArns: ReadonlySet<string>;
  /** Engine-clock ms → wall-clock ms. */
  toWall(engineMs: number): number;
}

export interface ResourceKind {
  id: 'queue' | 'topic' | 'bus' | 'schedule' | 'stream' | 'table';
  label: string;
  icon: string;
  /** The resources of this kind; undefined when the engine has no such kind (yet). */
  list(res: EventResources, ctx: KindContext): Promise<ResourceRow[] | undefined>;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A method of EventResources that another branch adds (buses, schedules), if this engine has it. */
function optionalList(res: EventResources, method: string): (() => Promise<unknown[]> | unknown[]) | undefined {
  const fn = (res as unknown as Record<string, unknown>)[method];
  return typeof fn === 'function' ? () => (fn as () => Promise<unknown[]> | unknown[]).call(res) : undefined;
}

/** The fields a bus or schedule object offers, read without knowing its class: its own or its stats()'. */
function fieldsOf(o: unknown): Record<string, unknown> {
  if (!o || typeof o !== 'object') return {};
  const rec = o as Record<string, unknown>;
  const stats = typeof rec.stats === 'function' ? ((rec.stats as () => unknown).call(o) as Record<string, unknown>) : {};
  const decl = rec.decl && typeof rec.decl === 'object' ? (rec.decl as Record<string, unknown>) : {};
  return { ...rec, ...decl, name: rec.name, arn: rec.arn, ...stats };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function queueRow(q: LocalQueue, ctx: KindContext): ResourceRow {
  const s = q.stats() as ReturnType<LocalQueue['stats']> & { delayed?: number };
  const dlq = ctx.deadLetterArns.has(q.arn);
  const counts = [`${s.visible} visible`, `${s.inFlight} in flight`, ...(s.delayed !== undefined ? [`${s.delayed} delayed`] : [])];
  const redrive = q.decl.redrive ? `\n\nRedrives to ${arnName(q.decl.redrive.deadLetterTargetArn)} after ${q.decl.redrive.maxReceiveCount} receives` : '';
  return {
    arn: q.arn,
    name: q.name,
    description: [...(dlq ? ['DLQ'] : []), ...(s.fifo ? ['FIFO'] : []), ...counts].join(' · '),
    tooltip: `${q.arn}\n\n${q.url}\n\nJournal: ${s.file}${redrive}`,
    icon: dlq ? 'archive' : 'mail',
    contextValue: dlq ? TREE_ITEMS.deadLetterQueue : TREE_ITEMS.queue,
    children: [],
    target: q,
  };
}

function topicRow(t: LocalTopic): ResourceRow {
  const s = t.stats();
  return {
    arn: t.arn,
    name: t.name,
    description: `${plural(s.subscriptions.length, 'subscription')} · ${s.published} published`,
    tooltip: t.arn,
    icon: 'broadcast',
    contextValue: TREE_ITEMS.topic,
    children: s.subscriptions.map((sub) => ({
      label: `${sub.protocol} → ${arnName(sub.endpoint)}`,
      description: [sub.raw ? 'raw' : undefined, (sub as { filterPolicy?: unknown }).filterPolicy ? 'filtered' : undefined].filter(Boolean).join(' · ') || undefined,
      tooltip: sub.endpoint,
      icon: sub.protocol === 'lambda' ? 'symbol-function' : 'mail',
      contextValue: TREE_ITEMS.subscription,
    })),
    target: t,
  };
}

function busRow(b: unknown): ResourceRow {
  const f = fieldsOf(b);
  const rules = Array.isArray(f.rules) ? (f.rules as unknown[]).map(fieldsOf) : [];
  const name = str(f.name) ?? 'bus';
  return {
    arn: str(f.arn) ?? name,
    name,
    description: [plural(rules.length, 'rule'), typeof f.put === 'number' ? `${f.put} put` : undefined].filter(Boolean).join(' · '),
    tooltip: str(f.arn) ?? name,
    icon: 'symbol-event',
    contextValue: TREE_ITEMS.bus,
    children: rules.map((r) => {
      const targets = Array.isArray(r.targets) ? (r.targets as unknown[]).map((t) => str(fieldsOf(t).arn) ?? str((t as { Arn?: unknown })?.Arn) ?? '?') : [];
      return {
        label: str(r.name) ?? 'rule',
        description: [str(r.state), targets.length ? `→ ${targets.map(arnName).join(', ')}` : undefined].filter(Boolean).join(' · '),
        tooltip: [str(r.arn), r.eventPattern !== undefined ? `Pattern: ${typeof r.eventPattern === 'string' ? r.eventPattern : JSON.stringify(r.eventPattern)}` : undefined].filter(Boolean).join('\n\n'),
        icon: 'filter',
        contextValue: TREE_ITEMS.subscription,
      };
    }),
    target: b,
  };
}

function scheduleRow(s: unknown, ctx: KindContext): ResourceRow {
  const f = fieldsOf(s);
  const name = str(f.name) ?? 'schedule';
  // ScheduleInfo (events/schedule/scheduleRunner.ts): nextFire is an ISO time on the engine clock.
  const nextRaw = f.nextFire ?? f.nextFireAt;
  const next = typeof nextRaw === 'number' ? nextRaw : typeof nextRaw === 'string' ? Date.parse(nextRaw) : undefined;
  const target = str(f.target) ?? str(f.targetArn);
  const targets = typeof f.targets === 'number' ? plural(f.targets, 'target') : undefined;
  return {
    arn: str(f.arn) ?? name,
    name,
    description: [str(f.expression), f.state === 'DISABLED' ? 'disabled' : undefined, next !== undefined && Number.isFinite(next) ? `next ${clockTime(ctx.toWall(next))}` : undefined, target ? `→ ${arnKind(target)} ${arnName(target)}` : targets].filter(Boolean).join(' · '),
    tooltip: [str(f.arn) ?? name, str(f.error)].filter(Boolean).join('\n\n'),
    icon: 'watch',
    contextValue: TREE_ITEMS.schedule,
    children: [],
    target: s,
  };
}

function streamRow(s: LocalStream): ResourceRow {
  const d = s.describe();
  return { arn: s.arn, name: s.name, description: `${plural(s.decl.shardCount, 'shard')} · ${plural(d.records, 'record')}`, tooltip: s.arn, icon: 'pulse', contextValue: TREE_ITEMS.stream, children: [], target: s };
}

function tableRow(t: LocalTable): ResourceRow {
  const keys = t.decl.keys.map((k) => k.name).join(' + ');
  return {
    // The table's own ARN (LocalTable.arn is its stream's, what mappings name).
    arn: t.decl.arn,
    name: t.name,
    description: [plural(t.itemCount(), 'item'), `key ${keys}`, t.viewType ? `stream ${t.viewType}` : 'no stream'].join(' · '),
    tooltip: [t.decl.arn, t.decl.streamArn && `stream: ${t.decl.streamArn}`].filter(Boolean).join('\n'),
    icon: 'table',
    contextValue: TREE_ITEMS.table,
    children: [],
    target: t,
  };
}

export const RESOURCE_KINDS: readonly ResourceKind[] = [
  { id: 'queue', label: 'Queues', icon: 'mail', list: async (res, ctx) => (await res.queues()).filter((q) => q instanceof LocalQueue).map((q) => queueRow(q, ctx)) },
  { id: 'topic', label: 'Topics', icon: 'broadcast', list: async (res) => (await res.topics()).map(topicRow) },
  { id: 'bus', label: 'Event buses', icon: 'symbol-event', list: async (res) => { const l = optionalList(res, 'buses'); return l ? (await l()).map(busRow) : undefined; } },
  { id: 'stream', label: 'Streams', icon: 'pulse', list: async (res) => (await res.ofKind('stream')).filter((s): s is LocalStream => s instanceof LocalStream).map(streamRow) },
  { id: 'table', label: 'Tables', icon: 'table', list: async (res) => (await res.ofKind('table')).filter((t): t is LocalTable => t instanceof LocalTable).map(tableRow) },
  { id: 'schedule', label: 'Schedules', icon: 'watch', list: async (res, ctx) => { const l = optionalList(res, 'schedules'); return l ? (await l()).map((s) => scheduleRow(s, ctx)) : undefined; } },
];
