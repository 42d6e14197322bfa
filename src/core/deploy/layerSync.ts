// core/deploy: a template layer on the target — PublishLayerVersion only when the newest version there has
// other content (CodeSha256), else that version is reused (issue 20, `sync`).
import { readFile } from 'node:fs/promises';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { LayerConfig } from '../model/functionConfig';
import type { BuiltPackage } from '../packaging';
import { aws } from './awsErrors';

export interface SyncedLayer {
  logicalId: string;
  layerVersionArn: string;
  version: number;
  published: boolean;
}

/** The newest version of `layer` on the target with the built content, publishing one when there is none. */
export async function syncLayer(lambda: LambdaClient, layer: LayerConfig, built: BuiltPackage): Promise<SyncedLayer> {
  const { ListLayerVersionsCommand, GetLayerVersionCommand, PublishLayerVersionCommand } = await import('@aws-sdk/client-lambda');
  const what = `Layer ${layer.logicalId} (${layer.layerName})`;
  const listed = await aws(`${what}: ListLayerVersions`, () => lambda.send(new ListLayerVersionsCommand({ LayerName: layer.layerName })));
  const newest = (listed.LayerVersions ?? []).reduce<number | undefined>((max, v) => (v.Version !== undefined && (max === undefined || v.Version > max) ? v.Version : max), undefined);
  if (newest !== undefined) {
    const got = await aws(`${what}: GetLayerVersion`, () => lambda.send(new GetLayerVersionCommand({ LayerName: layer.layerName, VersionNumber: newest })));
    if (got.Content?.CodeSha256 === built.codeSha256 && got.LayerVersionArn) return { logicalId: layer.logicalId, layerVersionArn: got.LayerVersionArn, version: newest, published: false };
  }
  const zip = await readFile(built.zipPath);
  const published = await aws(`${what}: PublishLayerVersion`, () =>
    lambda.send(
      new PublishLayerVersionCommand({
        LayerName: layer.layerName,
        Content: { ZipFile: zip },
        ...(layer.description ? { Description: layer.description } : {}),
        ...(layer.compatibleRuntimes.length ? { CompatibleRuntimes: layer.compatibleRuntimes as never } : {}),
        ...(layer.compatibleArchitectures.length ? { CompatibleArchitectures: layer.compatibleArchitectures } : {}),
      }),
    ),
  );
  return { logicalId: layer.logicalId, layerVersionArn: published.LayerVersionArn!, version: published.Version!, published: true };
}
