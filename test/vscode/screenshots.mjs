// VS Code test tier: the README's screenshots, taken through the browser in the real VS Code (npm run
// screenshots): the Lambda view with the fixture's functions, an invoke result, the debugger stopped in a
// handler. Clipped to the part that matters and written as PNGs under media/screenshots/. Returns the failures.
/* global document */
import { statSync } from 'node:fs';
import path from 'node:path';

const MAX_BYTES = 200 * 1024;

export async function takeReadmeScreenshots(page, url, outDir, artifacts, log) {
  let failures = 0;
  const input = page.locator('.quick-input-widget input');
  const palette = async (command) => {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${command}`);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: command }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
  };
  const pick = async (text) => {
    await page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first().waitFor({ timeout: 15_000 });
    await input.fill(text);
    await page.waitForTimeout(300);
    await page.keyboard.press('Enter');
  };
  const shot = async (name, what, ready) => {
    const ok = await ready.then(() => true, (e) => (log(`screenshot ${name}: ${e.message}`), false));
    // No hover tooltip in the picture.
    await page.mouse.move(1300, 850);
    await page.waitForTimeout(300);
    const file = path.join(outDir, name);
    if (!ok) await page.screenshot({ path: path.join(artifacts, `failed-${name}`) }).catch(() => {});
    // The window without the status bar's far right (notifications) and without the empty bottom.
    if (ok) await page.screenshot({ path: file, clip: { x: 0, y: 0, width: 1200, height: 700 } });
    const bytes = ok ? statSync(file).size : 0;
    const fine = ok && bytes < MAX_BYTES;
    log(fine ? 'PASS' : 'FAIL', `${what}: ${name} (${(bytes / 1024).toFixed(0)} KB)`);
    if (!fine) failures++;
  };

  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60_000 });
  await page.locator('.part.activitybar .action-item [aria-label^="Lambda"]').first().click({ timeout: 30_000 });
  const hello = page.locator('.part.sidebar .monaco-list-row', { hasText: 'Hello' }).first();
  // The handler open beside the tree, its CodeLens above the handler.
  await page.keyboard.press('Control+P');
  await input.fill('hello/index.js');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'index.js' }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  await shot('tree.png', 'the Lambda view lists the functions; the handler with its CodeLens', hello.waitFor({ timeout: 30_000 }).then(() => page.locator('.codelens-decoration', { hasText: 'Invoke' }).first().waitFor({ timeout: 20_000 })));

  await palette('Lambda: Invoke');
  await pick('Hello');
  await shot('invoke-result.png', 'an invoke result document', page.waitForFunction(() => [...document.querySelectorAll('.editor-instance .view-lines')].some((e) => /Hello · SUCCESS · request/.test((e.textContent || '').replace(/\u00a0/g, ' '))), null, { timeout: 60_000 }));

  // A breakpoint on the handler's return line (line 6 of hello/index.js), then Debug.
  await palette('View: Close All Editors');
  await page.keyboard.press('Control+P');
  await input.fill('hello/index.js');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'index.js' }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  await page.locator('.editor-instance .view-line', { hasText: 'return { greeting' }).first().click({ timeout: 10_000 });
  await page.keyboard.press('F9');
  await page.keyboard.press('Home');
  await page.locator('.codicon-debug-breakpoint').first().waitFor({ timeout: 10_000 }).catch((e) => log('no breakpoint glyph:', e.message));
  await palette('Lambda: Debug');
  await pick('Hello');
  await shot('debug-stopped.png', 'the debugger stopped in the handler', page.locator('.debug-top-stack-frame-line').first().waitFor({ timeout: 60_000 }).then(() => page.locator('.debug-view-content .monaco-list-row', { hasText: 'event' }).first().waitFor({ timeout: 20_000 }).catch(() => undefined)));
  // Continue to the end, so the invocation finishes and nothing is left running.
  await page.keyboard.press('F5');
  await page.waitForTimeout(3000);
  return failures;
}
