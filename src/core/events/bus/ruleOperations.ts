// core/events/bus: EventBridge's rule and target operations on the local buses (PutRule, DeleteRule,
// DescribeRule, ListRules, PutTargets, RemoveTargets, ListTargetsByRule, ListEventBuses, TestEventPattern),
// with EventBridge's input and output shapes and its checks. Rules made here are kept by the bus on disk.
import { WorkbenchError } from '../../common/errors';
import { compilePattern, validatePattern } from '../pattern/compilePattern';
import type { RuleDecl, RuleTarget } from '../resourceTypes';
import { parseSchedule } from '../schedule/scheduleExpression';
import type { LocalBus } from './localBus';
import type { LocalEventBridge } from './localEventBridge';

type In = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function required(input: In, key: string): string {
  const v = str(input[key]);
  if (!v) throw new WorkbenchError('INVALID_PARAMETER', `1 validation error detected: Value null at '${key.charAt(0).toLowerCase()}${key.slice(1)}' failed to satisfy constraint: Member must not be null`);
  return v;
}

function busName(input: In): string {
  return (str(input.EventBusName) ?? 'default').replace(/^arn:aws[\w-]*:events:[^:]*:\d*:event-bus\//, '');
}

function wireRule(bus: LocalBus, r: RuleDecl): In {
  return {
    Name: r.name,
    Arn: r.arn,
    ...(r.eventPattern !== undefined ? { EventPattern: JSON.stringify(r.eventPattern) } : {}),
    ...(r.scheduleExpression ? { ScheduleExpression: r.scheduleExpression } : {}),
    State: r.state,
    ...(r.description ? { Description: r.description } : {}),
    EventBusName: bus.name,
  };
}

function wireTarget(t: RuleTarget): In {
  return {
    Id: t.id,
    Arn: t.arn,
    ...(t.input !== undefined ? { Input: t.input } : {}),
    ...(t.inputPath !== undefined ? { InputPath: t.inputPath } : {}),
    ...(t.inputTransformer ? { InputTransformer: { InputPathsMap: t.inputTransformer.inputPathsMap, InputTemplate: t.inputTransformer.inputTemplate } } : {}),
    ...(t.deadLetterArn ? { DeadLetterConfig: { Arn: t.deadLetterArn } } : {}),
    ...(t.retryPolicy ? { RetryPolicy: { MaximumRetryAttempts: t.retryPolicy.maximumRetryAttempts, MaximumEventAgeInSeconds: t.retryPolicy.maximumEventAgeInSeconds } } : {}),
  };
}

export async function putRule(eb: LocalEventBridge, input: In): Promise<In> {
  const name = required(input, 'Name');
  if (!/^[.\-_A-Za-z0-9]{1,64}$/.test(name)) throw new WorkbenchError('INVALID_PARAMETER', `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+`);
  const bus = await eb.bus(busName(input));
  const pattern = str(input.EventPattern);
  const schedule = str(input.ScheduleExpression);
  if (!pattern && !schedule) throw new WorkbenchError('INVALID_PARAMETER', 'Parameter(s) EventPattern or ScheduleExpression must be specified.');
  if (pattern) validatePattern(pattern);
  if (schedule) {
    if (bus.name !== 'default') throw new WorkbenchError('INVALID_PARAMETER', 'ScheduleExpression is supported only on the default event bus.');
    parseSchedule(schedule);
  }
  const state = input.State === 'DISABLED' ? 'DISABLED' : 'ENABLED';
  const old = bus.ruleDecls().find((r) => r.name === name);
  const arn = `arn:aws:events:${bus.arn.split(':')[3]}:${bus.arn.split(':')[4]}:rule/${bus.name === 'default' ? '' : `${bus.name}/`}${name}`;
  await bus.saveRule(name, { name, arn, eventPattern: pattern ? JSON.parse(pattern) : undefined, scheduleExpression: schedule, state, description: str(input.Description), targets: old?.targets ?? [], origin: 'api' });
  if (eb.runner.started) await eb.refreshSchedules();
  return { RuleArn: arn };
}

export async function deleteRule(eb: LocalEventBridge, input: In): Promise<In> {
  const name = required(input, 'Name');
  const bus = await eb.bus(busName(input));
  const r = bus.ruleDecls().find((x) => x.name === name);
  if (r?.targets.length) throw new WorkbenchError('INVALID_PARAMETER', "Rule can't be deleted since it has targets.");
  if (r) await bus.saveRule(name, undefined);
  if (eb.runner.started) await eb.refreshSchedules();
  return {};
}

export async function describeRule(eb: LocalEventBridge, input: In): Promise<In> {
  const bus = await eb.bus(busName(input));
  return { ...wireRule(bus, bus.rule(required(input, 'Name'))), CreatedBy: bus.arn.split(':')[4] };
}

export async function listRules(eb: LocalEventBridge, input: In): Promise<In> {
  const bus = await eb.bus(busName(input));
  const prefix = str(input.NamePrefix) ?? '';
  return { Rules: bus.ruleDecls().filter((r) => r.name.startsWith(prefix)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((r) => wireRule(bus, r)) };
}

function readTarget(t: In): RuleTarget {
  const id = required(t, 'Id');
  const arn = required(t, 'Arn');
  const it = t.InputTransformer as In | undefined;
  const dlq = t.DeadLetterConfig as In | undefined;
  const rp = t.RetryPolicy as In | undefined;
  const count = [t.Input, t.InputPath, it].filter((x) => x !== undefined).length;
  if (count > 1) throw new WorkbenchError('INVALID_PARAMETER', `Target ${id}: only one of Input, InputPath and InputTransformer may be given.`);
  return {
    id,
    arn,
    input: str(t.Input),
    inputPath: str(t.InputPath),
    inputTransformer: it && typeof it.InputTemplate === 'string' ? { inputTemplate: it.InputTemplate, inputPathsMap: it.InputPathsMap as Record<string, string> | undefined } : undefined,
    deadLetterArn: dlq ? str(dlq.Arn) : undefined,
    retryPolicy: rp ? { maximumRetryAttempts: rp.MaximumRetryAttempts as number | undefined, maximumEventAgeInSeconds: rp.MaximumEventAgeInSeconds as number | undefined } : undefined,
  };
}

export async function putTargets(eb: LocalEventBridge, input: In): Promise<In> {
  const bus = await eb.bus(busName(input));
  const rule = bus.rule(required(input, 'Rule'));
  if (!Array.isArray(input.Targets) || !input.Targets.length) throw new WorkbenchError('INVALID_PARAMETER', "1 validation error detected: Value at 'targets' failed to satisfy constraint: Member must have length greater than or equal to 1");
  const incoming = (input.Targets as In[]).map(readTarget);
  const targets = [...rule.targets.filter((t) => !incoming.some((n) => n.id === t.id)), ...incoming];
  if (targets.length > 5) throw new WorkbenchError('INVALID_PARAMETER', `The requested resource exceeds the maximum number allowed: a rule has at most 5 targets, "${rule.name}" would have ${targets.length}.`);
  await bus.saveRule(rule.name, { ...rule, targets, origin: 'api' });
  return { FailedEntryCount: 0, FailedEntries: [] };
}

export async function removeTargets(eb: LocalEventBridge, input: In): Promise<In> {
  const bus = await eb.bus(busName(input));
  const rule = bus.rule(required(input, 'Rule'));
  const ids = Array.isArray(input.Ids) ? (input.Ids as string[]) : [];
  await bus.saveRule(rule.name, { ...rule, targets: rule.targets.filter((t) => !ids.includes(t.id)), origin: 'api' });
  return { FailedEntryCount: 0, FailedEntries: [] };
}

export async function listTargetsByRule(eb: LocalEventBridge, input: In): Promise<In> {
  const bus = await eb.bus(busName(input));
  return { Targets: bus.rule(required(input, 'Rule')).targets.map(wireTarget) };
}

export async function listEventBuses(eb: LocalEventBridge, input: In): Promise<In> {
  const prefix = str(input.NamePrefix) ?? '';
  return { EventBuses: (await eb.buses()).filter((b) => b.name.startsWith(prefix)).map((b) => ({ Name: b.name, Arn: b.arn })) };
}

export function testEventPattern(input: In): In {
  const match = compilePattern(required(input, 'EventPattern'));
  let event: unknown;
  try {
    event = JSON.parse(required(input, 'Event'));
  } catch {
    throw new WorkbenchError('INVALID_PARAMETER', 'Parameter Event is not valid: it is not JSON.');
  }
  return { Result: match(event) };
}
