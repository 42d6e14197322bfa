// VS Code test tier, offline launcher: runs the mocha suites inside a real VS Code (code-server, on Node 24)
// driven by headless chromium through playwright-core, then a few UI checks, then checks that no
// execution environment outlived the extension host. See /docs/vscode-testing.md for the route.
//   node test/vscode/runCodeServer.mjs            (npm run test:vscode builds first)
//   LWB_TEST_GREP=invoke node test/vscode/runCodeServer.mjs
//   LWB_RESTRICTED=1 node test/vscode/runCodeServer.mjs   (workspace trust on, the workspace untrusted: the
//   Restricted Mode suite only, no UI or .vsix checks; npm run test:vscode runs it after the trusted run)
//   LWB_SCREENSHOTS=1 node test/vscode/runCodeServer.mjs (npm run screenshots: only the README's screenshots,
//   written to media/screenshots/)
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { runUiChecks } from './uiChecks.mjs';
import { leftoverEnvironments } from './processCheck.mjs';
import { prepareVsix, runVsixChecks } from './vsixCheck.mjs';
import { takeReadmeScreenshots } from './screenshots.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { fetch, clearTimeout } = globalThis;
const repo = path.resolve(here, '..', '..');
const restricted = !!process.env.LWB_RESTRICTED;
const screenshots = !!process.env.LWB_SCREENSHOTS;
const artifacts = path.join(repo, 'test-artifacts', restricted ? 'vscode-restricted' : 'vscode');
const t0 = Date.now();
const log = (...a) => console.log(`[vscode-tests +${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// 1. Tools (cached outside the clone; see ensureTools.sh).
const tools = spawnSync('bash', [path.join(here, 'ensureTools.sh')], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
if (tools.status !== 0) process.exit(tools.status ?? 1);
const cache = tools.stdout.trim().split('\n').pop();
const node24 = path.join(cache, `node-${process.env.NODE24_VERSION ?? '24.21.0'}`);
const codeServer = path.join(cache, `code-server-${process.env.CODE_SERVER_VERSION ?? '4.139.1'}`, 'node_modules', 'code-server');
if (!existsSync(path.join(repo, 'dist', 'vscode-test', 'suite', 'index.js'))) throw new Error('Build first: node scripts/build.mjs && node test/vscode/build.mjs');

// 2. Throwaway VS Code state and a copy of the fixture workspace.
const tmp = mkdtempSync(path.join(tmpdir(), 'lwb-vscode-'));
const ws = path.join(tmp, 'workspace');
cpSync(path.join(here, 'workspace'), ws, { recursive: true });
rmSync(artifacts, { recursive: true, force: true });
mkdirSync(path.join(tmp, 'data', 'User'), { recursive: true });
mkdirSync(path.join(tmp, 'exts'));
writeFileSync(path.join(tmp, 'data', 'User', 'settings.json'), JSON.stringify({
  'telemetry.telemetryLevel': 'off', 'workbench.startupEditor': 'none', 'workbench.enableExperiments': false,
  'workbench.tips.enabled': false, 'security.workspace.trust.enabled': restricted, 'update.mode': 'none',
  // Restricted Mode run: the folder opens untrusted, without asking.
  ...(restricted ? { 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.emptyWindow': false } : {}),
  'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true, 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'git.enabled': false,
  'remote.autoForwardPorts': false,
  // Functions run on this Node (the runner's), not on code-server's Node 24.
  'lambdaWorkbench.runtimes.interpreters': { nodejs: process.execPath },
}, null, 2));
const port = await new Promise((res) => { const s = createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); }); });
writeFileSync(path.join(tmp, 'config.yaml'), `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);

// The .vsix installed as a user installs it (checked last, on a folder outside the repository).
const outside = process.env.LWB_SKIP_VSIX || restricted || screenshots ? undefined : prepareVsix({ repo, here, tmp, node24, codeServer, log });

// 3. code-server in its own process group (stopped with one kill of the group).
const url = `http://127.0.0.1:${port}`;
const server = spawn(path.join(node24, 'bin', 'node'), [path.join(codeServer, 'out', 'node', 'entry.js'),
  '--config', path.join(tmp, 'config.yaml'), '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
  '--disable-telemetry', '--disable-update-check', ...(restricted ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override',
  '--reconnection-grace-time', '3', '--vscode-option', 'enable-smoke-test-driver',
  '--user-data-dir', path.join(tmp, 'data'), '--extensions-dir', path.join(tmp, 'exts'), ws],
{ detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PATH: `${path.join(node24, 'bin')}:${process.env.PATH}`, LWB_TEST_OUT: artifacts, ...(restricted ? { LWB_TEST_GREP: 'Restricted Mode' } : {}) } });
let serverLog = '';
server.stdout.on('data', (d) => { serverLog += d; });
server.stderr.on('data', (d) => { serverLog += d; });
const stopServer = () => { try { process.kill(-server.pid, 'SIGTERM'); } catch { /* gone */ } };
process.on('exit', stopServer);
for (let i = 0; i < 150; i++) {
  if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break;
  await sleep(200);
}
log(`code-server ${path.basename(path.dirname(path.dirname(codeServer)))} up on ${url}`);

// 4. The browser. The workbench loads our extension from the development path (payload route).
const html = await (await fetch(`${url}/?folder=${encodeURIComponent(ws)}`)).text();
const authority = JSON.parse(/data-settings="([^"]*)"/.exec(html)[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&')).remoteAuthority;
const remote = (p) => `vscode-remote://${authority}${p}`;
const workbenchUrl = (payload) => `${url}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
const profile = path.join(tmp, 'chrome');
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, viewport: { width: 1400, height: 900 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
let failures = 0;
try {
  if (screenshots) {
    const shots = context.pages()[0] ?? await context.newPage();
    mkdirSync(path.join(repo, 'media', 'screenshots'), { recursive: true });
    mkdirSync(artifacts, { recursive: true });
    failures += await takeReadmeScreenshots(shots, workbenchUrl([['extensionDevelopmentPath', remote(repo)]]), path.join(repo, 'media', 'screenshots'), artifacts, log);
    await shots.close();
  }
  // 4a. The mocha suites in the extension host.
  const page = screenshots ? undefined : context.pages()[0] ?? await context.newPage();
  if (page) {
    let exitCode = null;
    await page.exposeFunction('codeAutomationLog', (_type, args) => console.log('  ' + format(...args)));
    await page.exposeFunction('codeAutomationExit', (code) => { exitCode = code; });
    await page.goto(workbenchUrl([
      ['extensionDevelopmentPath', remote(repo)],
      ['extensionTestsPath', remote(path.join(repo, 'dist', 'vscode-test', 'suite', 'index.js'))],
    ]), { waitUntil: 'domcontentloaded' });
    const end = Date.now() + Number(process.env.LWB_TESTS_TIMEOUT_MS ?? 300_000);
    while (exitCode === null && Date.now() < end) await sleep(250);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, '01-extension-tests.png') }).catch(() => {});
    const result = existsSync(path.join(artifacts, 'result.json')) ? JSON.parse(readFileSync(path.join(artifacts, 'result.json'), 'utf8')) : undefined;
    log(`extension-host suites: exit code ${exitCode}, ${JSON.stringify(result)}`);
    if (exitCode !== 0) failures++;
    // An untrusted window must really have run the Restricted Mode suite (it skips itself in a trusted one).
    if (restricted && !(result?.passes > 0 && result?.pending === 0)) { failures++; log('FAIL the Restricted Mode suite did not run in an untrusted window'); }
    await page.close();
  }

  // 4b. UI checks through the browser, with the extension loaded from the development path only.
  if (!process.env.LWB_SKIP_UI && !restricted && !screenshots) {
    const ui = await context.newPage();
    failures += await runUiChecks(ui, workbenchUrl([['extensionDevelopmentPath', remote(repo)]]), artifacts, log);
    await ui.close();
  }
  // 4c. The installed .vsix (no development path) on a TypeScript app outside the repository.
  if (outside) {
    const page = await context.newPage();
    failures += await runVsixChecks(page, `${url}/?folder=${encodeURIComponent(outside)}`, artifacts, log);
    await page.close();
  }
} finally {
  await context.close();
}

// 5. Deactivation: once the extension hosts have shut down, no environment may be left running.
const leftovers = await leftoverEnvironments(ws, path.join(repo, 'dist', 'runtimes'), 30_000);
if (leftovers.length) { failures++; log('FAIL leftover environment processes:', leftovers); } else log('PASS no environment process outlived the extension hosts');
// Stop the whole code-server process group and wait until it has exited (SIGKILL after 10 s), so that
// nothing is still writing into its user-data folder when that folder is removed.
const exited = server.exitCode !== null || server.signalCode !== null ? Promise.resolve()
  : new Promise((resolve) => server.once('exit', resolve));
stopServer();
const killTimer = setTimeout(() => { try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ } }, 10_000);
await exited;
clearTimeout(killTimer);
// Children of the group may outlive the leader by a moment: kill what is left of the group.
try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ }
if (failures) writeFileSync(path.join(artifacts, 'code-server.log'), serverLog);
// The temp folder is ours to clean, but a leftover is not a test failure: say so and go on.
if (process.env.LWB_KEEP_TMP) log(`kept ${tmp}`);
else try { rmSync(tmp, { recursive: true, force: true, maxRetries: 20, retryDelay: 250 }); }
catch (error) { log(`note: could not remove ${tmp} (${error.code}); left for the system to clean`); }
log(failures ? `${failures} failure(s); artifacts in ${artifacts}` : `all passed; artifacts in ${artifacts}`);
process.exit(failures ? 1 : 0);
