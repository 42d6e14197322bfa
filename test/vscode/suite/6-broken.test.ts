// VS Code test tier: a function the template cannot resolve (issue 11) is in the Functions tree with an error
// icon and its coded message as tooltip, among the healthy ones, which stay invokable.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { LambdaNode } from '../../../src/vscode/tree/nodes';
import { api, mainTemplate, waitFor } from './helpers';

describe('broken functions', () => {
  it('show with an error icon and the message; the template still lists its other functions', async () => {
    const a = await api();
    const original = readFileSync(mainTemplate(), 'utf8');
    const broken = original.replace('  CommonLayer:\n', '  Typo:\n    Type: AWS::Serverless::Function\n    Properties: { CodeUri: hello, Handler: index.handler, Runtime: nodejs20 }\n  CommonLayer:\n');
    try {
      writeFileSync(mainTemplate(), broken);
      const node = await waitFor('the broken function in the tree', async () => {
        const [, main] = await a.views.functions.getChildren();
        const children = main ? await a.views.functions.getChildren(main) : [];
        const found = children.find((n) => n.kind === 'brokenFunction') as LambdaNode | undefined;
        return found ? { found, ids: children.map((n) => (n.kind === 'function' ? n.fn.logicalId : n.kind === 'brokenFunction' ? n.broken.logicalId : n.kind)) } : undefined;
      });
      assert.ok(node);
      assert.deepEqual(node.ids, ['Hello', 'Fails', 'PyHello', 'Typo']);
      const item = a.views.functions.getTreeItem(node.found);
      assert.equal(item.label, 'Typo');
      assert.equal((item.iconPath as vscode.ThemeIcon).id, 'error');
      assert.equal(item.description, 'broken · UNKNOWN_RUNTIME');
      assert.match(String(item.tooltip), /^Unknown runtime "nodejs20" for function "Typo" \(template\.yaml:\d+\)\. Lambda has no such runtime; did you mean nodejs20\.x\?/);
    } finally {
      writeFileSync(mainTemplate(), original);
    }
  });
});
