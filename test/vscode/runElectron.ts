// VS Code test tier, launcher for machines with internet: downloads VS Code with @vscode/test-electron
// and runs the same suites (dist/vscode-test/suite/index.js) against a copy of the fixture workspace.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const repo = path.resolve(__dirname, '..', '..');
  const workspace = mkdtempSync(path.join(tmpdir(), 'lwb-ws-'));
  cpSync(path.join(repo, 'test', 'vscode', 'workspace'), workspace, { recursive: true });
  await runTests({
    extensionDevelopmentPath: repo,
    extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { LWB_TEST_OUT: path.join(repo, 'test-artifacts') },
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
