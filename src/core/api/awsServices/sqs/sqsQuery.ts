// core/api/awsServices/sqs: SQS's older query protocol (what the AWS CLI v1 before its JSON switch and older
// SDKs send): form parameters converted to the JSON protocol's input shape, and answers written as SQS's XML.
import { nestParams, type XmlShape } from '../queryProtocol';

type In = Record<string, unknown>;

/** `Name/Value` pairs (Attribute.N, MessageAttribute.N, Tag.N's Key/Value) as a map. */
function pairs(list: unknown, key = 'Name', value = 'Value'): Record<string, unknown> | undefined {
  if (!Array.isArray(list)) return undefined;
  return Object.fromEntries(list.filter((x) => x && typeof x === 'object').map((x: In) => [String(x[key]), x[value]]));
}

/** One entry's (or the request's) query-protocol members, renamed as the JSON protocol has them. */
function normalize(p: In): In {
  const out: In = {};
  for (const [k, v] of Object.entries(p)) {
    switch (k) {
      case 'Attribute':
        out.Attributes = pairs(v);
        break;
      case 'MessageAttribute':
        out.MessageAttributes = pairs(v);
        break;
      case 'MessageSystemAttribute':
        out.MessageSystemAttributes = pairs(v);
        break;
      case 'Tag':
        out.tags = pairs(v, 'Key', 'Value');
        break;
      case 'AttributeName':
        out.AttributeNames = v;
        break;
      case 'MessageAttributeName':
        out.MessageAttributeNames = v;
        break;
      case 'MessageSystemAttributeName':
        out.MessageSystemAttributeNames = v;
        break;
      case 'SendMessageBatchRequestEntry':
      case 'DeleteMessageBatchRequestEntry':
      case 'ChangeMessageVisibilityBatchRequestEntry':
        out.Entries = Array.isArray(v) ? v.map((e: In) => normalize(e)) : [];
        break;
      default:
        out[k] = v;
    }
  }
  return out;
}

/** The JSON-protocol input of a query-protocol request; a queue URL path stands in for a missing QueueUrl. */
export function queryInput(params: URLSearchParams, path: string, localUrl: string): In {
  const input = normalize(nestParams(params));
  delete input.Action;
  delete input.Version;
  if (input.QueueUrl === undefined && /^\/\d{12}\/[^/]+\/?$/.test(path)) input.QueueUrl = `${localUrl}${path}`;
  return input;
}

const BATCH_ENTRY: Record<string, string> = {
  SendMessageBatch: 'SendMessageBatchResultEntry',
  DeleteMessageBatch: 'DeleteMessageBatchResultEntry',
  ChangeMessageVisibilityBatch: 'ChangeMessageVisibilityBatchResultEntry',
};

/** How SQS's XML flattens the lists and maps of an action's answer. */
export function sqsXmlShape(action: string): XmlShape {
  return (key) => {
    switch (key) {
      case 'Attributes':
        return { flat: 'Attribute', map: ['Attribute', 'Name', 'Value'] };
      case 'MessageAttributes':
        return { flat: 'MessageAttribute', map: ['MessageAttribute', 'Name', 'Value'] };
      case 'Tags':
        return { flat: 'Tag', map: ['Tag', 'Key', 'Value'] };
      case 'Messages':
        return { flat: 'Message' };
      case 'QueueUrls':
      case 'queueUrls':
        return { flat: 'QueueUrl' };
      case 'Successful':
        return { flat: BATCH_ENTRY[action] ?? 'member' };
      case 'Failed':
        return { flat: 'BatchResultErrorEntry' };
      case 'Results':
        return { flat: 'ListMessageMoveTasksResultEntry' };
      default:
        return undefined;
    }
  };
}
