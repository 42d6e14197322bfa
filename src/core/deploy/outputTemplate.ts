// core/deploy: `package --all --output-template FILE`: the template with each code property pointing at its
// built ZIP (relative to FILE), the hand-off to `sam deploy` / `aws cloudformation package` for SAM users.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { tempPathFor } from '../store/tempFiles';
import { codeArtifact, pathFromTemplate, type BuiltArtifact } from './artifacts';
import { rewriteCodeProperties } from './codeProperties';

/** Writes the rewritten template to `outputFile` (atomically) and returns the logical ids it rewrote. */
export async function writeOutputTemplate(templatePath: string, outputFile: string, artifacts: readonly BuiltArtifact[]): Promise<string[]> {
  const target = resolve(outputFile);
  const text = await readFile(templatePath, 'utf8');
  const located = artifacts.map((a) => codeArtifact(a, { kind: 'file', path: pathFromTemplate(target, a.zipPath) }));
  const { text: rewritten, rewritten: ids } = rewriteCodeProperties(text, templatePath, located);
  await mkdir(dirname(target), { recursive: true });
  const tmp = tempPathFor(target);
  await writeFile(tmp, rewritten);
  await rename(tmp, target);
  return ids;
}
