// core/template: Application Auto Scaling of provisioned concurrency as SAM apps declare it (lambda-semantics.md
// §8): AWS::ApplicationAutoScaling::ScalableTarget (ServiceNamespace lambda, ScalableDimension
// lambda:function:ProvisionedConcurrency, ResourceId `function:<name>:<alias>`) and a ScalingPolicy of
// PolicyType TargetTrackingScaling on LambdaProvisionedConcurrencyUtilization that names it.
import type { TemplateScalingTarget } from '../model/autoScaling';
import { isRecord, type ResourceEntry, type TemplateContext } from './context';
import type { Resolver } from './intrinsics';

const TARGET = 'AWS::ApplicationAutoScaling::ScalableTarget';
const POLICY = 'AWS::ApplicationAutoScaling::ScalingPolicy';

export function readAutoScaling(ctx: TemplateContext, resolver: Resolver, included: readonly ResourceEntry[]): TemplateScalingTarget[] {
  const out: TemplateScalingTarget[] = [];
  const byResourceId = new Map<string, TemplateScalingTarget>();
  const resolve = (e: ResourceEntry, prop: string): unknown =>
    resolver.resolve(e.properties[prop], { where: `property "${prop}" of "${e.logicalId}"`, pos: ctx.at(e.properties, prop), lenient: true });
  for (const e of included.filter((x) => x.type === TARGET)) {
    if (resolve(e, 'ServiceNamespace') !== 'lambda') continue;
    const resourceId = resolve(e, 'ResourceId');
    const m = typeof resourceId === 'string' ? /^function:([^:]+):([^:]+)$/.exec(resourceId) : null;
    const min = Number(resolve(e, 'MinCapacity'));
    const max = Number(resolve(e, 'MaxCapacity'));
    if (!m || resolve(e, 'ScalableDimension') !== 'lambda:function:ProvisionedConcurrency' || !Number.isInteger(min) || !Number.isInteger(max)) {
      ctx.warn(`Scalable target "${e.logicalId}" is ignored: it needs ResourceId function:<name>:<alias>, ScalableDimension lambda:function:ProvisionedConcurrency and whole MinCapacity/MaxCapacity`, ctx.at(e.raw));
      continue;
    }
    const t: TemplateScalingTarget = { logicalId: e.logicalId, functionName: m[1], qualifier: m[2], minCapacity: min, maxCapacity: max };
    out.push(t);
    byResourceId.set(resourceId as string, t);
  }
  const byLogicalId = new Map(out.map((t) => [t.logicalId, t]));
  for (const e of included.filter((x) => x.type === POLICY)) {
    if (resolve(e, 'PolicyType') !== 'TargetTrackingScaling') continue;
    const ref = e.properties.ScalingTargetId;
    const target = isRecord(ref) && typeof ref.Ref === 'string' ? byLogicalId.get(ref.Ref) : byResourceId.get(String(resolve(e, 'ResourceId')));
    const config = resolve(e, 'TargetTrackingScalingPolicyConfiguration');
    if (!target || !isRecord(config)) continue;
    const metric = isRecord(config.PredefinedMetricSpecification) ? config.PredefinedMetricSpecification.PredefinedMetricType : undefined;
    if (metric !== 'LambdaProvisionedConcurrencyUtilization') {
      ctx.warn(`Scaling policy "${e.logicalId}" is ignored: only PredefinedMetricType LambdaProvisionedConcurrencyUtilization is tracked locally`, ctx.at(e.raw));
      continue;
    }
    target.targetValue = Number(config.TargetValue);
    if (config.ScaleInCooldown !== undefined) target.scaleInCooldownS = Number(config.ScaleInCooldown);
    if (config.ScaleOutCooldown !== undefined) target.scaleOutCooldownS = Number(config.ScaleOutCooldown);
  }
  return out;
}
