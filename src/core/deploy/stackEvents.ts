// core/deploy: executing a change set and following the stack to a terminal status: DescribeStackEvents
// (newest first, paged) shows only events not seen yet, oldest first, as SAM's event table; then the Outputs.
import {
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  type CloudFormationClient,
  type Output,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { WorkbenchError } from '../common/errors';
import type { Poller } from './changeSet';
import { awsError } from './awsErrors';
import { formatTable } from '../common/textTable';

const SUCCESS = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'IMPORT_COMPLETE']);

/** A stack status nothing more will happen after (every *_COMPLETE and *_FAILED; not *_IN_PROGRESS). */
export function isTerminal(status: string): boolean {
  return !status.endsWith('_IN_PROGRESS');
}

const COLUMNS = [
  ['ResourceStatus', 28],
  ['ResourceType', 36],
  ['LogicalResourceId', 32],
] as const;

/** The event table's header (printed once, before the first event). */
export function eventHeader(): string {
  const cells = [...COLUMNS.map(([h, w]) => h.padEnd(w)), 'ResourceStatusReason'];
  const rule = '-'.repeat(COLUMNS.reduce((a, [, w]) => a + w + 1, 0) + 20);
  return `${rule}\n${cells.join(' ')}\n${rule}\n`;
}

/** One event as a row of the table (fixed widths, so rows can be printed as they arrive). */
export function eventLine(e: StackEvent): string {
  const cells = [e.ResourceStatus ?? '', e.ResourceType ?? '', e.LogicalResourceId ?? ''];
  return `${cells.map((c, i) => c.padEnd(COLUMNS[i][1])).join(' ')} ${e.ResourceStatusReason ?? '-'}\n`;
}

export interface StackResult {
  status: string;
  outputs: Output[];
  /** The first resource that failed (oldest first), when the stack did not succeed. */
  failed?: { logicalId: string; type: string; reason: string };
}

export interface FollowOptions {
  poller: Poller;
  /** Receives each new event, oldest first. */
  onEvent(e: StackEvent): void;
}

/** Events not in `seen`, newest first, from the first pages until a seen one (or `firstPageOnly`). */
async function newEvents(cfn: CloudFormationClient, stackId: string, seen: Set<string>, firstPageOnly = false): Promise<StackEvent[]> {
  const out: StackEvent[] = [];
  for (let token: string | undefined, more = true; more; ) {
    let page;
    try {
      page = await cfn.send(new DescribeStackEventsCommand({ StackName: stackId, NextToken: token }));
    } catch (e) {
      throw awsError(`DescribeStackEvents ${stackId}`, e);
    }
    for (const e of page.StackEvents ?? []) {
      if (seen.has(e.EventId ?? '')) {
        more = false;
        break;
      }
      out.push(e);
    }
    token = page.NextToken;
    if (!token || firstPageOnly) more = false;
  }
  return out;
}

async function stackOf(cfn: CloudFormationClient, stackId: string) {
  try {
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: stackId }))).Stacks?.[0];
    if (!stack) throw new WorkbenchError('DEPLOY_FAILED', `Stack ${stackId} is not there any more.`);
    return stack;
  } catch (e) {
    throw awsError(`DescribeStacks ${stackId}`, e);
  }
}

/** ExecuteChangeSet, then follows the stack until it settles. Never deletes anything. */
export async function executeAndFollow(cfn: CloudFormationClient, changeSetId: string, stackId: string, o: FollowOptions): Promise<StackResult> {
  // The newest event before executing marks where this deploy's events begin (the stack's clock, not ours).
  const seen = new Set((await newEvents(cfn, stackId, new Set(), true)).map((e) => e.EventId ?? ''));
  try {
    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: changeSetId, StackName: stackId }));
  } catch (e) {
    throw awsError(`ExecuteChangeSet ${changeSetId}`, e);
  }
  const shown: StackEvent[] = [];
  for (;;) {
    const stack = await stackOf(cfn, stackId);
    const status = stack.StackStatus ?? 'UNKNOWN';
    const fresh = (await newEvents(cfn, stackId, seen)).reverse();
    for (const e of fresh) {
      seen.add(e.EventId ?? '');
      shown.push(e);
      o.onEvent(e);
    }
    if (isTerminal(status)) {
      if (SUCCESS.has(status)) return { status, outputs: stack.Outputs ?? [] };
      const bad = shown.find((e) => /_FAILED$/.test(e.ResourceStatus ?? '') && e.ResourceStatusReason);
      const failed = bad ? { logicalId: bad.LogicalResourceId ?? '?', type: bad.ResourceType ?? '?', reason: bad.ResourceStatusReason ?? '' } : undefined;
      return { status, outputs: stack.Outputs ?? [], failed };
    }
    await o.poller.wait();
  }
}

/** The stack's outputs as SAM prints them. */
export function outputsTable(outputs: readonly Output[]): string {
  return formatTable(
    ['Key', 'Value', 'Description'],
    outputs.map((o) => [o.OutputKey ?? '', o.OutputValue ?? '', o.Description ?? '']),
  );
}
