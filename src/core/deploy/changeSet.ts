// core/deploy: the CloudFormation change set of a deploy, as `sam deploy` makes it: DescribeStacks (there →
// UPDATE, else CREATE), CreateChangeSet, DescribeChangeSet until it settles; "no changes" is not an error.
import {
  CreateChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  type Capability,
  type Change,
  type DescribeChangeSetCommandOutput,
  type CloudFormationClient,
  type Parameter,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { WorkbenchError } from '../common/errors';
import { awsError } from './awsErrors';
import { formatTable } from '../common/textTable';

/** SAM deploy's default: IAM roles of functions and the SAM transform (a macro) both need acknowledging. */
export const DEFAULT_CAPABILITIES: readonly Capability[] = ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'];

/** The StatusReasons of a FAILED change set that only mean "nothing to change" (CloudFormation's own words). */
const NO_CHANGES = [/The submitted information didn't contain changes/, /No updates are to be performed/];

/** Stack statuses a change set cannot update; the stack must be deleted first (which we never do). */
const NOT_UPDATABLE = new Set(['ROLLBACK_COMPLETE', 'ROLLBACK_FAILED', 'DELETE_FAILED']);

export interface ChangeSetRequest {
  stackName: string;
  /** The template, inline (≤ 51,200 bytes) or in S3. */
  template: { body: string } | { url: string };
  /** Parameter overrides; the template's other parameters keep their previous values on an update. */
  parameters: Record<string, string>;
  /** The template's parameter names (for UsePreviousValue on an update). */
  templateParameters: readonly string[];
  capabilities: readonly Capability[];
  /** Change set name, e.g. `lambda-workbench-1700000000000`. */
  changeSetName: string;
  description?: string;
}

export type ChangeSetOutcome =
  | { kind: 'changes'; changeSetId: string; stackId: string; type: 'CREATE' | 'UPDATE'; changes: Change[] }
  | { kind: 'empty'; reason: string; stackId?: string };

export interface Poller {
  /** Waits before the next describe call (CloudFormation is eventually consistent). */
  wait(): Promise<void>;
}

/** The stack named `stackName`, or undefined when CloudFormation does not know it. */
export async function findStack(cfn: CloudFormationClient, stackName: string): Promise<Stack | undefined> {
  try {
    const out = await cfn.send(new DescribeStacksCommand({ StackName: stackName }));
    return out.Stacks?.[0];
  } catch (e) {
    if (/does not exist/.test((e as Error).message ?? '')) return undefined;
    throw awsError(`DescribeStacks ${stackName}`, e);
  }
}

function parametersFor(req: ChangeSetRequest, existing: Stack | undefined): Parameter[] {
  const out: Parameter[] = Object.entries(req.parameters).map(([k, v]) => ({ ParameterKey: k, ParameterValue: v }));
  const previous = new Set((existing?.Parameters ?? []).map((p) => p.ParameterKey));
  for (const name of req.templateParameters) {
    if (!(name in req.parameters) && previous.has(name)) out.push({ ParameterKey: name, UsePreviousValue: true });
  }
  return out;
}

/** Creates the change set and waits until it is ready (or FAILED: no changes, or CloudFormation's reason). */
export async function createChangeSet(cfn: CloudFormationClient, req: ChangeSetRequest, poller: Poller): Promise<ChangeSetOutcome> {
  const existing = await findStack(cfn, req.stackName);
  if (existing && NOT_UPDATABLE.has(existing.StackStatus ?? '')) {
    throw new WorkbenchError('DEPLOY_FAILED', `Stack "${req.stackName}" is ${existing.StackStatus} and cannot be updated; delete it yourself (aws cloudformation delete-stack --stack-name ${req.stackName}) and deploy again. Lambda Workbench never deletes a stack.`);
  }
  // A stack left in REVIEW_IN_PROGRESS (an earlier change set never executed) is still created, not updated.
  const type = existing && existing.StackStatus !== 'REVIEW_IN_PROGRESS' ? 'UPDATE' : 'CREATE';
  let created;
  try {
    created = await cfn.send(
      new CreateChangeSetCommand({
        StackName: req.stackName,
        ChangeSetName: req.changeSetName,
        ChangeSetType: type,
        ...('body' in req.template ? { TemplateBody: req.template.body } : { TemplateURL: req.template.url }),
        Parameters: parametersFor(req, type === 'UPDATE' ? existing : undefined),
        Capabilities: [...req.capabilities],
        Description: req.description,
      }),
    );
  } catch (e) {
    throw awsError(`CreateChangeSet for stack ${req.stackName}`, e);
  }
  const changeSetId = created.Id ?? req.changeSetName;
  const stackId = created.StackId ?? existing?.StackId ?? req.stackName;
  const changes: Change[] = [];
  for (;;) {
    let out;
    try {
      out = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: changeSetId, StackName: stackId }));
    } catch (e) {
      throw awsError(`DescribeChangeSet ${req.changeSetName}`, e);
    }
    if (out.Status === 'FAILED') {
      const reason = out.StatusReason ?? '(no reason given)';
      if (NO_CHANGES.some((r) => r.test(reason))) return { kind: 'empty', reason, stackId };
      throw new WorkbenchError('DEPLOY_FAILED', `Change set ${req.changeSetName} of stack "${req.stackName}" failed: ${reason}`);
    }
    if (out.Status === 'CREATE_COMPLETE') {
      changes.push(...(out.Changes ?? []));
      if (out.NextToken) await collectPages(cfn, changeSetId, stackId, out.NextToken, changes);
      return { kind: 'changes', changeSetId, stackId, type, changes };
    }
    await poller.wait();
  }
}

async function collectPages(cfn: CloudFormationClient, changeSetId: string, stackId: string, first: string, into: Change[]): Promise<void> {
  for (let token: string | undefined = first; token; ) {
    try {
      const page: DescribeChangeSetCommandOutput = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: changeSetId, StackName: stackId, NextToken: token }));
      into.push(...(page.Changes ?? []));
      token = page.NextToken;
    } catch (e) {
      throw awsError('DescribeChangeSet (next page)', e);
    }
  }
}

const OPERATION: Record<string, string> = { Add: '+ Add', Modify: '* Modify', Remove: '- Remove', Import: '> Import', Dynamic: '? Dynamic', SyncWithActual: '= SyncWithActual' };

/** The change set as SAM prints it: Operation, LogicalResourceId, ResourceType, Replacement (N/A for adds). */
export function changeTable(changes: readonly Change[]): string {
  const rows = changes.map((c) => {
    const r = c.ResourceChange ?? {};
    const replacement = r.Action === 'Modify' ? (r.Replacement ?? 'False') : 'N/A';
    return [OPERATION[r.Action ?? ''] ?? String(r.Action ?? '?'), r.LogicalResourceId ?? '', r.ResourceType ?? '', replacement];
  });
  return formatTable(['Operation', 'LogicalResourceId', 'ResourceType', 'Replacement'], rows);
}
