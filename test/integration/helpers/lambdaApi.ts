// Test helpers: an engine over test/fixtures/api with its Lambda API listening, and an AWS SDK v3 client for
// it (a client we did not write, with keep-alive), plus in-memory ZIPs for CreateFunction/PublishLayerVersion.
import { join } from 'node:path';
import { LambdaClient } from '@aws-sdk/client-lambda';
import type { LambdaApiHandle } from '../../../src/core/api';
import type { LambdaServiceOptions } from '../../../src/core/service';
import { craftZip } from '../../unit/packaging/helpers';
import { fixtures, startEngine, type TestEngine } from './engine';

// The SDK warns once per process that its 2027 releases need Node 22; not what these tests are about.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface ApiEngine extends TestEngine {
  api: LambdaApiHandle;
  client: LambdaClient;
}

export async function startApiEngine(extra: Partial<LambdaServiceOptions> = {}, templateDir = join(fixtures, 'api')): Promise<ApiEngine> {
  const e = startEngine(templateDir, extra);
  const api = await e.service.lambdaApi();
  const client = lambdaClient(api.url);
  return {
    ...e,
    api,
    client,
    dispose: async () => {
      client.destroy();
      await e.dispose();
    },
  };
}

export function lambdaClient(endpoint: string): LambdaClient {
  // Any credentials are accepted (SigV4 is not verified locally); retries off so each error is seen once.
  return new LambdaClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' }, maxAttempts: 1 });
}

/** A ZIP of the given files (name → content). */
export function zipOf(files: Record<string, string>): Uint8Array {
  return craftZip(Object.entries(files).map(([name, data]) => ({ name, data, deflate: true })));
}

export const text = (bytes: Uint8Array | undefined): string => Buffer.from(bytes ?? []).toString('utf8');
