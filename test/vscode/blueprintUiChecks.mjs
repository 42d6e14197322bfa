// VS Code test tier, UI checks through the browser: the Get Started walkthrough renders its five steps; New Function
// from Blueprint… (from the palette) ticks its first step, and its quick pick groups the blueprints by runtime
// (separators) and shows each one's event source. Nothing is created: the pick is dismissed.
const norm = (s) => (s || '').replace(/\u00a0/g, ' ');

export async function runBlueprintUiChecks(page, check, shot, log) {
  const input = page.locator('.quick-input-widget input');
  const rows = () => page.locator('.quick-input-widget:visible .quick-input-list .monaco-list-row').allTextContents().then((t) => norm(t.join(' | ')));
  await page.keyboard.press('F1');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill('>Welcome: Open Walkthrough');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open Walkthrough' }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  const offered = await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get Started with Lambda Workbench' }).first().waitFor({ timeout: 15_000 }).then(() => true, () => false);
  log('walkthroughs offered:', await rows());
  check(offered, 'Welcome: Open Walkthrough… offers "Get Started with Lambda Workbench"');
  if (!offered) {
    await page.keyboard.press('Escape');
    return;
  }
  await input.fill('Get Started with Lambda Workbench', { timeout: 10_000 }).catch(() => {});
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  const steps = page.locator('.gettingStartedContainer .getting-started-step');
  const shown = await steps.first().waitFor({ timeout: 20_000 }).then(() => true, () => false);
  const titles = norm((await steps.locator('.step-title').allTextContents()).join(' | '));
  log('walkthrough steps:', titles);
  await shot('13-walkthrough.png');
  const expected = ['Create a function from a blueprint', 'Invoke it', 'Debug it', 'Package it', 'Run the pipeline locally'];
  check(shown && expected.every((t) => titles.includes(t)), 'the walkthrough shows its steps: create from a blueprint, invoke, debug, package, run the pipeline');

  // The picker from the palette (the walkthrough stays open behind it).
  const pickerRow = page.locator('.quick-input-widget:visible .quick-input-list .monaco-list-row', { hasText: 'hello-world-nodejs' }).first();
  await page.keyboard.press('F1');
  await input.fill('>Lambda: New Function from Blueprint', { timeout: 10_000 }).catch(() => {});
  await page.locator('.quick-input-widget:visible .quick-input-list .monaco-list-row', { hasText: 'New Function from Blueprint' }).first().waitFor({ timeout: 10_000 }).catch(() => {});
  await page.keyboard.press('Enter');
  const picker = await pickerRow.waitFor({ timeout: 20_000 }).then(() => true, () => false);
  const first = await rows();
  // Typed into the open picker (keys go to its focused filter box).
  await page.keyboard.type('sqs');
  await page.waitForTimeout(800);
  const filtered = await rows();
  log('blueprint picker rows:', first, '|| filtered by "sqs":', filtered);
  await shot('14-blueprint-picker.png');
  check(picker && /Node\.js \(JavaScript\)/.test(first) && /hello-world-nodejs\s*api · nodejs20\.x/.test(first),
    "New Function from Blueprint… lists the blueprints under runtime separators, each with its source and runtimes");
  check(/sqs-consumer-nodejs\s*sqs · nodejs20\.x/.test(filtered) && /sqs-consumer-python\s*sqs · python3\.11/.test(filtered) && !/hello-world/.test(filtered),
    'typing a source (sqs) filters the blueprint picker to the blueprints for it, Node.js and Python');
  await page.keyboard.press('Escape');
  // Its completion event (onCommand:…) ticks the step.
  const ticked = await page.locator('.gettingStartedContainer .getting-started-step', { hasText: 'Create a function from a blueprint' }).locator('.codicon.complete').first().waitFor({ timeout: 10_000 }).then(() => true, () => false);
  await shot('15-walkthrough-step-done.png');
  check(ticked, 'running the command ticks the walkthrough step "Create a function from a blueprint" (completionEvents)');
}
