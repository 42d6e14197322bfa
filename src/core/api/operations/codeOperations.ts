// core/api: where GetFunction's Code.Location points. Lambda hands out a presigned S3 URL of the package;
// locally it is a URL of this endpoint (127.0.0.1 only) that serves the ZIP a qualifier runs — `$LATEST`'s
// package, or a published version's own snapshot — read when it is fetched, not when GetFunction answers.
import { readFile } from 'node:fs/promises';
import type { LambdaService } from '../../service';
import type { ApiRequest, Operation, OperationContext } from '../router';
import { asLambdaNotFound, qualifierOf } from './common';

const CODE_PATH = '/lambda-workbench/functions/{FunctionName}/code';

/** Code.Location for `functionName` (and a version or alias): a URL on the endpoint the client called. */
export function codeLocation(req: ApiRequest, functionName: string, qualifier: string | undefined): string {
  const path = CODE_PATH.replace('{FunctionName}', encodeURIComponent(functionName));
  return `${req.localUrl}${path}${qualifier !== undefined && qualifier !== '$LATEST' ? `?Qualifier=${encodeURIComponent(qualifier)}` : ''}`;
}

/** The ZIP `$LATEST` runs: an API-created function's upload, or the template function's built package. */
export async function latestZipPath(service: LambdaService, name: string): Promise<string> {
  const catalog = await service.catalog();
  const e = catalog.entry(name);
  return e.record ? catalog.zipPathOf(e) : (await service.packageFunction(e.fn.logicalId)).zipPath;
}

async function getCode(req: ApiRequest, { service }: OperationContext): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  const name = req.params.FunctionName;
  const qualifier = qualifierOf(req);
  const zip = await asLambdaNotFound(service, name, qualifier, () => (qualifier === undefined || qualifier === '$LATEST' ? latestZipPath(service, name) : service.versions.versionZipPath(name, qualifier)));
  return { status: 200, headers: { 'Content-Type': 'application/zip' }, body: await readFile(zip) };
}

export const CODE_OPERATIONS: readonly Operation[] = [{ name: 'GetFunctionCode', method: 'GET', path: CODE_PATH, handler: getCode }];
