// VS Code test tier: the extension as a user installs it: the platform-specific .vsix (with esbuild) is
// installed into code-server's extensions folder, and a TypeScript app (BuildMethod esbuild, the usual
// layout) is opened from a folder outside the repository, where no esbuild can be found. Through the UI:
// Invoke from the palette runs it, Open Handler finds src/app.ts, CodeLens shows above the handler.
/* global document */
import { spawnSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import path from 'node:path';

const norm = (s) => (s || '').replace(/\u00a0/g, ' ');

/** Packages the .vsix, installs it with code-server's CLI, and copies the app outside the repository. */
export function prepareVsix({ repo, here, tmp, node24, codeServer, log }) {
  const vsix = process.env.LWB_VSIX ?? path.join(tmp, 'lambda-workbench.vsix');
  if (!process.env.LWB_VSIX) {
    const pack = spawnSync(process.execPath, [path.join(repo, 'scripts', 'package-vsix.mjs'), '--out', vsix, '--restore-dev-build'], { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
    if (pack.status !== 0) throw new Error(`packaging the .vsix failed:\n${pack.stdout}`);
  }
  const install = spawnSync(path.join(node24, 'bin', 'node'), [path.join(codeServer, 'out', 'node', 'entry.js'),
    '--user-data-dir', path.join(tmp, 'data'), '--extensions-dir', path.join(tmp, 'exts'), '--install-extension', vsix],
  { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, PATH: `${path.join(node24, 'bin')}:${process.env.PATH}` } });
  if (install.status !== 0) throw new Error(`installing the .vsix failed: ${install.stdout}${install.stderr}`);
  log(`installed ${path.basename(vsix)} into code-server: ${install.stdout.trim().split('\n').pop()}`);
  const outside = path.join(tmp, 'outside-ts');
  cpSync(path.join(here, 'outside-ts'), outside, { recursive: true });
  return outside;
}

/**
 * Runs a palette command. An open palette does not update when a context key changes, so it is opened
 * again until the command shows (the extension may still be activating) or 40 s have passed.
 */
export async function palette(page, command) {
  const input = page.locator('.quick-input-widget input');
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${command}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: command }).first();
    if (await row.waitFor({ timeout: 4000 }).then(() => true, () => false)) break;
    await page.keyboard.press('Escape');
    if (attempt >= 10) throw new Error(`the palette does not offer "${command}"`);
  }
  await page.keyboard.press('Enter');
  return input;
}

/** Opens the outside folder with the installed extension (no development path) and checks it through the UI. */
export async function runVsixChecks(page, url, artifacts, log) {
  try {
    return await vsixChecks(page, url, artifacts, log);
  } catch (e) {
    await page.screenshot({ path: path.join(artifacts, '07-vsix-failure.png') }).catch(() => {});
    log('FAIL installed .vsix checks:', e.message.split('\n')[0]);
    return 1;
  }
}

async function vsixChecks(page, url, artifacts, log) {
  let failures = 0;
  const check = (ok, what) => { if (ok) log('PASS', what); else { failures++; log('FAIL', what); } };
  const shot = (name) => page.screenshot({ path: path.join(artifacts, name) }).catch(() => {});
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(3000);

  // Invoke from the palette: the function quick pick, then the result and the REPORT line.
  const input = await palette(page, 'Lambda: Invoke');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'TsApp' }).first().waitFor({ timeout: 20_000 });
  await input.fill('TsApp');
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  const resultShown = await page.waitForFunction(() => [...document.querySelectorAll('.editor-instance .view-lines')].some((e) => (e.textContent || '').replace(/\u00a0/g, ' ').includes('"message": "hello, typescript"')), null, { timeout: 60_000 }).then(() => true, () => false);
  await shot('07-vsix-ts-result.png');
  await palette(page, 'Lambda: Show Logs');
  const reported = await page.waitForFunction(() => [...document.querySelectorAll('.part.panel .view-lines')].some((e) => /REPORT\s+RequestId:/.test(e.textContent)), null, { timeout: 30_000 }).then(() => true, () => false);
  const panel = norm((await page.locator('.part.panel .view-lines').allTextContents()).join('\n'));
  log('output panel (installed .vsix):', JSON.stringify(panel.slice(-500)));
  check(resultShown && reported && !/Cannot find esbuild/.test(panel), 'installed .vsix, folder outside the repository: a TypeScript function (BuildMethod esbuild) invokes with the shipped esbuild');

  // Open Handler through the esbuild entry points, then CodeLens above the export.
  await palette(page, 'Lambda: Open Handler');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'TsApp' }).first().waitFor({ timeout: 20_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: 'app.ts' }).first().waitFor({ timeout: 20_000 }).catch(() => {});
  const tab = norm(await page.locator('.tabs-container .tab.active').first().textContent().catch(() => ''));
  const lens = await page.locator('.codelens-decoration', { hasText: 'Invoke TsApp' }).first().waitFor({ timeout: 20_000 }).then(() => true, () => false);
  await shot('08-vsix-open-handler.png');
  check(tab.includes('app.ts') && lens, `Open Handler opens src/app.ts of the esbuild layout with CodeLens above the handler (active tab "${tab}")`);
  return failures;
}
