// core/model: CodeDeploy's predefined Lambda deployment configurations (SAM DeploymentPreference.Type), and
// the check of a configuration name.
import { WorkbenchError } from '../common/errors';

/** CodeDeploy's predefined Lambda deployment configurations (also accepted with `CodeDeployDefault.Lambda`). */
export const SHIFTS: Record<string, { kind: 'canary' | 'linear' | 'all'; percent: number; minutes: number }> = {
  AllAtOnce: { kind: 'all', percent: 100, minutes: 0 },
  Canary10Percent5Minutes: { kind: 'canary', percent: 10, minutes: 5 },
  Canary10Percent10Minutes: { kind: 'canary', percent: 10, minutes: 10 },
  Canary10Percent15Minutes: { kind: 'canary', percent: 10, minutes: 15 },
  Canary10Percent30Minutes: { kind: 'canary', percent: 10, minutes: 30 },
  Linear10PercentEvery1Minute: { kind: 'linear', percent: 10, minutes: 1 },
  Linear10PercentEvery2Minutes: { kind: 'linear', percent: 10, minutes: 2 },
  Linear10PercentEvery3Minutes: { kind: 'linear', percent: 10, minutes: 3 },
  Linear10PercentEvery10Minutes: { kind: 'linear', percent: 10, minutes: 10 },
};

/** The configuration name without CodeDeploy's prefix; throws INVALID_PARAMETER for an unknown one. */
export function shiftType(type: string): string {
  const bare = type.replace(/^CodeDeployDefault\.Lambda/, '');
  if (!SHIFTS[bare]) throw new WorkbenchError('INVALID_PARAMETER', `Unknown DeploymentPreference Type "${type}". Use one of: ${Object.keys(SHIFTS).join(', ')}.`);
  return bare;
}

