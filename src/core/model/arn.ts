// core/model: ARNs as Lambda forms them (lambda-semantics.md §6).

export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_ACCOUNT_ID = '123456789012';

export function functionArn(region: string, accountId: string, functionName: string, qualifier?: string): string {
  const base = `arn:aws:lambda:${region}:${accountId}:function:${functionName}`;
  return qualifier ? `${base}:${qualifier}` : base;
}

export function layerVersionArn(region: string, accountId: string, layerName: string, version: number): string {
  return `arn:aws:lambda:${region}:${accountId}:layer:${layerName}:${version}`;
}
