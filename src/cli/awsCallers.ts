// cli: how the queue and topic commands reach SQS and SNS — in this process's own engine over the state
// directory, or, with --endpoint-url, a running `start` (or VS Code) engine over HTTP (SQS's JSON protocol,
// SNS's query protocol). Both run the same operations, so the commands are written once.
import { randomUUID } from 'node:crypto';
import { WorkbenchError } from '../core/common/errors';
import { runSnsAction } from '../core/api/awsServices/sns/snsProtocol';
import { runSqsOperation } from '../core/api/awsServices/sqs/sqsProtocol';
import { serviceOptions, type CommonOptions } from './serviceOptions';
import { withService, type CliContext } from './session';

export interface AwsCallers {
  /** An SQS operation: JSON-protocol input and output. */
  sqs(op: string, input: Record<string, unknown>): Promise<Record<string, any>>;
  /** An SNS action: query parameters in, SNS's XML answer out. */
  sns(params: Record<string, string>): Promise<string>;
}

export interface RemoteOptions extends CommonOptions {
  endpointUrl?: string;
}

function unreachable(url: string, e: unknown): WorkbenchError {
  return new WorkbenchError('INVALID_PARAMETER', `No Lambda Workbench engine answers at ${url} (${(e as Error).message}). Start one with "lambda-workbench start", or leave out --endpoint-url.`);
}

function remote(endpoint: string): AwsCallers {
  const url = endpoint.replace(/\/+$/, '');
  const auth = 'AWS4-HMAC-SHA256 Credential=LOCAL/20260101/us-east-1/%s/aws4_request, SignedHeaders=host, Signature=0';
  return {
    async sqs(op, input) {
      let res: Response;
      try {
        res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `AmazonSQS.${op}`, Authorization: auth.replace('%s', 'sqs') }, body: JSON.stringify(input) });
      } catch (e) {
        throw unreachable(url, e);
      }
      const body = (await res.json().catch(() => ({}))) as Record<string, any>;
      if (res.ok) return body;
      const name = String(body.__type ?? 'Error').split('#').pop()!;
      throw new WorkbenchError(name === 'QueueDoesNotExist' ? 'RESOURCE_NOT_FOUND' : 'INVALID_PARAMETER', `${body.message ?? `HTTP ${res.status}`} (${name})`);
    },
    async sns(params) {
      let res: Response;
      try {
        res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: auth.replace('%s', 'sns') }, body: new URLSearchParams({ Version: '2010-03-31', ...params }) });
      } catch (e) {
        throw unreachable(url, e);
      }
      const xml = await res.text();
      if (res.ok) return xml;
      const code = /<Code>([^<]*)<\/Code>/.exec(xml)?.[1] ?? `HTTP ${res.status}`;
      const message = unescapeXml(/<Message>([^<]*)<\/Message>/.exec(xml)?.[1] ?? xml);
      throw new WorkbenchError(code === 'NotFound' ? 'RESOURCE_NOT_FOUND' : 'INVALID_PARAMETER', `${message} (${code})`);
    },
  };
}

/** Runs `work` against a running engine (--endpoint-url) or this process's own. */
export async function withCallers(opts: RemoteOptions, ctx: CliContext, work: (c: AwsCallers) => Promise<void>): Promise<void> {
  if (opts.endpointUrl) return work(remote(opts.endpointUrl));
  await withService(ctx, serviceOptions(opts), async (service) => {
    const resources = await service.async.resources();
    const { region, accountId } = service;
    await work({
      sqs: (op, input) => runSqsOperation(op, input, { resources, localUrl: `http://sqs.${region}.localhost`, region, accountId }),
      sns: (params) => runSnsAction(new URLSearchParams(params), { resources, region, accountId }, randomUUID()),
    });
  });
}

export function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp|#xD);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&', '#xD': '\r' })[e]!);
}

/** Every `<tag>…</tag>` text of an XML answer, unescaped. */
export function xmlValues(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => unescapeXml(m[1]));
}
