// VS Code test tier: a function the template cannot resolve (issue 11) is in the Functions tree with an error
// icon and its coded message as tooltip, among the healthy ones, which stay invokable.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { LambdaNode } from '../../../src/vscode/tree/nodes';
import { api, mainTemplate, waitFor } from './helpers';

/** This extension's diagnostics on a file; undefined while there are none (what waitFor waits for). */
const ours = (uri: vscode.Uri): vscode.Diagnostic[] | undefined => {
  const list = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'Lambda Workbench');
  return list.length ? list : undefined;
};

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
      // The same problem in the Problems panel, on the template at the function's line, with its code.
      const uri = vscode.Uri.file(mainTemplate());
      const [d] = (await waitFor('the diagnostic on the template', () => ours(uri)))!;
      assert.equal(d.code, 'UNKNOWN_RUNTIME');
      assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
      assert.match(d.message, /^AWS::Serverless::Function Typo: Unknown runtime "nodejs20"/);
      const lines = broken.split('\n');
      assert.ok([lines.indexOf('  Typo:'), lines.findIndex((l) => l.includes('Runtime: nodejs20 }'))].includes(d.range.start.line), `line ${d.range.start.line + 1}`);
    } finally {
      writeFileSync(mainTemplate(), original);
    }
    await waitFor('the diagnostics cleared once the template is fixed', () => !ours(vscode.Uri.file(mainTemplate())) || undefined);
  });

  it('a template that does not parse is one error in the Problems panel at its line, with its code', async () => {
    const original = readFileSync(mainTemplate(), 'utf8');
    const uri = vscode.Uri.file(mainTemplate());
    try {
      writeFileSync(mainTemplate(), original.replace('Resources:\n', 'Resources:\n  Oops: [unclosed\n'));
      const [d] = (await waitFor('the syntax diagnostic', () => ours(uri)))!;
      assert.equal(d.code, 'TEMPLATE_SYNTAX');
      assert.ok(d.range.start.line > 0, 'at the line of the problem, not the top of the file');
    } finally {
      writeFileSync(mainTemplate(), original);
    }
    await waitFor('the diagnostics cleared', () => !ours(uri) || undefined);
    const a = await api();
    await waitFor('the tree has the functions again', async () => {
      const [, main] = await a.views.functions.getChildren();
      const children = main ? await a.views.functions.getChildren(main) : [];
      return children.some((n) => n.kind === 'function') || undefined;
    });
  });
});
