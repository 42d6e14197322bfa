// core/model: what a template declares about auto scaling of provisioned concurrency (lambda-semantics.md §8):
// an AWS::ApplicationAutoScaling::ScalableTarget on a function's alias or version with its
// TargetTrackingScaling policy on LambdaProvisionedConcurrencyUtilization. Plain data.

export interface TemplateScalingTarget {
  /** The ScalableTarget's logical id. */
  logicalId: string;
  functionName: string;
  /** Alias or version, from ResourceId `function:<name>:<qualifier>`. */
  qualifier: string;
  minCapacity: number;
  maxCapacity: number;
  /** From the TargetTrackingScaling policy; absent: the target only keeps capacity within min/max. */
  targetValue?: number;
  scaleInCooldownS?: number;
  scaleOutCooldownS?: number;
}
