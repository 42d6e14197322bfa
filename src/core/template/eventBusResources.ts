// core/template: the EventBridge side of the local resources, as the template declares it —
// AWS::Events::EventBus, AWS::Events::Rule (EventPattern and/or ScheduleExpression, State, Targets with
// Input / InputPath / InputTransformer, DeadLetterConfig, RetryPolicy), AWS::Scheduler::Schedule, and SAM
// functions' `Events` of type EventBridgeRule / CloudWatchEvent (Pattern, EventBusName, Input, InputPath,
// InputTransformer, Target.Id, DeadLetterConfig, RetryPolicy, RuleName, State), Schedule (Schedule, Input,
// Enabled/State) and ScheduleV2 (ScheduleExpression incl. at(), ScheduleExpressionTimezone, Input,
// RetryPolicy, State; FlexibleTimeWindow is ignored — a local schedule fires at the exact time).
import type { BusDecl, LocalResourceDecl, QueueDecl, RuleDecl, RuleTarget, ScheduleDecl } from '../events/resourceTypes';
import type { FunctionConfig } from '../model/functionConfig';
import { isRecord, type ResourceEntry, type TemplateContext } from './context';

type Props = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function retryPolicy(v: unknown): RuleTarget['retryPolicy'] {
  if (!isRecord(v)) return undefined;
  const n = (x: unknown) => (x === undefined || x === null || Number.isNaN(Number(x)) ? undefined : Number(x));
  return { maximumRetryAttempts: n(v.MaximumRetryAttempts), maximumEventAgeInSeconds: n(v.MaximumEventAgeInSeconds) };
}

function transformer(v: unknown): RuleTarget['inputTransformer'] {
  if (!isRecord(v) || typeof v.InputTemplate !== 'string') return undefined;
  const map = isRecord(v.InputPathsMap) ? Object.fromEntries(Object.entries(v.InputPathsMap).filter((e): e is [string, string] => typeof e[1] === 'string')) : undefined;
  return { inputTemplate: v.InputTemplate, inputPathsMap: map };
}

function json(v: unknown): string | undefined {
  return v === undefined ? undefined : typeof v === 'string' ? v : JSON.stringify(v);
}

/** A target from CloudFormation's (Target) or SAM's (event properties) shape. */
function target(id: string, arn: string, p: Props): RuleTarget {
  const dlq = isRecord(p.DeadLetterConfig) ? str(p.DeadLetterConfig.Arn) : undefined;
  return { id, arn, input: json(p.Input), inputPath: str(p.InputPath), inputTransformer: transformer(p.InputTransformer), deadLetterArn: dlq, retryPolicy: retryPolicy(p.RetryPolicy) };
}

export interface EventBusReader {
  ctx: TemplateContext;
  props(e: ResourceEntry): Props;
  name(e: ResourceEntry): string;
}

/** Buses (default included when a rule is on it), rules, Scheduler schedules; functions' events add to them. */
export function readEventBusResources(r: EventBusReader, included: readonly ResourceEntry[], functions: readonly FunctionConfig[]): LocalResourceDecl[] {
  const { region, accountId } = r.ctx.pseudo;
  const buses = new Map<string, BusDecl>();
  const extra: LocalResourceDecl[] = [];
  const busOf = (nameOrArn: string | undefined): BusDecl => {
    const name = (nameOrArn ?? 'default').replace(/^arn:aws[\w-]*:events:[^:]*:\d*:event-bus\//, '');
    let b = buses.get(name);
    if (!b) buses.set(name, (b = { kind: 'bus', name, arn: `arn:aws:events:${region}:${accountId}:event-bus/${name}`, rules: [] }));
    return b;
  };
  const ruleArn = (bus: BusDecl, name: string) => `arn:aws:events:${region}:${accountId}:rule/${bus.name === 'default' ? '' : `${bus.name}/`}${name}`;
  const state = (p: Props, dflt: 'ENABLED' | 'DISABLED' = 'ENABLED'): 'ENABLED' | 'DISABLED' => (p.Enabled === false || p.Enabled === 'false' || p.State === 'DISABLED' ? 'DISABLED' : p.State === 'ENABLED' || p.Enabled === true ? 'ENABLED' : dflt);
  const addRule = (bus: BusDecl, rule: Omit<RuleDecl, 'arn'>) => bus.rules.push({ ...rule, arn: ruleArn(bus, rule.name), origin: 'template' });

  for (const e of included) {
    if (e.type === 'AWS::Events::EventBus') {
      const b = busOf(r.name(e));
      b.logicalId = e.logicalId;
    }
  }
  for (const e of included) {
    try {
      if (e.type === 'AWS::Events::Rule') {
        const p = r.props(e);
        const bus = busOf(str(p.EventBusName));
        const targets = Array.isArray(p.Targets) ? p.Targets.filter(isRecord).flatMap((t) => (typeof t.Arn === 'string' ? [target(str(t.Id) ?? t.Arn, t.Arn, t)] : [])) : [];
        addRule(bus, { name: r.name(e), logicalId: e.logicalId, description: str(p.Description), eventPattern: typeof p.EventPattern === 'string' ? JSON.parse(p.EventPattern) : p.EventPattern, scheduleExpression: str(p.ScheduleExpression), state: state(p), targets });
      } else if (e.type === 'AWS::Scheduler::Schedule') {
        const p = r.props(e);
        const t = isRecord(p.Target) ? p.Target : {};
        const name = str(p.Name) ?? e.logicalId;
        const group = str(p.GroupName) ?? 'default';
        extra.push(schedule(r, name, group, e.logicalId, p, target(name, str(t.Arn) ?? '', t)));
      }
    } catch (err) {
      r.ctx.warn(`Resource "${e.logicalId}" (${e.type}) is not emulated locally: ${(err as Error).message}`);
    }
  }
  for (const fn of functions) {
    const fnArn = `arn:aws:lambda:${region}:${accountId}:function:${fn.functionName}`;
    for (const ev of fn.events) {
      const p = ev.properties;
      const id = `${fn.logicalId}${ev.name}`;
      if (ev.type === 'EventBridgeRule' || ev.type === 'CloudWatchEvent') {
        const t = target(isRecord(p.Target) ? (str(p.Target.Id) ?? `${id}LambdaTarget`) : `${id}LambdaTarget`, fnArn, p);
        if (isRecord(p.DeadLetterConfig) && p.DeadLetterConfig.Type === 'SQS' && !t.deadLetterArn) t.deadLetterArn = implicitQueue(extra, region, accountId, str(p.DeadLetterConfig.QueueLogicalId) ?? `${id}Queue`);
        addRule(busOf(str(p.EventBusName)), { name: str(p.RuleName) ?? id, logicalId: id, eventPattern: p.Pattern, state: state(p), targets: [t] });
      } else if (ev.type === 'Schedule') {
        addRule(busOf(undefined), { name: str(p.Name) ?? id, logicalId: id, description: str(p.Description), scheduleExpression: str(p.Schedule), state: state(p), targets: [target(`${id}LambdaTarget`, fnArn, p)] });
      } else if (ev.type === 'ScheduleV2') {
        const name = str(p.Name) ?? id;
        extra.push(schedule(r, name, str(p.GroupName) ?? 'default', id, p, target(name, fnArn, p)));
      }
    }
  }
  return [...buses.values(), ...extra];
}

function schedule(r: EventBusReader, name: string, group: string, logicalId: string, p: Props, t: RuleTarget): ScheduleDecl {
  const { region, accountId } = r.ctx.pseudo;
  if (isRecord(p.FlexibleTimeWindow) && p.FlexibleTimeWindow.Mode === 'FLEXIBLE') r.ctx.warn(`Schedule "${name}": FlexibleTimeWindow is ignored locally; it fires at the exact scheduled time.`);
  return {
    kind: 'schedule',
    logicalId,
    name,
    group,
    arn: `arn:aws:scheduler:${region}:${accountId}:schedule/${group}/${name}`,
    expression: str(p.ScheduleExpression) ?? '',
    timezone: str(p.ScheduleExpressionTimezone),
    state: p.State === 'DISABLED' ? 'DISABLED' : 'ENABLED',
    target: t,
  };
}

/** SAM's DeadLetterConfig `Type: SQS` creates a queue for the rule; so does this (once per name). */
function implicitQueue(out: LocalResourceDecl[], region: string, accountId: string, name: string): string {
  const arn = `arn:aws:sqs:${region}:${accountId}:${name}`;
  if (!out.some((d) => d.arn === arn)) out.push({ kind: 'queue', logicalId: name, name, arn, fifo: false, visibilityTimeout: 30 } satisfies QueueDecl);
  return arn;
}
