// VS Code test tier: checks through the browser UI: the Lambda view lists the fixture's functions, and
// "Lambda: Invoke" from the command palette puts a REPORT line in the Output panel. Returns the failures.
/* global document */
import path from 'node:path';
import { runBlueprintUiChecks } from './blueprintUiChecks.mjs';

const norm = (s) => (s || '').replace(/\u00a0/g, ' ');

export async function runUiChecks(page, url, artifacts, log) {
  let failures = 0;
  const check = (ok, what) => { if (ok) log('PASS', what); else { failures++; log('FAIL', what); } };
  const shot = (name) => page.screenshot({ path: path.join(artifacts, name) }).catch(() => {});
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60_000 });
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });

  // A fresh window, the Lambda view never opened: the palette offers the function commands (opened again
  // while the extension activates: an open palette does not follow context keys).
  {
    const input = page.locator('.quick-input-widget input');
    let listed = '';
    let offered = false;
    for (let attempt = 0; attempt < 10 && !offered; attempt++) {
      await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      // One filter per command: the list shows only the rows that fit, and the Lambda commands outnumber them.
      const seen = [];
      for (const t of ['Lambda: Invoke', 'Lambda: Debug', 'Lambda: Package']) {
        await input.fill(`>${t}`);
        await page.waitForTimeout(500);
        seen.push(norm((await page.locator('.quick-input-list .monaco-list-row').allTextContents()).join(' | ')));
      }
      listed = seen.join(' || ');
      offered = ['Lambda: Invoke', 'Lambda: Debug', 'Lambda: Package'].every((t, i) => seen[i].includes(t));
      if (!offered) await page.keyboard.press('Escape');
    }
    log('palette before the Lambda view is opened:', listed);
    await shot('01b-palette-fresh-window.png');
    check(offered, 'a fresh window offers Lambda: Invoke, Debug and Package in the palette before the Lambda view is opened');
    await page.keyboard.press('Escape');
  }

  // The Lambda view container.
  const icon = page.locator('.part.activitybar .action-item [aria-label^="Lambda"]').first();
  await icon.waitFor({ timeout: 30_000 }).catch(() => {});
  await icon.click().catch((e) => log('could not click the Lambda activity bar item:', e.message));
  await page.locator('.part.sidebar .monaco-list-row', { hasText: 'Hello' }).first().waitFor({ timeout: 30_000 }).catch(() => {});
  const rows = norm((await page.locator('.part.sidebar .monaco-list-row').allTextContents()).join(' | '));
  log('sidebar rows:', rows);
  check(['Hello', 'Fails', 'PyHello', 'Orders', 'CommonLayer'].every((f) => rows.includes(f)), 'the Lambda view lists the fixture functions and layer');
  check(rows.includes('nodejs20.x · 256 MB · 5 s'), 'function description shows runtime, memory, timeout');
  await shot('02-lambda-view.png');

  // Invoke from the palette: command, then the function quick pick.
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill('>Lambda: Invoke');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Lambda: Invoke' }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Fails' }).first().waitFor({ timeout: 15_000 });
  await input.fill('Hello');
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(1500);
  await page.keyboard.press('F1');
  await input.fill('>Lambda: Show Logs');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Lambda: Show Logs' }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  const seen = await page.waitForFunction(() => [...document.querySelectorAll('.part.panel .view-lines')].some((e) => /REPORT\s+RequestId:\s+[0-9a-f-]{36}/.test(e.textContent)), null, { timeout: 30_000 }).then(() => true, () => false);
  const panel = norm((await page.locator('.part.panel .view-lines').allTextContents()).join('\n'));
  log('output panel:', JSON.stringify(panel.slice(-400)));
  // Show Logs opens the plain Lambda Functions channel: the `[Hello]` header, then lines as written (no log-channel `[info]` prefix).
  check(seen && panel.includes('[Hello]') && !/\[info\]\s*START RequestId/.test(panel), 'Invoke from the palette shows a REPORT line in the Lambda Functions output panel, lines as written');
  await shot('03-invoke-output.png');

  // The History view lists the invocation just made; a click opens its result.
  const historyHeader = page.locator('.part.sidebar .pane-header', { hasText: 'History' }).first();
  if ((await historyHeader.getAttribute('aria-expanded').catch(() => 'true')) === 'false') await historyHeader.click().catch(() => {});
  const entry = page.locator('.part.sidebar .monaco-list-row', { hasText: /\d\d:\d\d:\d\d success/ }).first();
  const listed = await entry.waitFor({ timeout: 20_000 }).then(() => true, () => false);
  const historyRows = norm((await page.locator('.part.sidebar .monaco-list-row').allTextContents()).join(' | '));
  log('sidebar rows with history:', historyRows);
  await shot('04-history-view.png');
  check(listed && /Hello.*\d\d:\d\d:\d\d success[\d.]+ ms · billed \d+ ms · (cold|warm) · vscode/.test(historyRows), 'the History view lists the palette invoke with status, duration and origin');
  if (listed) await entry.click();
  const opened = await page.waitForFunction(() => [...document.querySelectorAll('.editor-instance .view-lines')].some((e) => /Hello · SUCCESS · request/.test((e.textContent || '').replace(/\u00a0/g, ' '))), null, { timeout: 15_000 }).then(() => true, () => false);
  await shot('05-history-result.png');
  check(opened, 'clicking a History entry opens its result (event and response)');

  // A long invoke shows a notification with Cancel; clicking it ends the invocation as cancelled.
  {
    const cancelledBefore = await page.locator('.part.sidebar .monaco-list-row', { hasText: /\d\d:\d\d:\d\d cancelled/ }).count();
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill('>Lambda: Invoke with Event');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Lambda: Invoke with Event' }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Fails' }).first().waitFor({ timeout: 15_000 });
    await input.fill('Hello');
    await page.waitForTimeout(300);
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'wait-20s' }).first().waitFor({ timeout: 15_000 }).catch(() => {});
    const eventRows = norm((await page.locator('.quick-input-list .monaco-list-row').allTextContents()).join(' | '));
    log('event picker rows:', eventRows);
    await shot('06a-event-picker.png');
    check(/api-request.*events\/api-request\.json/.test(eventRows) && /wait-20s.*hello\/events\/wait-20s\.json/.test(eventRows), "the event picker offers the project's events/*.json (template folder and function folder)");
    await input.fill('wait-20s');
    await page.waitForTimeout(300);
    await page.keyboard.press('Enter');
    // With the smoke-test driver on, VS Code shows no toasts: notifications go to the Notifications center.
    await page.keyboard.press('F1');
    await input.fill('>Notifications: Show Notifications');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Notifications' }).first().waitFor({ timeout: 10_000 }).catch(() => {});
    await page.keyboard.press('Enter');
    const item = page.locator('.notifications-center .notification-list-item', { hasText: 'Invoking Hello' }).first();
    const shown = await item.waitFor({ timeout: 4_000 }).then(() => true, () => false);
    await shot('06-invoke-progress-cancel.png');
    check(shown, 'a running invoke shows a progress notification');
    const button = item.locator('.monaco-button', { hasText: 'Cancel' }).first();
    const clicked = shown && await button.click({ timeout: 3_000 }).then(() => true, (e) => { log('could not click Cancel:', e.message); return false; });
    const told = page.locator('.notifications-center .notification-list-item', { hasText: 'was cancelled while it ran' }).first();
    const cancelled = clicked && await told.waitFor({ timeout: 10_000 }).then(() => true, () => false);
    await shot('07-invoke-cancelled.png');
    check(cancelled, 'its Cancel button ends the invocation as cancelled (said in a notification)');
    const cancelledRows = page.locator('.part.sidebar .monaco-list-row', { hasText: /\d\d:\d\d:\d\d cancelled/ });
    const historyCancelled = await page.waitForFunction((n) => [...document.querySelectorAll('.part.sidebar .monaco-list-row')].filter((e) => /\d\d:\d\d:\d\d cancelled/.test(e.textContent || '')).length > n, cancelledBefore, { timeout: 10_000 }).then(() => true, () => false);
    log('cancelled rows in the History view:', await cancelledRows.count());
    check(historyCancelled, 'the History view lists the cancelled invocation');

    // The event chosen last is offered first (Enter reuses it).
    await page.keyboard.press('F1');
    await input.fill('>Lambda: Invoke with Event');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Lambda: Invoke with Event' }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Fails' }).first().waitFor({ timeout: 15_000 });
    await input.fill('Hello');
    await page.waitForTimeout(300);
    await page.keyboard.press('Enter');
    const firstRow = page.locator('.quick-input-list .monaco-list-row', { hasText: 'last used' }).first();
    await firstRow.waitFor({ timeout: 15_000 }).catch(() => {});
    const rowsNow = norm((await page.locator('.quick-input-list .monaco-list-row').allTextContents()).join(' | '));
    log('event picker rows, second time:', rowsNow);
    check(/^\s*wait-20s\s*last used/.test(rowsNow), 'the event picker offers the event chosen last time first');
    await page.keyboard.press('Escape');
  }
  // A published layer version: its context menu's Delete Layer Version asks first (modal), then removes it.
  {
    await page.keyboard.press('F1');
    await input.fill('>Lambda: Publish Layer Version');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Lambda: Publish Layer Version' }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    if (await page.locator('.quick-input-list .monaco-list-row', { hasText: 'CommonLayer' }).first().waitFor({ timeout: 5_000 }).then(() => true, () => false)) await page.keyboard.press('Enter');
    // The Layers view lists the new version under CommonLayer.
    const layersHeader = page.locator('.part.sidebar .pane-header', { hasText: 'Layers' }).first();
    if ((await layersHeader.getAttribute('aria-expanded').catch(() => 'true')) === 'false') await layersHeader.click().catch(() => {});
    const layerRow = page.locator('.part.sidebar .monaco-list-row', { hasText: 'CommonLayer' }).first();
    if ((await layerRow.getAttribute('aria-expanded').catch(() => 'true')) === 'false') await layerRow.click().catch(() => {});
    const versionRow = page.locator('.part.sidebar .monaco-list-row', { hasText: /common:\d+/ }).first();
    const listed = await versionRow.waitFor({ timeout: 20_000 }).then(() => true, () => false);
    const label = listed ? norm(await versionRow.locator('.label-name').first().textContent()) : '';
    log('layer version row:', label);
    check(listed, 'Publish Layer Version lists the new version in the Layers view');
    if (listed) {
      await versionRow.click({ button: 'right' });
      const menuItem = page.locator('.context-view .action-item', { hasText: 'Delete Layer Version' }).first();
      const offered = await menuItem.waitFor({ timeout: 5_000 }).then(() => true, () => false);
      const copyOffered = await page.locator('.context-view .action-item', { hasText: 'Copy ARN' }).first().isVisible().catch(() => false);
      await shot('08-layer-version-menu.png');
      check(offered && copyOffered, 'a layer version offers Copy ARN and Delete Layer Version');
      if (offered) await menuItem.click();
      const dialog = page.locator('.monaco-dialog-box', { hasText: `Delete layer version ${label}?` }).first();
      const asked = offered && await dialog.waitFor({ timeout: 5_000 }).then(() => true, () => false);
      await shot('09-layer-version-delete-confirm.png');
      check(asked, 'Delete Layer Version asks in a modal dialog first');
      if (asked) await dialog.locator('.monaco-button', { hasText: 'Delete' }).first().click();
      const gone = asked && await page.waitForFunction((l) => ![...document.querySelectorAll('.part.sidebar .monaco-list-row .label-name')].some((e) => (e.textContent || '').replace(/\u00a0/g, ' ') === l), label, { timeout: 10_000 }).then(() => true, () => false);
      check(gone, 'after confirming, the layer version is gone from the Layers view');
    }
  }
  // Invoke Async from the palette (Fails with the project's api-request event, which it rejects): the Functions
  // tree shows Fails' "Async queue" with the event waiting for its retry; the Resources view lists the local
  // queues (the DLQ with its badge) and the topic with its subscription.
  {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill('>Lambda: Invoke Async');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Lambda: Invoke Async' }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Fails' }).first().waitFor({ timeout: 15_000 });
    await input.fill('Fails');
    await page.waitForTimeout(300);
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'api-request' }).first().waitFor({ timeout: 15_000 }).catch(() => {});
    await input.fill('api-request');
    await page.waitForTimeout(300);
    await page.keyboard.press('Enter');
    const functionsPane = page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: 'Functions' }) }).first();
    const failsRow = functionsPane.locator('.monaco-list-row', { hasText: /Fails\s*nodejs/ }).first();
    await failsRow.waitFor({ timeout: 10_000 }).catch(() => {});
    if ((await failsRow.getAttribute('aria-expanded').catch(() => 'true')) === 'false') await failsRow.click().catch(() => {});
    const queueRow = functionsPane.locator('.monaco-list-row', { hasText: /Async queue\s*1 queued · 0 in flight · next retry \d\d:\d\d:\d\d/ }).first();
    const queued = await queueRow.waitFor({ timeout: 30_000 }).then(() => true, () => false);
    log('Functions rows with the async queue:', norm((await functionsPane.locator('.monaco-list-row').allTextContents()).join(' | ')));
    await shot('10-async-queue.png');
    check(queued, 'Invoke Async from the palette shows the event in Fails\' "Async queue" (1 queued · 0 in flight · next retry hh:mm:ss)');

    const resourcesHeader = page.locator('.part.sidebar .pane-header', { hasText: 'Resources' }).first();
    if ((await resourcesHeader.getAttribute('aria-expanded').catch(() => 'true')) === 'false') await resourcesHeader.click().catch(() => {});
    const resourcesPane = page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: 'Resources' }) }).first();
    const dlqRow = resourcesPane.locator('.monaco-list-row', { hasText: /dead-letters\s*DLQ · \d+ visible · \d+ in flight/ }).first();
    const shown = await dlqRow.waitFor({ timeout: 20_000 }).then(() => true, () => false);
    const resourceRows = norm((await resourcesPane.locator('.monaco-list-row').allTextContents()).join(' | '));
    log('Resources rows:', resourceRows);
    await shot('11-resources-view.png');
    check(shown && /Queues\s*2/.test(resourceRows) && /inbox\s*\d+ visible · \d+ in flight/.test(resourceRows) && /notices\s*1 subscription/.test(resourceRows) && resourceRows.includes('sqs → inbox'),
      'the Resources view lists the queues (the DLQ with its badge) and the topic with its subscription');
  }
  // The APIs view (collapsed at first, so it takes no room from the others): opened, it lists the fixture's HTTP
  // and REST APIs with their routes and the function URL.
  {
    const apisHeader = page.locator('.part.sidebar .pane-header', { hasText: /^APIs/ }).first();
    if ((await apisHeader.getAttribute('aria-expanded').catch(() => 'false')) === 'false') await apisHeader.click().catch((e) => log('could not open the APIs view:', e.message));
    const apisPane = page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: /^APIs/ }) }).first();
    const routeRow = apisPane.locator('.monaco-list-row', { hasText: /GET \/hello\s*→ Hello/ }).first();
    const listed = await routeRow.waitFor({ timeout: 20_000 }).then(() => true, () => false);
    const apiRows = norm((await apisPane.locator('.monaco-list-row').allTextContents()).join(' | '));
    log('APIs rows:', apiRows);
    await shot('12-apis-view.png');
    check(listed && /ServerlessHttpApi\s*HTTP API/.test(apiRows) && /ServerlessRestApi\s*REST API · stage Prod/.test(apiRows) && apiRows.includes('POST /greet/{name}') && apiRows.includes('PyHello'),
      'the APIs view lists the HTTP API and REST API with their routes, and the function URL');
  }
  await runBlueprintUiChecks(page, check, shot, log);
  return failures;
}
