// VS Code test tier: the extensionTestsPath entry. Runs every *.test.js next to it with mocha inside the
// extension host and writes a one-line summary to $LWB_TEST_OUT/result.json for the launcher.
import { readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'spec' });
  const grep = process.env.LWB_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const f of readdirSync(__dirname).filter((n) => n.endsWith('.test.js')).sort()) mocha.addFile(join(__dirname, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const out = process.env.LWB_TEST_OUT;
      if (out) {
        mkdirSync(out, { recursive: true });
        writeFileSync(join(out, 'result.json'), JSON.stringify({ passes: runner.stats?.passes, failures, pending: runner.stats?.pending, durationMs: runner.stats?.duration }) + '\n');
      }
      if (failures) reject(new Error(`${failures} VS Code test(s) failed`));
      else resolve();
    });
  });
}
