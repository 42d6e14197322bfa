// VS Code test tier, UI checks through the browser: the Get Started walkthrough renders its five steps, and its
// first step's button runs New Function from Blueprint…, whose quick pick groups the blueprints by runtime
// (separators) and shows each one's event source. Nothing is created: the pick is dismissed.
const norm = (s) => (s || '').replace(/\u00a0/g, ' ');

export async function runBlueprintUiChecks(page, check, shot, log) {
  const input = page.locator('.quick-input-widget input');
  const rows = () => page.locator('.quick-input-list .monaco-list-row').allTextContents().then((t) => norm(t.join(' | ')));
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
  await input.fill('Get Started with Lambda Workbench');
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  const steps = page.locator('.gettingStartedContainer .getting-started-step');
  const shown = await steps.first().waitFor({ timeout: 20_000 }).then(() => true, () => false);
  const titles = norm((await steps.locator('.step-title').allTextContents()).join(' | '));
  log('walkthrough steps:', titles);
  await shot('13-walkthrough.png');
  const expected = ['Create a function from a blueprint', 'Invoke it', 'Debug it', 'Package it', 'Run the pipeline locally'];
  check(shown && expected.every((t) => titles.includes(t)), 'the walkthrough shows its steps: create from a blueprint, invoke, debug, package, run the pipeline');

  // The first step is expanded: its button is the command link.
  const button = page.locator('.gettingStartedContainer .getting-started-step.expanded .button-link, .gettingStartedContainer .getting-started-step.expanded a.button-link', { hasText: 'Create a Function from a Blueprint' }).first();
  const clicked = await button.click({ timeout: 10_000 }).then(() => true, () => false);
  const picker = await page.locator('.quick-input-list .monaco-list-row', { hasText: 'hello-world-nodejs' }).first().waitFor({ timeout: 20_000 }).then(() => true, () => false);
  const first = await rows();
  await input.fill('sqs');
  await page.waitForTimeout(500);
  const filtered = await rows();
  log('blueprint picker rows:', first, '|| filtered by "sqs":', filtered);
  await shot('14-blueprint-picker.png');
  check(clicked && picker && /Node\.js \(JavaScript\)/.test(first) && /hello-world-nodejs\s*api · nodejs20\.x/.test(first),
    "the walkthrough's first step runs New Function from Blueprint…: blueprints under runtime separators, each with its source and runtimes");
  check(/sqs-consumer-nodejs/.test(filtered) && /Python/.test(filtered) && /sqs-consumer-python/.test(filtered) && !/hello-world/.test(filtered),
    'typing a source (sqs) filters the blueprint picker to those blueprints, still grouped by runtime');
  await page.keyboard.press('Escape');
}
