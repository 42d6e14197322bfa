// Test helper — a STUB, declared as one: a recorded-contract CloudFormation endpoint (no CloudFormation emulator
// is reachable from this machine). A node:http server on 127.0.0.1 speaking the query protocol the AWS SDK v3
// client uses (POST, form-encoded `Action=…&Version=2010-05-15`), recording every request's parameters and
// answering with the documented XML shapes (API reference: DescribeStacks, CreateChangeSet, DescribeChangeSet,
// ExecuteChangeSet, DescribeStackEvents; errors as <ErrorResponse><Error><Code>…). What it answers is scripted by
// each test (`Script`); nothing here decides what CloudFormation would do.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Params = Record<string, string>;

export interface Reply {
  status?: number;
  xml: string;
}

/** Answers one request; `n` counts earlier requests of the same Action. */
export type Script = (action: string, params: Params, n: number) => Reply;

const NS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** `<Tag>value</Tag>` for each defined entry (nested objects and arrays of objects as `<member>` lists). */
function fields(o: Record<string, unknown>): string {
  return Object.entries(o)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => {
      if (Array.isArray(v)) return `<${k}>${v.map((m) => `<member>${typeof m === 'object' ? fields(m as Record<string, unknown>) : esc(String(m))}</member>`).join('')}</${k}>`;
      if (typeof v === 'object' && v !== null) return `<${k}>${fields(v as Record<string, unknown>)}</${k}>`;
      return `<${k}>${esc(String(v))}</${k}>`;
    })
    .join('');
}

export function ok(action: string, result: Record<string, unknown> = {}): Reply {
  return { xml: `<${action}Response xmlns="${NS}"><${action}Result>${fields(result)}</${action}Result><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata></${action}Response>` };
}

export function error(code: string, message: string, status = 400): Reply {
  return { status, xml: `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${esc(message)}</Message></Error><RequestId>00000000-0000-0000-0000-000000000001</RequestId></ErrorResponse>` };
}

export const ACCOUNT = '123456789012';
export const stackArn = (name: string) => `arn:aws:cloudformation:us-east-1:${ACCOUNT}:stack/${name}/11111111-2222-3333-4444-555555555555`;
export const changeSetArn = (name: string) => `arn:aws:cloudformation:us-east-1:${ACCOUNT}:changeSet/${name}/66666666-7777-8888-9999-000000000000`;

/** DescribeStacks of one stack (documented fields: StackName, StackId, CreationTime, StackStatus, Parameters, Outputs). */
export function stack(name: string, status: string, extra: { Parameters?: Params; Outputs?: { OutputKey: string; OutputValue: string; Description?: string }[] } = {}): Reply {
  return ok('DescribeStacks', {
    Stacks: [
      {
        StackName: name,
        StackId: stackArn(name),
        CreationTime: '2026-12-03T06:00:00.000Z',
        StackStatus: status,
        Parameters: extra.Parameters ? Object.entries(extra.Parameters).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })) : undefined,
        Outputs: extra.Outputs,
      },
    ],
  });
}

export const noStack = (name: string) => error('ValidationError', `Stack with id ${name} does not exist`);

export interface EventSpec {
  id: string;
  logicalId: string;
  type: string;
  status: string;
  reason?: string;
}

/** DescribeStackEvents, newest first as CloudFormation returns them (`events` are given oldest first). */
export function events(name: string, list: readonly EventSpec[]): Reply {
  return ok('DescribeStackEvents', {
    StackEvents: [...list].reverse().map((e, i) => ({
      StackId: stackArn(name),
      EventId: e.id,
      StackName: name,
      LogicalResourceId: e.logicalId,
      PhysicalResourceId: e.type === 'AWS::CloudFormation::Stack' ? stackArn(name) : '',
      ResourceType: e.type,
      Timestamp: new Date(Date.UTC(2026, 11, 3, 6, 0, list.length - i)).toISOString(),
      ResourceStatus: e.status,
      ResourceStatusReason: e.reason,
    })),
  });
}

export interface ChangeSpec {
  action: 'Add' | 'Modify' | 'Remove';
  logicalId: string;
  type: string;
  replacement?: 'True' | 'False' | 'Conditional';
}

export function changeSet(name: string, changeSetName: string, status: string, o: { reason?: string; changes?: readonly ChangeSpec[] } = {}): Reply {
  return ok('DescribeChangeSet', {
    ChangeSetName: changeSetName,
    ChangeSetId: changeSetArn(changeSetName),
    StackId: stackArn(name),
    StackName: name,
    ExecutionStatus: status === 'CREATE_COMPLETE' ? 'AVAILABLE' : 'UNAVAILABLE',
    Status: status,
    StatusReason: o.reason,
    Changes: (o.changes ?? []).map((c) => ({
      Type: 'Resource',
      ResourceChange: { Action: c.action, LogicalResourceId: c.logicalId, ResourceType: c.type, Replacement: c.replacement, Scope: c.action === 'Modify' ? ['Properties'] : undefined },
    })),
  });
}

export class CloudFormationStub {
  readonly requests: Params[] = [];
  private server: Server | undefined;
  script: Script = (action) => error('InvalidAction', `No reply scripted for ${action}`);

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
        const action = params.Action ?? '';
        const n = this.requests.filter((r) => r.Action === action).length;
        this.requests.push(params);
        let reply: Reply;
        try {
          reply = this.script(action, params, n);
        } catch (e) {
          reply = error('StubScriptError', (e as Error).message, 500);
        }
        res.writeHead(reply.status ?? 200, { 'content-type': 'text/xml' });
        res.end(reply.xml);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The Actions received, in order. */
  actions(): string[] {
    return this.requests.map((r) => r.Action);
  }

  /** The requests of one Action. */
  of(action: string): Params[] {
    return this.requests.filter((r) => r.Action === action);
  }

  reset(): void {
    this.requests.length = 0;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
