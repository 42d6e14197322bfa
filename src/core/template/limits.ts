// core/template: the bounds that keep a hostile template (a YAML bomb, deep nesting, intrinsics that multiply)
// from hanging or crashing the loader, which the extension host runs on any template.yaml it finds.

/**
 * Real templates stay far below every one of these; each is set well under the point where the work would
 * take seconds or the recursion would overflow the stack, so passing one is reported as a coded error.
 */
export const TEMPLATE_LIMITS = {
  /** Maps and lists inside each other, as written or as aliases expand them (real templates: under 20). */
  maxDepth: 128,
  /** Aliases followed while reading one template, counting the ones inside what an alias expands to. */
  maxAliases: 10_000,
  /** Values (maps, lists, scalars) created by expanding aliases. */
  maxAliasedValues: 100_000,
  /** Values visited while resolving intrinsic functions in one template. */
  maxResolveSteps: 1_000_000,
  /** Intrinsics nested inside each other, through Ref, Fn::GetAtt, Fn::FindInMap and Conditions included. */
  maxResolveDepth: 512,
  /** Length of one string an intrinsic builds (Fn::Join, Fn::Sub, Fn::Base64, Fn::ToJsonString). */
  maxValueChars: 1_000_000,
  /** Characters built by intrinsics in one template, all values together. */
  maxTotalChars: 50_000_000,
  /** Time one AllowedPattern may take to test one value (a backtracking pattern can take hours). */
  patternTimeoutMs: 250,
} as const;
