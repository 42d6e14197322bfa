// core/registry: which version an alias sends a request to (lambda-semantics.md §6): its FunctionVersion,
// or with probability `weight` the one additional version of its RoutingConfig — decided per request from
// an injectable random source. Traffic shifts (SAM DeploymentPreference) derive the weight from the clock
// as CodeDeploy's predefined Lambda configurations move it.
import { WorkbenchError } from '../common/errors';
import { SHIFTS } from '../model/deploymentConfigs';
import type { StoredAlias, TrafficShift } from './aliasStore';

/** Share of traffic (0–1) on the new version `elapsedMs` after the shift began. */
export function shiftedWeight(shift: TrafficShift, elapsedMs: number): number {
  const s = SHIFTS[shift.type] ?? SHIFTS.AllAtOnce;
  const step = s.minutes * 60_000;
  if (s.kind === 'all') return 1;
  // Canary: `percent` at once, the rest after `minutes`. Linear: `percent` more every `minutes`.
  if (s.kind === 'canary') return elapsedMs >= step ? 1 : s.percent / 100;
  return Math.min(1, (s.percent * (1 + Math.floor(elapsedMs / step))) / 100);
}

/** The alias as it routes at `now`: a finished shift has moved FunctionVersion; one under way sets the weight. */
export function effectiveAlias(a: StoredAlias, now: number): { functionVersion: string; routing?: Record<string, number> } {
  if (!a.shift) return { functionVersion: a.functionVersion, routing: a.routing };
  const w = shiftedWeight(a.shift, Math.max(0, now - a.shift.startedAt));
  if (w >= 1) return { functionVersion: a.shift.toVersion };
  return { functionVersion: a.shift.fromVersion, routing: { [a.shift.toVersion]: Math.round(w * 1e6) / 1e6 } };
}

/** The version one request runs: the additional version with probability equal to its weight. */
export function pickVersion(functionVersion: string, routing: Record<string, number> | undefined, random: () => number): string {
  if (!routing) return functionVersion;
  for (const [version, weight] of Object.entries(routing)) if (random() < weight) return version;
  return functionVersion;
}

/** Checks a RoutingConfig (§6): one additional version, weight 0.0–1.0, not the primary, not `$LATEST`. */
export function validateRouting(functionVersion: string, routing: Record<string, number>): void {
  const entries = Object.entries(routing);
  const bad = (m: string) => new WorkbenchError('INVALID_PARAMETER', m);
  if (entries.length > 1) throw bad(`RoutingConfig may route to one additional version only, got ${entries.length}: ${entries.map(([v]) => v).join(', ')}.`);
  if (!entries.length) return;
  const [[version, weight]] = entries;
  if (!/^[0-9]+$/.test(version)) throw bad(`RoutingConfig's additional version must be a published version number, got "${version}".`);
  if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0 || weight > 1) throw bad(`Routing weight for version ${version} must be between 0.0 and 1.0, got ${String(weight)}.`);
  if (functionVersion === '$LATEST') throw bad('An alias that routes to an additional version must point to a published version, not $LATEST.');
  if (version === functionVersion) throw bad(`RoutingConfig's additional version ${version} is the alias's own FunctionVersion; pick another version.`);
}
