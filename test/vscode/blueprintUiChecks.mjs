// VS Code test tier, UI checks through the browser: New Function from Blueprint… (from the palette) groups the
// blueprints by runtime (separators), shows each one's event source and filters by it; then the Get Started
// walkthrough renders its five steps. Nothing is
// created: the pick is dismissed. The palette goes first: once the walkthrough's media (a webview) has the
// focus, keys no longer reach the workbench.
const norm = (s) => (s || '').replace(/\u00a0/g, ' ');

export async function runBlueprintUiChecks(page, check, shot, log) {
  const widget = '.quick-input-widget:visible';
  const input = page.locator(`${widget} .quick-input-box input`).first();
  const row = (text) => page.locator(`${widget} .quick-input-list .monaco-list-row`, { hasText: text }).first();
  const rows = () => page.locator(`${widget} .quick-input-list .monaco-list-row`).allTextContents().then((t) => norm(t.join(' | ')));
  const palette = async (command) => {
    await page.keyboard.press('F1');
    await input.fill(`>${command}`, { timeout: 10_000 }).catch((e) => log('could not type into the palette:', e.message));
    await row(command).waitFor({ timeout: 10_000 }).catch(() => {});
    await page.keyboard.press('Enter');
  };

  await palette('Lambda: New Function from Blueprint');
  const picker = await row('hello-world-nodejs').waitFor({ timeout: 20_000 }).then(() => true, () => false);
  const first = await rows();
  await input.fill('sqs', { timeout: 10_000 }).catch((e) => log('could not type into the picker:', e.message));
  await row('sqs-consumer-python').waitFor({ timeout: 10_000 }).catch(() => {});
  const filtered = await rows();
  log('blueprint picker rows:', first, '|| filtered by "sqs":', filtered);
  await shot('13-blueprint-picker.png');
  check(picker && /Node\.js \(JavaScript\)/.test(first) && /hello-world-nodejs\s*api · nodejs20\.x/.test(first),
    'New Function from Blueprint… lists the blueprints under runtime separators, each with its source and runtimes');
  check(/sqs-consumer-nodejs\s*sqs · nodejs20\.x/.test(filtered) && /sqs-consumer-python\s*sqs · python3\.11/.test(filtered) && !/hello-world/.test(filtered),
    'typing a source (sqs) filters the blueprint picker to the blueprints for it, Node.js and Python');
  await page.keyboard.press('Escape');

  await palette('Welcome: Open Walkthrough');
  const offered = await row('Get Started with Lambda Workbench').waitFor({ timeout: 15_000 }).then(() => true, () => false);
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
  const expected = ['Create a function from a blueprint', 'Invoke it', 'Debug it', 'Package it', 'Run the pipeline locally'];
  check(shown && expected.every((t) => titles.includes(t)), 'the walkthrough shows its steps: create from a blueprint, invoke, debug, package, run the pipeline');
  const ticked = await steps.filter({ hasText: 'Create a function from a blueprint' }).locator('.codicon.complete').first().waitFor({ timeout: 10_000 }).then(() => true, () => false);
  await shot('14-walkthrough.png');
  // Not a check: a step ticks when its command runs while the walkthrough is open (seen here), but a run from
  // before the walkthrough was first opened has not ticked it in this code-server.
  log(`note: the first walkthrough step is ${ticked ? '' : 'not '}ticked by the earlier run of its command`);
}
