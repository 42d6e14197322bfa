// vscode layer: the Layers view: the layers each template defines; under each, its published local
// versions and its contents (the files that land in /opt).
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { LambdaTreeProvider } from './lambdaTreeProvider';
import type { LambdaNode } from './nodes';

async function entries(templatePath: string, dir: string): Promise<LambdaNode[]> {
  const list = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return list
    .sort((a, b) => Number(b.isDirectory()) - Number(a.isDirectory()) || a.name.localeCompare(b.name))
    .map((e) => ({ kind: 'layerEntry', templatePath, path: join(dir, e.name), isDirectory: e.isDirectory() }));
}

export class LayersTreeProvider extends LambdaTreeProvider {
  async getChildren(node?: LambdaNode): Promise<LambdaNode[]> {
    if (!node) return (await this.services.layers()).map(({ templatePath, layer }) => ({ kind: 'layer', templatePath, layer }));
    if (node.kind === 'layer') {
      const { layer, templatePath } = node;
      const published = (await this.services.serviceFor(templatePath).layers.list().catch(() => []))
        .filter((r) => r.sourceLogicalId === layer.logicalId || r.layerName === layer.layerName)
        .reverse()
        .map((record): LambdaNode => ({ kind: 'layerVersion', templatePath, record }));
      const contents = layer.content.kind === 'directory' ? await entries(templatePath, layer.content.path) : [];
      return [...published, ...contents];
    }
    if (node.kind === 'layerEntry' && node.isDirectory) return entries(node.templatePath, node.path);
    return [];
  }
}
