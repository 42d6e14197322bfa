// Unit (plain node, no vscode): the Get Started walkthrough in package.json — its id is the one in ids.ts, its
// five steps in order, each with media that exists, a command link and completion events of known commands.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { COMMANDS, WALKTHROUGH } from '../../../src/vscode/ids';

const root = join(__dirname, '..', '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
/** Run Pipeline Locally is contributed by the pipeline work (issue 19's other half); its id is fixed there. */
const PIPELINE_RUN = 'lambdaWorkbench.pipeline.run';
const known = new Set<string>([...Object.values(COMMANDS), PIPELINE_RUN]);

interface Step { id: string; title: string; description: string; media: Record<string, string>; completionEvents: string[] }

test('the walkthrough: create from a blueprint, invoke, debug, package, run the pipeline', () => {
  const walkthroughs = pkg.contributes.walkthroughs as { id: string; steps: Step[] }[];
  assert.deepEqual(walkthroughs.map((w) => w.id), [WALKTHROUGH]);
  const steps = walkthroughs[0].steps;
  assert.deepEqual(steps.map((s) => s.title), ['Create a function from a blueprint', 'Invoke it', 'Debug it', 'Package it', 'Run the pipeline locally']);
  const firstLinks = steps.map((s) => /\(command:([\w.]+)\)/.exec(s.description)?.[1]);
  assert.deepEqual(firstLinks, [COMMANDS.newFunctionFromBlueprint, COMMANDS.invokeWithEvent, COMMANDS.debug, COMMANDS.packageFunction, PIPELINE_RUN]);
  for (const s of steps) {
    for (const m of s.description.matchAll(/\(command:([\w.]+)\)/g)) assert.ok(known.has(m[1]), `${s.id}: unknown command ${m[1]}`);
    const media = s.media.markdown ?? s.media.image ?? s.media.svg;
    assert.ok(media && existsSync(join(root, media)), `${s.id}: media ${media} exists`);
    assert.ok(s.completionEvents.length > 0, s.id);
    for (const ev of s.completionEvents) {
      const cmd = /^onCommand:(.+)$/.exec(ev)?.[1];
      assert.ok(cmd && known.has(cmd), `${s.id}: completion event ${ev} names a known command`);
    }
    assert.ok(s.completionEvents.includes(`onCommand:${firstLinks[steps.indexOf(s)]}`), `${s.id}: its command link completes it`);
  }
});

test('the blueprint commands: New Function needs trust, is in the Functions title bar and its welcome view', () => {
  const byId = new Map((pkg.contributes.commands as { command: string; enablement?: string }[]).map((c) => [c.command, c]));
  assert.match(byId.get(COMMANDS.newFunctionFromBlueprint)?.enablement ?? '', /\bisWorkspaceTrusted\b/);
  const title = pkg.contributes.menus['view/title'] as { command: string; when: string }[];
  assert.ok(title.some((m) => m.command === COMMANDS.newFunctionFromBlueprint && m.when === 'view == lambdaWorkbench.functions'));
  const welcome = (pkg.contributes.viewsWelcome as { view: string; contents: string }[]).filter((w) => w.view === 'lambdaWorkbench.functions');
  assert.ok(welcome.some((w) => w.contents.includes(`[Create a function from a blueprint](command:${COMMANDS.newFunctionFromBlueprint})`)));
  assert.ok(welcome.some((w) => w.contents.includes(`(command:${COMMANDS.newApplicationFromTemplate})`)));
});
