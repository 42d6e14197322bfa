// VS Code test tier: the SAM template JSON Schema (contributes.jsonValidation) reaches VS Code's own JSON
// language service: in a *.template.json an unknown property and a wrong type are flagged at their place.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitFor, workspaceRoot } from './helpers';

describe('SAM template schema in the editor', function () {
  this.timeout(60_000);
  const dir = (): string => path.join(workspaceRoot(), 'schema-check');
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(dir(), { recursive: true, force: true });
  });

  it('flags an unknown property and a wrong type in a *.template.json, not an intrinsic function', async () => {
    mkdirSync(dir(), { recursive: true });
    const file = path.join(dir(), 'app.template.json');
    const lines = [
      '{',
      '  "Resources": {',
      '    "Fn": {',
      '      "Type": "AWS::Serverless::Function",',
      '      "Properties": { "Handler": "index.handler", "Runtime": "nodejs22.x", "CodeUri": "src", "Timeout": true, "Handlr": "x", "MemorySize": { "Ref": "Mem" } }',
      '    }',
      '  }',
      '}',
    ];
    writeFileSync(file, lines.join('\n'));
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const problems: vscode.Diagnostic[] = await waitFor('schema problems on the template', () => {
      const d = vscode.languages.getDiagnostics(doc.uri);
      return d.length >= 2 ? d : undefined;
    }, 40_000).then((d) => d ?? []);
    const list = problems.map((p) => `${p.range.start.line}:${p.range.start.character} "${doc.getText(p.range)}" ${p.message}`).join('\n');
    assert.ok(problems.some((p) => doc.getText(p.range) === '"Handlr"' || /Handlr/.test(p.message)), list);
    assert.ok(problems.some((p) => doc.getText(p.range) === 'true'), `the boolean Timeout is flagged:\n${list}`);
    assert.ok(problems.every((p) => p.range.start.line === 4), `only the properties line:\n${list}`);
    assert.ok(!problems.some((p) => doc.getText(p.range).includes('Ref')), `{"Ref": …} stands for a number:\n${list}`);
  });
});
