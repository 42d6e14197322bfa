// core/api/awsServices/dynamodb: a minimal DynamoDB row of the service table — the item operations that feed a
// local table's stream (PutItem, DeleteItem, GetItem) and the table listings (ListTables, DescribeTable); no
// Query, Scan or conditions (issue 16 asks for no query engine). JSON 1.0 protocol: `X-Amz-Target:
// DynamoDB_20120810.<Operation>`, errors `{"__type": "com.amazonaws.dynamodb.v20120810#<Name>", "message"}`.
// Its endpoint variable is deliberately not set in function environments: a function's DynamoDB client keeps
// reaching the tables it reaches today; clients aim here explicitly (--endpoint-url, `endpoint`).
import { isWorkbenchError } from '../../../common/errors';
import type { StreamsFacade } from '../../../events/stream/streamsFacade';
import { StreamError } from '../../../events/stream/streamErrors';
import { isDynamoItem } from '../../../events/table/dynamoJson';
import type { LocalTable } from '../../../events/table/localTable';
import type { ApiResponse, OperationContext } from '../../router';
import type { ServiceProtocol, ServiceRequest } from '../serviceProtocol';
import { forwardToOwner, jsonInput } from '../jsonForward';

type In = Record<string, unknown>;
const TARGET_PREFIX = 'DynamoDB_20120810.';
const JSON_10 = 'application/x-amz-json-1.0';

function dynamoJson(v: unknown, what: string): Record<string, Record<string, unknown>> {
  if (!isDynamoItem(v)) throw new StreamError('ValidationException', `${what} must be a map of attribute values in DynamoDB JSON ({"id": {"S": "1"}}).`);
  return v;
}

async function tableOf(streams: StreamsFacade, input: In): Promise<LocalTable> {
  if (typeof input.TableName !== 'string') throw new StreamError('ValidationException', 'TableName is required.');
  try {
    return await streams.table(input.TableName);
  } catch (e) {
    if (isWorkbenchError(e) && e.code === 'RESOURCE_NOT_FOUND') throw new StreamError('ResourceNotFoundException', `Requested resource not found: Table: ${input.TableName} not found. ${e.message.replace(/^[^.]*\. /, '')}`);
    throw e;
  }
}

const OPERATIONS: Record<string, (streams: StreamsFacade, input: In) => Promise<In>> = {
  PutItem: async (streams, input) => {
    const t = await tableOf(streams, input);
    const item = dynamoJson(input.Item, 'Item');
    const old = input.ReturnValues === 'ALL_OLD' ? t.getItem(item) : undefined;
    await t.putItem(item);
    return old ? { Attributes: old } : {};
  },
  DeleteItem: async (streams, input) => {
    const t = await tableOf(streams, input);
    const key = dynamoJson(input.Key, 'Key');
    const old = input.ReturnValues === 'ALL_OLD' ? t.getItem(key) : undefined;
    await t.deleteItem(key);
    return old ? { Attributes: old } : {};
  },
  GetItem: async (streams, input) => {
    const item = (await tableOf(streams, input)).getItem(dynamoJson(input.Key, 'Key'));
    return item ? { Item: item } : {};
  },
  ListTables: async (streams) => ({ TableNames: (await streams.listTables()).map((t) => t.name).sort() }),
  DescribeTable: async (streams, input) => {
    const t = await tableOf(streams, input);
    const d = t.decl;
    return {
      Table: {
        TableName: d.name,
        TableArn: d.arn,
        TableStatus: 'ACTIVE',
        KeySchema: d.keys.map((k) => ({ AttributeName: k.name, KeyType: k.type })),
        ItemCount: t.itemCount(),
        CreationDateTime: (d.createdAt ?? 0) / 1000,
        ...(d.streamArn ? { StreamSpecification: { StreamEnabled: true, StreamViewType: d.streamViewType }, LatestStreamArn: d.streamArn, LatestStreamLabel: d.streamArn.split('/stream/')[1] } : {}),
      },
    };
  },
};

function error(type: string, message: string, status = 400): ApiResponse {
  return { status, headers: { 'Content-Type': JSON_10 }, body: Buffer.from(JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message })) };
}

function wireError(e: unknown): ApiResponse {
  if (e instanceof StreamError) return error(e.awsError === 'InvalidArgumentException' ? 'ValidationException' : e.awsError, e.message);
  if (isWorkbenchError(e)) return error(e.code === 'RESOURCE_NOT_FOUND' ? 'ResourceNotFoundException' : e.code === 'RESOURCE_CONFLICT' ? 'ResourceInUseException' : 'ValidationException', e.message);
  return error('InternalServerError', (e as Error).message, 500);
}

export const dynamodbProtocol: ServiceProtocol = {
  name: 'DynamoDB',
  endpointSuffix: 'DYNAMODB',
  matches: (req) => req.target?.startsWith(TARGET_PREFIX) === true,
  async handle(req: ServiceRequest, ctx: OperationContext): Promise<ApiResponse & { operation?: string }> {
    const operation = req.target!.slice(TARGET_PREFIX.length);
    const op = Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
    if (!op) return { ...error('UnknownOperationException', `The DynamoDB operation "${operation}" is not served locally (local tables have no query engine). Served: ${Object.keys(OPERATIONS).join(', ')}.`), operation };
    const input = jsonInput<In>(req);
    if (!input) return { ...error('SerializationException', 'The request body is not JSON.'), operation };
    const owner = await ctx.service.async.owner();
    if (!owner.self) return { ...(await forwardToOwner(owner.holder.url, req, JSON_10, (reason) => error('InternalServerError', `The tables of this state directory are run by another engine, which did not answer at ${owner.holder.url}: ${reason}. Nothing was done.`, 500))), operation };
    try {
      return { status: 200, headers: { 'Content-Type': JSON_10 }, body: Buffer.from(JSON.stringify(await op(ctx.service.streams, input))), operation };
    } catch (e) {
      return { ...wireError(e), operation };
    }
  },
};
